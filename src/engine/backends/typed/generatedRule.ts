/**
 * Which populations the typed backend steps with the kernel generated from their model's spec
 * (wasmgen/): the one rule, asked by the kernel choice (neuronModels.ts) and by the build's
 * memory estimate (build/memory.ts), which sizes a generated kernel's arrays, not another's.
 */
import { getBundledNeuronModel, getSpecModel } from '../../../shared/modelspec/registry';
import type { SynapseGroupIR } from '../../ir';

/**
 * Outputs the generated kernels take: each group the instance builds (synapseGroups.ts) presents
 * the neuron a g and a decay, and its output as a current (CUBA) or a conductance with a reversal
 * potential (COBA; MgBlock, whose blocked g the group computes in the 'synapses' phase).
 */
const GENERATED_OUTPUTS: ReadonlySet<string> = new Set(['CUBA', 'COBA', 'MgBlock']);
/**
 * Synapse slots of a generated module (ENTRY.g0/g1). A population with more groups is stepped
 * with its groups summed into these slots per step (wasmgen/specKernel.ts, SpecKernel.merge).
 */
export const GENERATED_SLOTS = 2;

/**
 * Why the population at `index` cannot run on its model's generated WebAssembly kernel, given the
 * network's synapse groups, or null when it can. Every synapse model is taken: plain Expon groups
 * are decayed by the kernel (their decay factor), the others (DualExpon, Alpha, the pre-aligned
 * AMPA/GABAa/NMDA receptors, anything under MgBlock) compute g in the 'synapses' phase and present
 * a decay of 1; Delta groups are voltage jumps; any number of groups (more than two are summed
 * into the two slots). Only an output that is neither a current nor a conductance is refused.
 */
export function generatedRefusal(index: number, synapseGroups: readonly SynapseGroupIR[]): string | null {
  const odd = synapseGroups.find((g) => g.post === index && g.synapse.model !== 'Delta' && !GENERATED_OUTPUTS.has(g.output.model));
  if (odd) return `a ${odd.synapse.model} synapse with a ${odd.output.model} output`;
  return null;
}

/**
 * Whether a population of `model` at `index` runs on the generated kernel (where WebAssembly
 * runs and the model's equations have a generated form, which the memory estimate assumes).
 */
export function runsGenerated(model: string, index: number, synapseGroups: readonly SynapseGroupIR[]): boolean {
  return (getBundledNeuronModel(model) !== undefined || getSpecModel(model) !== undefined) && generatedRefusal(index, synapseGroups) === null;
}
