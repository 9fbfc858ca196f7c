/**
 * Synapse groups on typed arrays: where projections put increments, the 'synapses' phase of
 * kernels with more state than Expon, pre-aligned kinetic receptors, the MgBlock output and
 * Delta (voltage-jump) groups. Plain Expon groups keep the fused fast path: increments go
 * straight into g and the neuron loop applies the decay.
 */
import type { SynapseGroupIR } from '../../ir';
import type { Csr } from '../../connectivity';
import {
  type KernelContext, kernelFor, type OutputKernel, outputKernels, type PopulationKernel, type PreSynapseKernel,
  preSynapseKernelFor, type SynapseKernel, synapseKernelFor, type SynapseState,
} from './kernels';
import { isPreAlignedSynapse } from '../../../shared/modelspec/registry';
import { jumpsVoltage } from '../../../shared/catalog';

/** The weights of the one projection of a pre-aligned group (live: a weight change shows at once). */
export interface WeightSource {
  readonly csr: Csr;
  readonly weight: number;
  readonly weights: Float32Array | Float64Array | null;
}

export interface GroupRuntime extends SynapseState {
  readonly ir: SynapseGroupIR;
  readonly output: OutputKernel;
  /** Where propagation adds this step's increments (g itself for plain Expon). */
  readonly input: Float64Array;
  /**
   * Delayed increments: `slots` rows of post-size values, row (step % slots) due at `step`.
   * Empty when no projection of the group has a delay (increments then go straight into input).
   */
  readonly delayed: Float64Array;
  readonly slots: number;
  readonly size: number;
  /** The 'synapses' phase of step s, or null when the neuron loop's decay is all there is. */
  readonly advance: ((s: number) => void) | null;
  /** A Delta group: its input is the population's voltage-jump array, not a synapse state. */
  readonly isDelta: boolean;
  /** Pre-aligned receptors: spike arrivals per presynaptic neuron, `slots` rows of nPre flags. */
  readonly arrivals: Uint8Array | null;
  readonly nPre: number;
  /** Set once the group's projection exists (pre-aligned groups have exactly one). */
  source: WeightSource | null;
}

export interface GroupOwner {
  readonly id: string;
  readonly kernel: PopulationKernel;
  readonly size: number;
  /** The population's voltage-jump array (created on demand for Delta groups). */
  delta(): Float64Array;
  /** Storage the neuron kernel offers for this group's g (see PopulationKernel.hostArray). */
  hostG?(): Float64Array | undefined;
}

/** A stepped Expon (needed under a gated output such as MgBlock, whose raw g must decay apart from the gated g). */
function steppedExpon(tau: number, size: number, dt: number): SynapseKernel {
  const g = new Float64Array(size);
  const input = new Float64Array(size);
  const e = Math.exp(-dt / tau);
  return {
    g, input, decay: 1,
    advance() {
      for (let i = 0; i < g.length; i++) {
        g[i] = g[i] * e + input[i];
        input[i] = 0;
      }
    },
  };
}

