/**
 * Which populations the typed backend steps with the kernel generated from their model's spec
 * (wasmgen/): the one rule, asked by the kernel choice (neuronModels.ts) and by the build's
 * memory estimate (build/memory.ts), which sizes a generated kernel's arrays, not another's.
 */
import { getSpecModel } from '../../../shared/modelspec/registry';
import type { SynapseGroupIR } from '../../ir';

/** Outputs the generated kernels take (their synapse slots: a current or a conductance). */
const GENERATED_OUTPUTS: ReadonlySet<string> = new Set(['CUBA', 'COBA']);
/** Synapse groups a generated kernel has slots for. */
const GENERATED_SLOTS = 2;
/** Bundled models with hand-written kernels of their own that run on their specs' kernels (LIF and LIFRef have no other). */
const BUNDLED_SPEC_KERNELS: ReadonlySet<string> = new Set(['LIF', 'LIFRef', 'HH']);

/**
 * Why the population at `index` cannot run on its model's generated WebAssembly kernel, given the
 * network's synapse groups, or null when it can: the generated kernels take at most two current
 * or conductance synapse groups (Expon, CUBA or COBA) besides voltage jumps (Delta), and no
 * pre-aligned synapses (wasmgen/specKernel.ts refuses others at the first step; here they are
 * seen at the build).
 */
export function generatedRefusal(index: number, synapseGroups: readonly SynapseGroupIR[]): string | null {
  const groups = synapseGroups.filter((g) => g.post === index && g.synapse.model !== 'Delta');
  if (groups.length > GENERATED_SLOTS) return `${groups.length} synapse groups (generated kernels take ${GENERATED_SLOTS})`;
  const odd = groups.find((g) => g.synapse.model !== 'Expon' || !GENERATED_OUTPUTS.has(g.output.model));
  if (odd) return `a ${odd.synapse.model} synapse with a ${odd.output.model} output`;
  return null;
}

/**
 * Whether a population of `model` at `index` runs on the generated kernel (where WebAssembly
 * runs and the model's equations have a generated form, which the memory estimate assumes).
 */
export function runsGenerated(model: string, index: number, synapseGroups: readonly SynapseGroupIR[]): boolean {
  return (BUNDLED_SPEC_KERNELS.has(model) || getSpecModel(model) !== undefined) && generatedRefusal(index, synapseGroups) === null;
}
