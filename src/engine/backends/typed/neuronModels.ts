// Neuron kernels of the model library (issue 7) register themselves here on import; LIF, LIFRef
// and the spec-only models below run on their specs (generated WebAssembly, or the JavaScript
// spec kernel).
import './neuronExpIF';
import './neuronALIF';
import './neuronIzhikevich';
import './neuronHH';
import type { SpecModel } from '../../../shared/modelspec/registry';
import { getSpecModel, specModelFromSource } from '../../../shared/modelspec/registry';
import { HH } from '../../../shared/modelspec/neurons/hh';
import { SPEC_ONLY_NEURONS } from '../../../shared/modelspec/neurons';
import { LIF, LIFRef } from '../../../shared/modelspec/neurons/lif';
import type { NetworkIR, PopulationIR } from '../../ir';
import { specKernelFactory } from '../../spec/specKernel';
import { populationArenaBytes, populationArenaBytesFallbacks, populationKernelFallbacks, populationKernels, type KernelContext, type PopulationKernel, type PopulationKernelFactory } from './kernels';
import { fusedKindFor, specArenaBytes, specPopulationKernel } from './wasmgen/specKernel';
import { generatedRefusal } from './generatedRule';

/** Why population `pop` of `network` cannot run on its model's generated kernel, or null (generatedRule.ts, the one rule). */
export function generatedKernelRefusal(pop: PopulationIR, network: NetworkIR): string | null {
  return generatedRefusal(network.populations.indexOf(pop), network.synapseGroups);
}

/**
 * The kernel of a spec model: the WebAssembly generated from its spec (fused with the rest of the
 * network, as fast as a hand-written kernel) when the model's equations, the population's
 * synapses and its monitors allow it, otherwise the general kernel compiled from the spec's
 * syntax tree (src/engine/spec/specKernel.ts), which takes everything. Both step the reference
 * interpreter's step (test/spec/specKernel.test.ts, test/wasmgen/generate.test.ts).
 */
function specModelKernel(model: SpecModel, general: PopulationKernelFactory = specKernelFactory(model)): PopulationKernelFactory {
  const generated = specPopulationKernel(model.spec);
  return (pop: PopulationIR, ctx: KernelContext): PopulationKernel => {
    if (!ctx.arena || !ctx.network || generatedKernelRefusal(pop, ctx.network) !== null) return general(pop, ctx);
    try {
      // Throws GenerateError (naming the model and state) for equations the generator has no form for.
      fusedKindFor(model.spec, { dt: ctx.dt, slots: [], choices: pop.choices, perNeuron: new Set() });
    } catch {
      return general(pop, ctx);
    }
    try {
      return generated(pop, ctx);
    } catch {
      // A population the generated kernel cannot hold (a refractory period that differs between
      // neurons): the general kernel takes it, or reports what is really wrong with it.
      return general(pop, ctx);
    }
  };
}

// LIF and LIFRef: their update is written once, in their specs (shared/modelspec/neurons/lif.ts),
// and stepped by the kernel generated from it, or by the JavaScript spec kernel where WebAssembly
// or the generated kernel's limits say no; both take the exact step of spec/linearStep.ts with
// the same operations (test/engine/wasm.test.ts compares them bit for bit).
for (const source of [LIF, LIFRef]) {
  const compiled = specModelFromSource(source.source);
  if (!compiled.ok) throw new Error(`${source.name}: its spec does not compile.`);
  const { model } = compiled;
  populationKernels.set(source.name, specModelKernel(model));
  populationArenaBytes.set(source.name, (n) => specArenaBytes(model.spec, n));
}

// Models defined only by their specs: the bundled ones by name, and a document's custom models
// (registered at run time) through the fallbacks.
for (const { name } of SPEC_ONLY_NEURONS) {
  const model = getSpecModel(name);
  if (!model) continue;
  populationKernels.set(name, specModelKernel(model));
  populationArenaBytes.set(name, (n) => specArenaBytes(model.spec, n));
}
// HH runs on the kernel generated from its spec where the network allows it (then the network
// runs fused: COBA-HH took about 20 % less CPU time, README "Benchmarks"), else on its
// hand-written JavaScript kernel (neuronHH.ts), e.g. without WebAssembly. Both take
// every state by exponential Euler with the others frozen; they round differently (exprel(dt·J)
// against x_inf + (x - x_inf)·e^{dt·J}, detExp against Math.exp), not in their physics.
const handHH = populationKernels.get('HH');
const hhModel = specModelFromSource(HH.source);
if (handHH && hhModel.ok) {
  const { model } = hhModel;
  populationKernels.set('HH', specModelKernel(model, handHH));
  populationArenaBytes.set('HH', (n) => specArenaBytes(model.spec, n));
}
populationKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model ? specModelKernel(model) : undefined;
});
populationArenaBytesFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model ? (n: number) => specArenaBytes(model.spec, n) : undefined;
});
