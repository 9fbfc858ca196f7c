/**
 * Which populations the typed backend steps with the kernel generated from their model's spec
 * (wasmgen/): the one rule, asked by the kernel choice (neuronModels.ts) and by the build's
 * memory estimate (build/memory.ts), which sizes a generated kernel's arrays, not another's.
 */
import { getBundledNeuronModel, getSpecModel } from '../../../shared/modelspec/registry';
import { outputDrive } from '../../../shared/modelspec/outputs';
import type { SynapseGroupIR } from '../../ir';
import { jumpsVoltage } from '../../../shared/catalog';

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
 * into the two slots). Every output spec is a current or a conductance (gated ones, MgBlock, have
 * their gated g computed by the group in the 'synapses' phase); only an unknown output is refused.
 */
export function generatedRefusal(index: number, synapseGroups: readonly SynapseGroupIR[]): string | null {
  const odd = synapseGroups.find((g) => g.post === index && !jumpsVoltage(g.synapse.model) && outputDrive(g.output.model) === undefined);
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
