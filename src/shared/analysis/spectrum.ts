/**
 * Power spectral density of a uniformly sampled signal (e.g. the population rate) by Welch's
 * method: Hann-windowed segments with 50 % overlap, one-sided, density scaling as scipy.signal.welch
 * (so Σ P · df ≈ the signal's variance after the mean is removed).
 */

const MS_PER_S = 1000;

export interface Spectrum {
  /** Frequencies, Hz. */
  readonly freqHz: Float64Array;
  /** Power per Hz, in the signal's unit squared per Hz. */
  readonly power: Float64Array;
}

/** In-place iterative radix-2 FFT; re and im have a power-of-two length. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

function largestPowerOfTwoAtMost(n: number): number {
  let p = 1;
  while (p * 2 <= n) p *= 2;
  return p;
}

/**
 * Welch PSD of `signal` sampled every `dtMs` ms. `segment` (samples, rounded down to a power of
 * two) sets the frequency resolution 1 / (segment · dt); default: the largest power of two that
 * fits 8 segments, but at least 256 samples or the whole signal.
 */
export function powerSpectrum(signal: ArrayLike<number>, dtMs: number, segment?: number): Spectrum {
  const n = signal.length;
  if (n < 2) return { freqHz: new Float64Array(0), power: new Float64Array(0) };
  const wanted = segment ?? Math.max(Math.min(256, n), Math.floor(n / 4.5));
  const seg = largestPowerOfTwoAtMost(Math.min(n, Math.max(2, wanted)));
  const fs = MS_PER_S / dtMs;
  const window = new Float64Array(seg);
  let wSq = 0;
  for (let i = 0; i < seg; i++) {
    window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / seg); // periodic Hann, as scipy's default
    wSq += window[i] ** 2;
  }
  const bins = seg / 2 + 1;
  const power = new Float64Array(bins);
  const hop = seg / 2;
  const re = new Float64Array(seg);
  const im = new Float64Array(seg);
  let segments = 0;
  for (let start = 0; start + seg <= n; start += hop) {
    let mean = 0;
    for (let i = 0; i < seg; i++) mean += signal[start + i];
    mean /= seg;
    for (let i = 0; i < seg; i++) {
      re[i] = (signal[start + i] - mean) * window[i];
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k < bins; k++) power[k] += re[k] * re[k] + im[k] * im[k];
    segments++;
  }
  const freqHz = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    const oneSided = k === 0 || k === seg / 2 ? 1 : 2;
    power[k] *= oneSided / (fs * wSq * segments);
    freqHz[k] = (k * fs) / seg;
  }
  return { freqHz, power };
}

/** Frequency (Hz) of the largest power in [loHz, hiHz], e.g. the gamma peak in 30–80 Hz. */
export function peakFrequency(s: Spectrum, loHz = 0, hiHz = Infinity): number | null {
  let best = -1;
  let at: number | null = null;
  for (let k = 0; k < s.freqHz.length; k++) {
    const f = s.freqHz[k];
    if (f < loHz || f > hiHz) continue;
    if (s.power[k] > best) {
      best = s.power[k];
      at = f;
    }
  }
  return at;
}

/** Welch segment of a population-rate spectrum, ms: a few hundred ms of run already show a rhythm such as PING's gamma. */
const RATE_SEGMENT_MS = 200;
const RATE_MIN_SEGMENT = 64;
/** Peaks below this are the rate's slow drift, not a rhythm, Hz. */
const RATE_PEAK_MIN_HZ = 5;
/** Largest frequency a rate spectrum looks at, Hz (population rhythms live well below). */
export const RATE_SPECTRUM_MAX_HZ = 200;

/**
 * Spectrum of a population rate (Hz, one value per step of `dtMs`) and its peak: the settings of the
 * rate-spectrum plot, which a lesson's peak-frequency check uses too, so both report one number.
 */
export function rateSpectrum(rate: ArrayLike<number>, dtMs: number): { readonly spectrum: Spectrum; readonly peakHz: number | null } {
  const segment = Math.min(rate.length, Math.max(RATE_MIN_SEGMENT, Math.round(RATE_SEGMENT_MS / dtMs)));
  const spectrum = powerSpectrum(rate, dtMs, segment);
  return { spectrum, peakHz: peakFrequency(spectrum, RATE_PEAK_MIN_HZ, RATE_SPECTRUM_MAX_HZ) };
}
