// Neuron kernels of the model library (issue 7) register themselves here on import; LIF and
// LIFRef's hand-written kernels first (neurons.ts), which the kernel choice below falls back on.
import './neurons';
import './neuronExpIF';
import './neuronALIF';
import './neuronIzhikevich';
import './neuronHH';
import type { SpecModel } from '../../../shared/modelspec/registry';
import { getSpecModel, specModelFromSource } from '../../../shared/modelspec/registry';
import { HH } from '../../../shared/modelspec/neurons/hh';
import { SPEC_ONLY_NEURONS } from '../../../shared/modelspec/neurons';
import { LIF, LIFRef } from '../../../shared/modelspec/neurons/lif';
import { compileSpec } from '../../../shared/modelspec/check';
import type { NetworkIR, PopulationIR } from '../../ir';
import { specKernelFactory } from '../../spec/specKernel';
import { paramArray } from '../common/params';
import { populationArenaBytes, populationArenaBytesFallbacks, populationKernelFallbacks, populationKernels, type KernelContext, type PopulationKernel, type PopulationKernelFactory } from './kernels';
import { fusedKindFor, specArenaBytes, specPopulationKernel } from './wasmgen/specKernel';

/** Outputs the generated kernels take (their synapse slots: a current or a conductance). */
const GENERATED_OUTPUTS = new Set(['CUBA', 'COBA']);
/** Synapse groups a generated kernel has slots for. */
const GENERATED_SLOTS = 2;

/**
 * Why population `pop` of `network` cannot run on its model's generated WebAssembly kernel, or
 * null when it can: the generated kernels take at most two current or conductance synapse groups,
 * no voltage jumps (Delta) or pre-aligned synapses, and no recording of the current I
 * (wasmgen/specKernel.ts refuses those at the first step; here they are seen at the build).
 */
export function generatedKernelRefusal(pop: PopulationIR, network: NetworkIR): string | null {
  const index = network.populations.indexOf(pop);
  const groups = network.synapseGroups.filter((g) => g.post === index);
  if (groups.length > GENERATED_SLOTS) return `${groups.length} synapse groups (generated kernels take ${GENERATED_SLOTS})`;
  const odd = groups.find((g) => g.synapse.model !== 'Expon' || !GENERATED_OUTPUTS.has(g.output.model));
  if (odd) return `a ${odd.synapse.model} synapse with a ${odd.output.model} output`;
  if (network.monitors.some((m) => m.population === index && m.record === 'state' && m.variables.includes('I'))) return 'a monitor of its current I';
  return null;
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

/**
 * Why a population of the bundled LIF or LIFRef cannot be stepped by the kernel generated from
 * its spec with the same bits as lif.wat's hand-written loops gave it, or null when it can: the
 * generated step writes LIF's exact update as they did for current-based synapses and parameters
 * shared by the population (wasmgen/generate.ts, Generator.linear); conductances (COBA), voltage
 * jumps, the current I and per-neuron parameters stay on the hand-written kernel (neurons.ts).
 */
export function bundledLifRefusal(pop: PopulationIR, ctx: KernelContext): string | null {
  const network = ctx.network;
  if (!ctx.arena || !network) return 'no WebAssembly arena';
  const refusal = generatedKernelRefusal(pop, network);
  if (refusal) return refusal;
  const index = network.populations.indexOf(pop);
  if (network.synapseGroups.some((g) => g.post === index && g.output.model !== 'CUBA')) return 'a conductance-based output';
  const varied = Object.entries(pop.params).find(([name, v]) => !allEqual(paramArray(v, pop.size, ctx.seed, pop.id, name)));
  return varied ? `${varied[0]} differs between neurons` : null;
}

function allEqual(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

// The bundled LIF and LIFRef: the kernel generated from their specs wherever it gives the
// hand-written kernel's bits (bundledLifRefusal), the hand-written kernel (neurons.ts) elsewhere.
for (const source of [LIF, LIFRef]) {
  const name = source.name;
  const compiled = compileSpec(source.source);
  const hand = populationKernels.get(name);
  const handBytes = populationArenaBytes.get(name);
  if (!compiled.ok || !hand || !handBytes) throw new Error(`${name}: its spec does not compile or its hand-written kernel is not registered.`);
  const spec = compiled.spec;
  const generated = specPopulationKernel(spec);
  populationKernels.set(name, (pop, ctx) => {
    if (bundledLifRefusal(pop, ctx) !== null) return hand(pop, ctx);
    try {
      return generated(pop, ctx);
    } catch {
      return hand(pop, ctx); // e.g. a refractory period that differs between neurons
    }
  });
  populationArenaBytes.set(name, (n) => Math.max(handBytes(n), specArenaBytes(spec, n)));
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
