/**
 * Randman, the random-manifold spike-timing task of Zenke & Vogels (2021), generated from a seed
 * with no download (after the authors' `randman` package, github.com/fzenke/randman). Each class
 * is a smooth random D-dimensional manifold embedded in the input space: unit i's coordinate is
 * prod_d Σ_f θ0·(f+1)^-α·sin(2π(f·x_d·θ1 + θ2)), θ ~ U(0,1), no offset term (θ0 of f = 0 is 0),
 * frequencies up to ceil(prec^(-1/α)). A sample draws x ~ U(0,1)^D; each coordinate, rescaled to
 * [0, 1] over the class's samples, is the spike time of that unit as a fraction of the duration
 * (one spike per unit and sub-manifold), so the class is in the timing only, not in the counts.
 */
import { streamFor, type Rng } from '../../random';
import type { SpikeDataset, SpikeSample } from '../dataset';

export interface RandmanOptions {
  readonly classes: number;
  /** Input units (embedding dimension). */
  readonly units: number;
  /** Intrinsic manifold dimension D. */
  readonly dims: number;
  /** Smoothness: the power-spectrum fall-off exponent. */
  readonly alpha: number;
  readonly samplesPerClass: number;
  /** Spikes per unit (one sub-manifold each). */
  readonly spikesPerUnit: number;
  /** Length of a sample, ms. */
  readonly duration: number;
  readonly seed: number;
}

/** The small setting of Zenke & Vogels (2021): 10 classes, 20 inputs, D = 1, α = 1, one spike per unit in 50 ms, 1000 samples per class. */
export const RANDMAN_PAPER: Omit<RandmanOptions, 'seed'> = { classes: 10, units: 20, dims: 1, alpha: 1, samplesPerClass: 1000, spikesPerUnit: 1, duration: 50 };

/** Precision that sets the highest frequency, and its cap (the package's defaults). */
const PRECISION = 1e-3;
const MAX_FREQUENCIES = 1000;
/** Keeps the rescaling finite when a unit's coordinate is constant over a class. */
const STANDARDIZE_EPS = 1e-7;

class Manifold {
  private readonly theta: Float64Array;
  private readonly amp: Float64Array;

  constructor(readonly units: number, readonly dims: number, readonly alpha: number, rng: Rng) {
    const nf = (this.nf = Math.min(Math.ceil(PRECISION ** (-1 / alpha)), MAX_FREQUENCIES));
    this.theta = new Float64Array(units * dims * 3 * nf);
    for (let k = 0; k < this.theta.length; k++) this.theta[k] = rng.uniform();
    for (let i = 0; i < units; i++) for (let d = 0; d < dims; d++) this.theta[((i * dims + d) * 3 + 0) * nf] = 0;
    this.amp = Float64Array.from({ length: nf }, (_, f) => (f + 1) ** -alpha);
  }

  readonly nf: number;

  /** Coordinates of the manifold point x (length dims) in the units' space. */
  point(x: Float64Array, out: Float64Array): void {
    const { nf, theta, amp, dims } = this;
    for (let i = 0; i < this.units; i++) {
      let prod = 1;
      for (let d = 0; d < dims; d++) {
        const base = (i * dims + d) * 3 * nf;
        let sum = 0;
        for (let f = 0; f < nf; f++) sum += theta[base + f] * amp[f] * Math.sin(2 * Math.PI * (f * x[d] * theta[base + nf + f] + theta[base + 2 * nf + f]));
        prod *= sum;
      }
      out[i] = prod;
    }
  }
}

export function randman(o: RandmanOptions): SpikeDataset {
  for (const [name, v] of Object.entries({ classes: o.classes, units: o.units, dims: o.dims, samplesPerClass: o.samplesPerClass, spikesPerUnit: o.spikesPerUnit })) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`randman: ${name} must be a whole number of at least 1 (got ${v}).`);
  }
  if (!(o.alpha > 0)) throw new Error(`randman: alpha must be positive (got ${o.alpha}).`);
  if (!(o.duration > 0)) throw new Error(`randman: duration must be positive ms (got ${o.duration}).`);
  const samples: SpikeSample[] = [];
  const perSample = o.units * o.spikesPerUnit;
  for (let c = 0; c < o.classes; c++) {
    const xs = streamFor(o.seed, 'randman', 'x', c);
    const x = Array.from({ length: o.samplesPerClass }, () => Float64Array.from({ length: o.dims }, () => xs.uniform()));
    const times = Array.from({ length: o.samplesPerClass }, () => new Float64Array(perSample));
    for (let s = 0; s < o.spikesPerUnit; s++) {
      const m = new Manifold(o.units, o.dims, o.alpha, streamFor(o.seed, 'randman', 'manifold', c, s));
      const y = x.map((xi) => {
        const out = new Float64Array(o.units);
        m.point(xi, out);
        return out;
      });
      for (let i = 0; i < o.units; i++) {
        let lo = Infinity;
        let hi = -Infinity;
        for (const yi of y) {
          lo = Math.min(lo, yi[i]);
          hi = Math.max(hi, yi[i]);
        }
        y.forEach((yi, k) => (times[k][s * o.units + i] = ((yi[i] - lo) / (hi - lo + STANDARDIZE_EPS)) * o.duration));
      }
    }
    const units = Int32Array.from({ length: perSample }, (_, k) => k % o.units);
    for (const t of times) samples.push({ times: t, units, label: c });
  }
  return { name: 'randman', nInputs: o.units, nClasses: o.classes, duration: o.duration, samples };
}
