/**
 * A bundled synapse spec's kernels against its closed form (the response to spikes): the typed
 * backend's kernel compiled from the spec (spec/synapseKernel.ts) in float64 at every step of a
 * spike train with varied weights, and both backends through a built network (a spike source, a
 * projection with the synapse, a silent LIF) whose g is recorded. Used by each synapse folder's
 * test and by the parametrised suite over every bundled synapse (synapseSpecs.test.ts).
 */
import { expect } from 'vitest';
import { BACKENDS } from '../engine/backends';
import { arrivalStep, buildOk, recording, sourceDoc } from '../models/synapses/helpers';
import '../../src/engine/backends/typed';
import { specSynapseFactory } from '../../src/engine/spec/synapseKernel';
import { PulseSynapseKernel } from '../../src/engine/spec/pulseSynapseKernel';
import { getBundledSynapseModel } from '../../src/shared/modelspec/registry';
import type { NetCase } from './networks';

/** A synapse model with parameters and the closed form of its response to one spike of weight 1. */
export interface SynapseClosedForm {
  readonly model: string;
  /** Document values for the projection's synapse (e.g. { tau: '5 ms' }). */
  readonly document: Readonly<Record<string, string>>;
  /** The same parameters as the IR holds them (ms; rates in Hz). */
  readonly params: Readonly<Record<string, number>>;
  /** g at t ms after a spike of weight 1 arrives (0 before). */
  readonly kernel: (t: number) => number;
  /**
   * A synapse with a pulse (states per presynaptic neuron, not summed): the state compared (default
   * the output), driven by one spike, and the bound on |state − kernel| / peak with its reason.
   */
  readonly pulse?: { readonly state?: string; readonly tolerance?: number };
}

const DT = 0.1;

/** Arrival steps and weights of the train the kernel-level check drives (overlapping responses, weights of both signs). */
const TRAIN: readonly (readonly [number, number])[] = [[0, 0.5], [7, 1.2], [8, 0.3], [60, -0.4], [61, 2], [300, 0.7], [301, 0.7], [900, 1]];

/**
 * The spec kernel's g at every step of TRAIN against Σ w_k·K((s − s_k)·dt); returns the worst
 * error relative to the peak. The kernel integrates exactly (the propagator of a linear system),
 * so the tolerance is rounding: 1e-12 of the peak over 2000 steps.
 */
export function specKernelAgreesWithClosedForm(c: SynapseClosedForm, steps = 2000): number {
  const model = getBundledSynapseModel(c.model);
  if (!model) throw new Error(`${c.model} is not a bundled synapse spec`);
  if (model.spec.synapse?.pulse) return pulseKernelAgrees(model, c, steps);
  const kernel = specSynapseFactory(model)({ model: c.model, params: { ...c.params } }, 1, { dt: DT, seed: 1 });
  const input = kernel.input as Float64Array;
  const got = new Float64Array(steps);
  const want = new Float64Array(steps);
  for (let s = 0; s < steps; s++) {
    for (const [at, w] of TRAIN) if (at === s) input[0] += w;
    kernel.advance?.(s);
    got[s] = kernel.g[0];
    for (const [at, w] of TRAIN) if (s >= at) want[s] += w * c.kernel((s - at) * DT);
  }
  const peak = Math.max(...want.map(Math.abs));
  expect(peak, 'the train gives a response').toBeGreaterThan(0.1);
  let worst = 0;
  for (let s = 0; s < steps; s++) worst = Math.max(worst, Math.abs(got[s] - want[s]) / peak);
  expect(worst, `${c.model}: worst |g − closed form| / peak`).toBeLessThan(1e-12);
  return worst;
}

/**
 * A synapse with a pulse (spec/pulseSynapseKernel.ts): its response saturates, so it is checked
 * against the closed form of one spike, arriving at step 1 of a single presynaptic neuron. The
 * pulse is on during the arrival step, so after step s the state is K((s − 1 + 1)·dt). The states
 * step in closed form with the pulse held, so the default bound is rounding: 1e-12 of the peak.
 */
