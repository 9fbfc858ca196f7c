/**
 * Where a typed instance keeps its memory: one WebAssembly arena sized before anything is placed
 * in it (it cannot grow once views exist), and the projections' CSR and weights copied into it so
 * WebAssembly can read them (columns narrowed to u16 where the target population allows).
 */
import type { NetworkIR, ProjectionIR } from '../../ir';
import type { Csr } from '../../connectivity';
import { scalarOf } from '../../values';
import { populationArenaBytesFor } from './kernels';
import { delayBufferLength } from './synapseGroups';
import { WasmArena } from './wasm';
import { NARROW_COLUMNS } from './columns';
import { FusedDriver, fusedStepsEnabled } from './fused';

/** The instance's arena; `fused` when it has room for the whole network and the fused driver, `capacity` its record capacity. */
export interface InstanceArena {
  readonly arena: WasmArena;
  readonly fused: boolean;
  readonly capacity: number;
}

/**
 * One WebAssembly memory for the whole instance when it has populations that run there: with
 * room for the projections' CSR, per-synapse weights and the fused driver's table when that fits,
 * else for the neuron state only; null when no kernel uses it or WebAssembly is unavailable.
 */
export function makeArena(ir: NetworkIR, csrs: readonly Csr[]): InstanceArena | null {
  const neurons = ir.populations.reduce((sum, p) => sum + populationArenaBytesFor(p.model, p.size), 0);
  if (neurons === 0) return null;
  const capacity = FusedDriver.capacity(ir.populations.reduce((n, p) => n + p.size, 0));
  const sampled = ir.monitors.flatMap((m) => (m.record === 'spikes' || m.record === 'rate' ? [] : m.variables.map(() => m.neurons.length)));
  let rest = FusedDriver.bytes(ir.populations.length, csrs.length, capacity, sampled);
  for (const p of ir.populations) rest += WasmArena.size(4 * p.size);
  csrs.forEach((csr, k) => {
    rest += WasmArena.size(4 * csr.rowPtr.length, (csr.nPost <= NARROW_COLUMNS ? 2 : 4) * csr.col.length);
    if (scalarOf(ir.projections[k].weight) === undefined) rest += WasmArena.size(4 * csr.col.length);
  });
  for (const g of ir.synapseGroups) {
    const maxDelay = Math.max(0, ...g.projections.map((k) => ir.projections[k].delaySteps));
    rest += WasmArena.size(8 * delayBufferLength(g, ir.populations[g.post].size, maxDelay));
  }
  const full = fusedStepsEnabled() ? WasmArena.create(neurons + rest) : null;
  if (full) return { arena: full, fused: true, capacity };
  const arena = WasmArena.create(neurons);
  return arena ? { arena, fused: false, capacity } : null;
}

/** A projection's synapses as the instance keeps them: in the arena when there is one. */
export interface PlacedCsr {
  readonly csr: Csr;
  /** The column indices $propagate reads: csr.col, or a u16 copy in the arena (NARROW_COLUMNS). */
  readonly wasmCol: Int32Array | Uint16Array;
  /** Room for per-synapse float32 weights in the arena (a weight that is not one number), else null. */
  readonly weightSlot: Float32Array | null;
}

/** `built` copied into `arena` (when given) so WebAssembly can read it. */
export function placeCsr(p: ProjectionIR, built: Csr, arena: WasmArena | null): PlacedCsr {
  if (!arena) return { csr: built, wasmCol: built.col, weightSlot: null };
  const rowPtr = arena.i32(built.rowPtr.length);
  rowPtr.set(built.rowPtr);
  // Narrow columns: a u16 copy for WebAssembly beside the i32 one JavaScript reads (csr.col).
  const wasmCol = built.nPost <= NARROW_COLUMNS ? arena.u16(built.col.length) : arena.i32(built.col.length);
  wasmCol.set(built.col);
  const csr = { nPre: built.nPre, nPost: built.nPost, rowPtr, col: wasmCol instanceof Int32Array ? wasmCol : built.col };
  return { csr, wasmCol, weightSlot: scalarOf(p.weight) === undefined ? arena.f32(built.col.length) : null };
}
