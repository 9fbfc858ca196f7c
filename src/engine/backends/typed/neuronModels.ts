// Every neuron model of the typed backend runs on its spec (issue 14): the bundled models
// (shared/modelspec/neurons), the spec-only ones and a document's custom models. There is no
// hand-written kernel left; a model's update is written once, in its spec.
import type { SpecModel } from '../../../shared/modelspec/registry';
import { getBundledNeuronModel, getSpecModel } from '../../../shared/modelspec/registry';
import { NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../../shared/modelspec/neurons';
import type { NetworkIR, PopulationIR } from '../../ir';
import { specKernelFactory } from '../../spec/specKernel';
import { populationArenaBytes, populationArenaBytesFallbacks, populationKernelFallbacks, populationKernels, type KernelContext, type PopulationKernel, type PopulationKernelFactory } from './kernels';
import { specArenaBytes, specPopulationKernel } from './wasmgen/specKernel';
import { generatedRefusal } from './generatedRule';

/** Why population `pop` of `network` cannot run on its model's generated kernel, or null (generatedRule.ts, the one rule). */
export function generatedKernelRefusal(pop: PopulationIR, network: NetworkIR): string | null {
  return generatedRefusal(network.populations.indexOf(pop), network.synapseGroups);
}

/**
 * The kernel of a spec model: the WebAssembly generated from its spec (fused with the rest of the
 * network) when WebAssembly runs and the population's synapses allow it (generatedRule.ts),
 * otherwise the general kernel compiled from the spec's syntax tree (src/engine/spec/
 * specKernel.ts), which takes everything. Both step the reference interpreter's step
 * (test/wasmgen/generate.test.ts, test/spec/specKernel.test.ts).
 */
function specModelKernel(model: SpecModel): PopulationKernelFactory {
  const general = specKernelFactory(model);
  const generated = specPopulationKernel(model.spec);
  return (pop: PopulationIR, ctx: KernelContext): PopulationKernel => {
    if (!ctx.arena || !ctx.network || generatedKernelRefusal(pop, ctx.network) !== null) return general(pop, ctx);
    try {
      // The generated kernel compiles its step for the population's synapses at construction
      // (one module per spec and configuration, wasmgen/specKernel.ts), so it throws here:
      // GenerateError for equations the generator has no form for (a user's model; every bundled
      // one has one, test/wasmgen/generate.test.ts), or for a population it cannot hold. The
      // general kernel takes it, or reports what is really wrong with it.
      return generated(pop, ctx);
    } catch {
      return general(pop, ctx);
    }
  };
}

function register(model: SpecModel): void {
  populationKernels.set(model.name, specModelKernel(model));
  populationArenaBytes.set(model.name, (n) => specArenaBytes(model.spec, n));
}

// The bundled models with catalogue entries of their own (LIF ... HH).
for (const { name } of NEURON_SPECS) {
  const model = getBundledNeuronModel(name);
  if (!model) throw new Error(`${name}: its spec does not compile.`);
  register(model);
}
// Models defined only by their specs: the bundled ones by name once the catalogue has loaded
// them, and a document's custom models (registered at run time) through the fallbacks.
for (const { name } of SPEC_ONLY_NEURONS) {
  const model = getSpecModel(name);
  if (model) register(model);
}
populationKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model ? specModelKernel(model) : undefined;
});
populationArenaBytesFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model ? (n: number) => specArenaBytes(model.spec, n) : undefined;
});
