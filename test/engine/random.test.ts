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

  it('keeps the stream it always had (values recorded from the number-field generator before the typed-array state)', () => {
    const r = streamFor(42, 'conn', 'E->I');
    expect(Array.from({ length: 6 }, () => r.nextU32())).toEqual([3297593878, 2648400463, 536063011, 1643215122, 3243458908, 793913406]);
    const state = new Int32Array(4);
    r.saveState(state);
    expect(Array.from(state)).toEqual([297983855, -220868742, -1472829395, 1429585178]);
    const q = streamFor(7, 'x');
    expect([q.int(1000), q.uniform(), q.normal(), q.range(2, 3)]).toEqual([199, 0.021629604045301676, -1.4908614518688532, 2.5075907840533525]);
  });

  it('fillInts writes the same numbers as one int() call per draw, and leaves the stream where they would', () => {
    for (const n of [1, 7, 1000, 2 ** 31, 2 ** 32]) {
      const a = streamFor(9, 'fill', n);
      const b = streamFor(9, 'fill', n);
      const out = new Int32Array(1030).fill(-1);
      a.fillInts(n, out, 3, 1000);
      a.fillInts(n, out, 1003, 0);
      const expected = Array.from({ length: 1000 }, () => b.int(n));
      // Bins as int32: n = 2^32 draws up to 2^32 - 1, stored wrapped like any Int32Array write.
      expect(Array.from(out.subarray(3, 1003))).toEqual(Array.from(Int32Array.from(expected)));
      expect(Array.from(out.subarray(0, 3))).toEqual([-1, -1, -1]);
      expect(out[1003]).toBe(-1);
      expect(a.nextU32()).toBe(b.nextU32());
    }
  });
});

