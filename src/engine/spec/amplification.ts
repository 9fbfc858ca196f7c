/**
 * How much a synapse model's output can add up to when spikes come at every step, read off the
 * model's own kernel rather than a formula per model name: so a synapse spec added as a folder, or
 * typed in the app, gets the same bound as the bundled ones (build/threshold.ts uses it to warn
 * when even the strongest drive leaves a population below threshold).
 *
 * - A synapse whose state is per target (Expon, DualExpon, Alpha): a spike of weight 1 arrives at
 *   every step and the output settles at the sum of its kernel over steps (Expon: 1/(1 − e^{−dt/τ})).
 *   The bound is per spike: the caller scales it by the presynaptic rate.
 * - A synapse with a transmitter pulse (AMPA, GABAa, NMDA): the pulse held on, the output settles at
 *   its largest open fraction; the weight multiplies it however often spikes come.
 *
 * Undefined when the output does not settle within MAX_STEPS or is not finite: no bound, no warning.
 * The app rebuilds on every edit, so results are kept per (model, parameter values, dt)
 * (amplificationCache): an unchanged projection runs no kernel on the next build.
 */
import type { SpecModel } from '../../shared/modelspec/registry';
import type { ModelIR } from '../ir';
import { pulseSynapseFactory } from './pulseSynapseKernel';
import { specSynapseFactory } from './synapseKernel';

/** Steps after which an output that still moves counts as unbounded (10⁵ s of 0.1 ms steps would be 10⁹). */
const MAX_STEPS = 1_000_000;
/** Settled: the output moved by less than this fraction of itself in one step. */
const SETTLED = 1e-12;
/** Results kept per model before its entries are dropped (a slider dragged through values must not grow it without end). */
const MAX_CACHED_PER_MODEL = 1000;

export interface Amplification {
  /** The settled output per unit weight. */
  readonly factor: number;
  /** True: per spike arriving each step (scale by the rate); false: per synapse, whatever the rate. */
  readonly perSpike: boolean;
}

export function synapseAmplification(model: SpecModel, ir: ModelIR, dt: number): Amplification | undefined {
  const ctx = { dt, seed: 0 };
  const pulse = model.spec.synapse?.pulse !== undefined;
  let read: (step: number) => number;
  if (pulse) {
    const k = pulseSynapseFactory(model)(ir, 1, ctx);
    const arrived = Uint8Array.of(1);
    read = (step) => {
      k.advance(step, arrived);
      return k.state[0];
    };
  } else {
    const k = specSynapseFactory(model)(ir, 1, ctx);
    read = (step) => {
      (k.input ?? k.g)[0] += 1;
      k.advance?.(step);
      return k.g[0];
    };
  }
  let before = 0;
  for (let step = 0; step < MAX_STEPS; step++) {
    const now = read(step);
    if (!Number.isFinite(now)) return undefined;
    if (step > 0 && Math.abs(now - before) <= SETTLED * Math.abs(now)) return now > 0 ? { factor: now, perSpike: !pulse } : undefined;
    before = now;
  }
  return undefined;
}

/**
 * synapseAmplification's results kept per model (by object: a custom model recompiled from new text
 * is a new SpecModel, so its old results are never reused) and, within a model, per parameter values
 * and dt. `compute` is injectable and `computed` counts its calls, so tests see what was recomputed.
 */
export class AmplificationCache {
  private readonly byModel = new WeakMap<SpecModel, Map<string, Amplification | undefined>>();
  /** How many times `compute` ran (a kernel driven until it settles). */
  computed = 0;

  constructor(private readonly compute: typeof synapseAmplification = synapseAmplification) {}

  get(model: SpecModel, ir: ModelIR, dt: number): Amplification | undefined {
    let results = this.byModel.get(model);
    if (!results) this.byModel.set(model, (results = new Map()));
    const key = keyOf(ir, dt);
    if (results.has(key)) return results.get(key);
    this.computed++;
    const a = this.compute(model, ir, dt);
    if (results.size >= MAX_CACHED_PER_MODEL) results.clear();
    results.set(key, a);
    return a;
  }
}

/** The parameter values (by name, exact: String of a double round-trips, −0 kept apart) and dt. */
function keyOf(ir: ModelIR, dt: number): string {
  const show = (v: number) => (Object.is(v, -0) ? '-0' : String(v));
  return `${show(dt)}|${Object.keys(ir.params).sort().map((n) => `${n}=${show(ir.params[n])}`).join(',')}`;
}

/** The cache the build's threshold check reads (build/threshold.ts). */
export const amplificationCache = new AmplificationCache();
