/** The seeded generator: reproducible, independent per purpose, with the right moments. */
import { describe, expect, it } from 'vitest';
import { streamFor } from '../../src/engine/random';

describe('random streams', () => {
  it('the same seed and keys give the same sequence; other keys or seeds another', () => {
    const draw = (seed: number, ...keys: (string | number)[]): number[] => {
      const r = streamFor(seed, ...keys);
      return Array.from({ length: 8 }, () => r.nextU32());
    };
    expect(draw(42, 'poisson', 'bg')).toEqual(draw(42, 'poisson', 'bg'));
    expect(draw(42, 'poisson', 'bg')).not.toEqual(draw(43, 'poisson', 'bg'));
    expect(draw(42, 'poisson', 'bg')).not.toEqual(draw(42, 'poisson', 'bg2'));
    expect(draw(42, 'a', 1)).not.toEqual(draw(42, 'a1'));
    expect(draw(42, 'a', 1)).not.toEqual(draw(42, 'a', '1'));
  });

  it('uniform, normal and int have the right moments (4σ bounds for 200000 draws)', () => {
    const r = streamFor(1, 'moments');
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    const bins = new Int32Array(10);
    for (let i = 0; i < n; i++) {
      su += r.uniform();
      const z = r.normal();
      sn += z;
      sn2 += z * z;
      bins[r.int(10)]++;
    }
    // Uniform mean 1/2, σ of the mean sqrt(1/12/n) ≈ 6.5e-4; normal mean σ ≈ 2.2e-3; variance σ ≈ 3.2e-3.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sn / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    // Each bin Binomial(n, 0.1): σ ≈ 134.
    for (const b of bins) expect(Math.abs(b - n / 10)).toBeLessThan(4 * Math.sqrt(n * 0.09));
  });

  it('streams for different purposes are uncorrelated (|r| < 4/sqrt(n))', () => {
    const a = streamFor(5, 'init', 'E', 'V');
    const b = streamFor(5, 'init', 'I', 'V');
    const n = 100_000;
    let sab = 0;
    for (let i = 0; i < n; i++) sab += (a.uniform() - 0.5) * (b.uniform() - 0.5);
    // Correlation of independent uniforms: r = 12·mean(ab) with σ 1/sqrt(n).
    expect(Math.abs((12 * sab) / n)).toBeLessThan(4 / Math.sqrt(n));
  });
});
