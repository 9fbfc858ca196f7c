import { describe, expect, it } from 'vitest';
import { peakFrequency, powerSpectrum } from '../../src/engine/analysis';
import { rng } from './seeded';

describe('powerSpectrum', () => {
  const dt = 0.5; // ms -> 2 kHz sampling
  const n = 16_384;

  it('puts a sinusoid’s power at its frequency, and its integral equals the variance', () => {
    const f = 40; // Hz, gamma band
    const amp = 3;
    const x = Float64Array.from({ length: n }, (_, i) => 10 + amp * Math.sin((2 * Math.PI * f * i * dt) / 1000));
    const s = powerSpectrum(x, dt, 2048);
    const df = s.freqHz[1] - s.freqHz[0];
    expect(df).toBeCloseTo(2000 / 2048, 12);
    expect(Math.abs((peakFrequency(s, 20, 100) ?? 0) - f)).toBeLessThanOrEqual(df);
    // Parseval: Σ P df = variance = amp² / 2 (the mean is removed); Hann leakage keeps it within 1 %.
    const total = s.power.reduce((a, p) => a + p, 0) * df;
    expect(total / (amp * amp / 2)).toBeCloseTo(1, 2);
  });

  it('is flat at 2 σ² / fs for white noise', () => {
    const u = rng(9);
    const x = Float64Array.from({ length: n }, () => u() - 0.5); // variance 1/12
    const s = powerSpectrum(x, dt, 256);
    const expected = (2 * (1 / 12)) / 2000;
    // average over the inner bins: 63 segments x 127 bins, relative sd << 1 %; bound 5 %
    let mean = 0;
    for (let k = 1; k < s.power.length - 1; k++) mean += s.power[k];
    mean /= s.power.length - 2;
    expect(mean / expected).toBeGreaterThan(0.95);
    expect(mean / expected).toBeLessThan(1.05);
  });

  it('returns nothing for a signal too short to analyse', () => {
    expect(powerSpectrum([1], dt).freqHz.length).toBe(0);
  });
});