function pulseKernelAgrees(model: NonNullable<ReturnType<typeof getBundledSynapseModel>>, c: SynapseClosedForm, steps: number): number {
  const kernel = new PulseSynapseKernel(model, { model: c.model, params: { ...c.params } }, 1, { dt: DT, seed: 1 });
  const at = 1;
  const arrived = new Uint8Array(1);
  let worst = 0;
  let peak = 0;
  const got: number[] = [];
  const want: number[] = [];
  for (let s = 0; s < steps; s++) {
    arrived[0] = s === at ? 1 : 0;
    kernel.advance(s, arrived);
    got.push(c.pulse?.state ? (kernel.variable(c.pulse.state) as Float64Array)[0] : kernel.state[0]);
    want.push(s >= at ? c.kernel((s - at + 1) * DT) : 0);
    peak = Math.max(peak, Math.abs(want[s]));
  }
  expect(peak, 'the spike gives a response').toBeGreaterThan(0.01);
  for (let s = 0; s < steps; s++) worst = Math.max(worst, Math.abs(got[s] - want[s]) / peak);
  expect(worst, `${c.model}${c.pulse?.state ? ` ${c.pulse.state}` : ''}: worst |state − closed form| / peak`).toBeLessThan(c.pulse?.tolerance ?? 1e-12);
  return worst;
}

/**
 * The open fraction t ms after a square transmitter pulse starts, for dg/dt = α T (1 − g) − β g with
 * T on for T_dur (rates per ms): g_on·(1 − e^{−kt}), k = α T + β, then decaying with β (AMPA, GABAa,
 * NMDA's x).
 */
export function squarePulse(alpha: number, beta: number, T: number, tDur: number): (t: number) => number {
  const k = alpha * T + beta;
  const gOn = (alpha * T) / k;
  return (t) => (t <= 0 ? 0 : t <= tDur + 1e-12 ? gOn * (1 - Math.exp(-k * t)) : gOn * (1 - Math.exp(-k * tDur)) * Math.exp(-beta * (t - tDur)));
}

const TIMES = [2, 5.5, 6, 30.2, 31, 52];
const W = 0.5;

/**
 * The synapse in a built network on `backend`: g recorded at every step against the closed form.
 * typed: float64 propagators, the trace stored as float32 (spacing 6e-8) -> 1e-6 relative, above
 * 1e-30 of the peak (below, float32 storage reaches its subnormals and loses relative precision).
 * tfjs: float32 arithmetic over hundreds of steps -> 1e-4 relative, above 1e-3 of the peak.
 */
export async function networkAgreesWithClosedForm(c: SynapseClosedForm, backend: 'typed' | 'tfjs', steps = 800): Promise<void> {
  const b = BACKENDS.find((x) => x.name === backend);
  if (!b) throw new Error(backend);
  const rel = b.float32 ? 1e-4 : 1e-6;
  const floor = b.float32 ? 1e-3 : 1e-30;
  const ir = recording(buildOk(sourceDoc(TIMES, { steps, synapse: { model: c.model, ...c.document }, weight: `${W} nA` })), 'N', ['g']);
  const trace = (await b.make(ir)).advance(steps).traces[0].values;
  let peak = 0;
  for (let m = 0; m < steps; m++) peak = Math.max(peak, Math.abs(trace[m]));
  let checked = 0;
  for (let m = 0; m < steps; m++) {
    let expected = 0;
    for (const t of TIMES) if (m >= arrivalStep(t)) expected += W * c.kernel((m - arrivalStep(t)) * DT);
    if (expected === 0) {
      expect(trace[m], `${c.model} step ${m}`).toBe(0);
      continue;
    }
    if (Math.abs(expected) < floor * peak) continue;
    expect(Math.abs(trace[m] - expected) / Math.abs(expected), `${c.model} step ${m}`).toBeLessThan(rel);
    checked++;
  }
  expect(checked, 'samples compared').toBeGreaterThan(50);
}

/**
 * The LIF network of test/spec/networks.ts (A driven by three currents, B through CUBA, C through
 * COBA) with both projections on `synapse`, for networkAgainstBrian2: the Brian2 export takes the
 * synapse's equations from its spec.
 */
export function lifNetworkWith(synapse: Readonly<Record<string, string>>, weights: { cuba: string; coba: string }): NetCase {
  return {
    model: 'LIF', dt: '0.1 ms', driveA: ['1.6 nA', '2 nA', '3 nA'], driveBC: '1.2 nA', ...weights, firstSpikesWithinMs: 200, synapse, init: { V: '-65 mV' },
    params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' },
  };
}
