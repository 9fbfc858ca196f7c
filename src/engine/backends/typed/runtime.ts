/**
 * What a typed instance holds per population and per projection while it runs: the kernels and
 * arrays the per-step loop (stepLoop.ts) and the fused driver (fusedRunner.ts) both read.
 */
import type { PopulationIR, ProjectionIR } from '../../ir';
import type { Csr } from '../../connectivity';
import type { Drive, InputKernel, PopulationKernel } from './kernels';
import type { RecordSource } from './monitors';
import type { GroupRuntime } from './synapseGroups';
import type { ShortTerm, Stdp } from './plasticity';
import type { WasmArena } from './wasm';

export interface PopRuntime extends RecordSource {
  readonly ir: PopulationIR;
  readonly kernel: PopulationKernel;
  readonly drive: Drive;
  readonly groups: GroupRuntime[];
  readonly inputs: { readonly id: string; readonly kernel: InputKernel }[];
  inputsVary: boolean;
  /** Cached constant inputs must be summed again (first step, or a parameter changed). */
  inputsDirty: boolean;
}

export interface ProjRuntime {
  readonly ir: ProjectionIR;
  readonly csr: Csr;
  /** Weight of every synapse when `weights` is null (nA for CUBA, µS for COBA, mV for Delta). */
  weight: number;
  /** Per synapse; float64 under STDP so small changes accumulate without rounding. */
  weights: Float32Array | Float64Array | null;
  readonly pre: PopRuntime;
  readonly post: PopRuntime;
  readonly group: GroupRuntime;
  readonly shortTerm: ShortTerm | null;
  stdp: Stdp | null;
  /** Per-synapse float32 weights in the WebAssembly arena, when reserved there (fused driver). */
  readonly weightSlot: Float32Array | null;
  /** The arena holding this projection's CSR, pre spikes and targets: propagate in WebAssembly. */
  wasm: WasmArena | null;
  /** The column indices $propagate reads: csr.col, or a u16 copy in the arena (NARROW_COLUMNS). */
  readonly wasmCol: Int32Array | Uint16Array;
}

/** The current inputs of a population summed into its drive for step s (nA). */
export function sumInputs(pop: PopRuntime, s: number): void {
  const iext = pop.drive.iext;
  iext.fill(0);
  for (let j = 0; j < pop.inputs.length; j++) pop.inputs[j].kernel.add(s, iext);
  pop.inputsDirty = false;
}