export function makeGroup(g: SynapseGroupIR, owner: GroupOwner, nPre: number, maxDelay: number, ctx: KernelContext): GroupRuntime {
  const size = owner.size;
  const slots = maxDelay + 1;
  const output = kernelFor(outputKernels, g.output.model, 'output')(g.output);
  const delayed = delayBuffer(delayBufferLength(g, size, maxDelay), ctx);
  const base = { ir: g, output, delayed, slots, size, nPre, source: null };
  if (jumpsVoltage(g.synapse.model)) {
    if (!owner.kernel.acceptsDelta) {
      throw new Error(`Population "${owner.id}" cannot take voltage jumps (Delta synapse) on this backend yet: its neuron kernel does not add them after integration.`);
    }
    const input = owner.delta();
    return { ...base, g: input, decay: 1, input, advance: null, isDelta: true, arrivals: null };
  }
  // A gated output (MgBlock): the group hands the neuron g · gate(V), computed in the 'synapses' phase.
  const block = output.kind === 'conductance' ? output.gate ?? null : null;
  const V = block ? owner.kernel.variable('V') : undefined;
  if (block && !V) throw new Error(`The ${g.output.model} output needs the membrane potential V of "${owner.id}", which its model does not expose.`);
  if (isPreAlignedSynapse(g.synapse.model)) {
    const kernel = preSynapseKernelFor(g.synapse.model)(g.synapse, nPre, ctx);
    const raw = new Float64Array(size);
    const exposed = block ? new Float64Array(size) : raw;
    const arrivals = new Uint8Array(slots * nPre);
    const group: GroupRuntime = {
      ...base, g: exposed, decay: 1, input: raw, isDelta: false, arrivals,
      advance: (s) => {
        const row = arrivals.subarray((s % slots) * nPre, (s % slots + 1) * nPre);
        kernel.advance(s, row);
        row.fill(0);
        if (group.source) sumPreState(kernel, group.source, raw);
        if (block && V) applyBlock(raw, exposed, V, block);
      },
    };
    return group;
  }
  let kernel = synapseKernelFor(g.synapse.model)(g.synapse, size, ctx);
  if (block && !kernel.advance) kernel = steppedExpon(g.synapse.params.tau, size, ctx.dt);
  const step = kernel.advance?.bind(kernel);
  const input = kernel.input ?? kernel.g;
  if (!block) {
    // A plain Expon is nothing but its g and decay, so g may live where the neuron kernel hosts it.
    const hosted = g.synapse.model === 'Expon' && !step ? owner.hostG?.() : undefined;
    if (hosted) return { ...base, g: hosted, decay: kernel.decay, input: hosted, isDelta: false, arrivals: null, advance: null };
    return { ...base, g: kernel.g, decay: kernel.decay, input, isDelta: false, arrivals: null, advance: step ? (s) => step(s) : null };
  }
  const exposed = new Float64Array(size);
  const raw = kernel.g;
  return {
    ...base, g: exposed, decay: 1, input, isDelta: false, arrivals: null,
    advance: (s) => {
      step?.(s);
      applyBlock(raw, exposed, V as Float64Array, block);
    },
  };
}

/** g_post = Σ_pre w · state_pre over the synapses (rows of silent, closed synapses skipped). */
function sumPreState(kernel: PreSynapseKernel, src: WeightSource, out: Float64Array): void {
  out.fill(0);
  const state = kernel.state;
  const { rowPtr, col } = src.csr;
  const ws = src.weights;
  for (let i = 0; i < state.length; i++) {
    const x = state[i];
    if (x === 0) continue;
    if (ws === null) {
      const w = src.weight * x;
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) out[col[e]] += w;
    } else {
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) out[col[e]] += ws[e] * x;
    }
  }
}

/** The conductance the neuron sees through a gated output (MgBlock), at V stored at the end of the previous step. */
function applyBlock(raw: Float64Array, out: Float64Array, V: Float64Array, gate: (V: Float64Array) => Float64Array): void {
  const f = gate(V);
  for (let i = 0; i < raw.length; i++) out[i] = raw[i] === 0 ? 0 : raw[i] * f[i];
}

/** Values of the delay ring buffer a group of this IR needs (0 when it has no delayed projection). */
export function delayBufferLength(g: SynapseGroupIR, postSize: number, maxDelay: number): number {
  return maxDelay > 0 && !isPreAlignedSynapse(g.synapse.model) ? (maxDelay + 1) * postSize : 0;
}

/**
 * The delay ring buffer: in `ctx.arena`, which the instance passes here only when it sized it for
 * every group's buffer (propagation then runs in WebAssembly), else a plain array.
 */
function delayBuffer(n: number, ctx: KernelContext): Float64Array {
  return n > 0 && ctx.arena ? ctx.arena.f64(n) : new Float64Array(n);
}

/** Move the delayed increments due at step s into the group's input and clear their slot. */
export function takeDelayed(group: GroupRuntime, s: number): void {
  const input = group.input;
  const buf = group.delayed;
  const off = (s % group.slots) * group.size;
  for (let i = 0; i < input.length; i++) {
    input[i] += buf[off + i];
    buf[off + i] = 0;
  }
}
