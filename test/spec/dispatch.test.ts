/**
 * Which kernel a spec model's population gets on the typed backend (backends/typed/neuronModels.ts):
 * the WebAssembly generated from the spec, fused with the network, when its equations, synapses
 * and monitors allow it, else the general kernel compiled from the syntax tree. Both must give the
 * same spikes for a network with document values in the internal units (GIF's rates are in Hz in
 * the document and per ms in its equations: a generated kernel that skipped that conversion fired
 * once per neuron and stopped).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useWasmKernels } from '../../src/engine/backends/typed/wasm';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { populationKernels } from '../../src/engine/backends/typed/kernels';
import { generatedKernelRefusal } from '../../src/engine/backends/typed/neuronModels';
import { build } from '../../src/engine/build';
import type { NetworkIR } from '../../src/engine/ir';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { getSpecModel } from '../../src/shared/modelspec/registry';
import type { MonitorBatch } from '../../src/shared/results';
import { documentFor, type NetCase } from './networks';

/** GIF's network (its folder's test, src/shared/modelspec/neurons/gif/gif.test.ts, runs it against Brian2 and tfjs). */
const GIF_NET: NetCase = { model: 'GIF', dt: '0.1 ms', driveA: ['1.2 nA', '1.5 nA', '2 nA'], driveBC: '0.8 nA', cuba: '1 nA', coba: '0.02 uS', firstSpikesWithinMs: 80, params: { A1: '0.2 nA', A2: '-0.05 nA' } };

const saved = new Map(populationKernels);
afterEach(() => {
  useWasmKernels(true);
  populationKernels.clear();
  for (const [k, v] of saved) populationKernels.set(k, v);
});

function irOf(doc: unknown): NetworkIR {
  const r = build(withSpikeMonitors(doc as never));
  if (!r.ir) throw new Error(JSON.stringify(r.problems));
  return r.ir;
}

function run(ir: NetworkIR): { spikes: string; fusedSteps: number } {
  const inst = typedBackend.instantiate(ir) as TypedInstance;
  const batch = inst.advance(ir.steps) as MonitorBatch;
  const spikes = batch.spikes.map((t) => `${t.population}:${Array.from(t.steps).join(',')}|${Array.from(t.ids).join(',')}`).join('\n');
  return { spikes, fusedSteps: inst.fusedSteps };
}

describe('spec models on the typed backend: generated kernel where it can, general kernel otherwise', () => {
  it('GIF: the network runs fused on generated kernels, with exactly the general kernel\'s spikes', () => {
    const ir = irOf(documentFor(GIF_NET));
    expect(ir.populations.map((p) => generatedKernelRefusal(p, ir))).toEqual([null, null, null]);
    const generated = run(ir);
    expect(generated.fusedSteps).toBe(ir.steps);
    const model = getSpecModel('GIF')!;
    populationKernels.set('GIF', specKernelFactory(model));
    const general = run(ir);
    expect(general.fusedSteps).toBe(0);
    expect(general.spikes.split('|').length).toBeGreaterThan(1);
    expect(generated.spikes).toBe(general.spikes);
  });

  it('takes every synapse model (an Alpha group runs generated, per step: it is stepped in the synapses phase) and names an output it cannot take', () => {
    const doc = documentFor(GIF_NET) as { nodes: Record<string, unknown>[] };
    const cuba = doc.nodes.find((n) => n.id === 'AB') as { synapse: Record<string, unknown> };
    cuba.synapse = { model: 'Alpha', tau: '5 ms' };
    const ir = irOf(doc);
    const B = ir.populations.find((p) => p.id === 'B')!;
    expect(generatedKernelRefusal(B, ir)).toBeNull();
    const generated = run(ir);
    expect(generated.fusedSteps).toBe(0);
    populationKernels.set('GIF', specKernelFactory(getSpecModel('GIF')!));
    expect(generated.spikes).toBe(run(ir).spikes);
    // an output that is neither a current nor a conductance (none is bundled; the rule says which)
    const odd: NetworkIR = { ...ir, synapseGroups: ir.synapseGroups.map((g) => (g.post === B.index ? { ...g, output: { model: 'Gap', params: {} } } : g)) };
    expect(generatedKernelRefusal(B, odd)).toBe('a Alpha synapse with a Gap output');
  });

  it('voltage jumps (Delta) run on the generated kernel (per step), with exactly the general kernel\'s spikes', () => {
    const doc = documentFor(GIF_NET) as { nodes: Record<string, unknown>[] };
    const cuba = doc.nodes.find((n) => n.id === 'AB') as { synapse: Record<string, unknown> };
    cuba.synapse = { model: 'Delta' };
    (doc.nodes.find((n) => n.id === 'AB') as { weight: string }).weight = '1 mV';
    const ir = irOf(doc);
    const B = ir.populations.find((p) => p.id === 'B')!;
    expect(generatedKernelRefusal(B, ir)).toBeNull();
    // white-box: B's kernel is the generated one (it hosts its arrays in WebAssembly memory)
    const inst = typedBackend.instantiate(ir) as TypedInstance;
    const kernelOfB = (inst as unknown as { pops: { kernel: { hostSpikes?: unknown } }[] }).pops[B.index].kernel;
    expect(typeof kernelOfB.hostSpikes).toBe('function');
    const generated = run(ir);
    populationKernels.set('GIF', specKernelFactory(getSpecModel('GIF')!));
    const general = run(ir);
    expect(general.spikes.split('|').length).toBeGreaterThan(1);
    expect(generated.spikes).toBe(general.spikes);
  });
});

/**
 * LIF and LIFRef populations under the synapse groups that kept them off the generated kernel
 * before (issue 14): pre-aligned AMPA and GABAa through COBA, NMDA under MgBlock, DualExpon and
 * Alpha, and one population with five groups (more than the module's two slots, summed per step).
 * Each population runs on the generated kernel, with exactly the JavaScript spec kernel's spikes
 * and final V (the kernel without WebAssembly, which test/spec/specKernel.test.ts holds to the
 * reference interpreter bit for bit): the generated step does the same IEEE operations in the
 * same order, the sums of more than two groups included (SpecKernel.merge).
 */
describe('LIF under kinetic receptors, MgBlock and more than two synapse groups: the generated kernel', () => {
  const lifPop = (id: string, model: string, size: number, extra: Record<string, string> = {}) => ({
    id, kind: 'population', model, size, position: [0, 0],
    params: { R: '10 MOhm', V_reset: '-65 mV', V_rest: '-65 mV', V_th: '-50 mV', reset: 'hard', tau: '20 ms', ...extra },
    init: { V: { dist: 'uniform', low: '-65 mV', high: '-50 mV' } },
  });
  const drive = (id: string, mean: string) => ({ id, kind: 'input', model: 'constant', position: [0, 0], params: { amplitude: { dist: 'normal', mean, std: '0.2 nA' } } });
  const proj = (id: string, p: number, weight: string, synapse: Record<string, string>, output: Record<string, string>) => ({
    id, kind: 'projection', position: [0, 0], conn: { rule: 'fixed_prob', p }, weight, synapse, output,
  });
  const doc = {
    meta: { title: 'receptors' },
    simulation: { dt: '0.1 ms', duration: '300 ms', seed: 3, backend: 'typed' },
    nodes: [
      lifPop('E', 'LIFRef', 160, { tau_ref: '2 ms' }), lifPop('I', 'LIF', 40, { tau: '10 ms' }), lifPop('N', 'LIF', 30), lifPop('X', 'LIFRef', 31, { tau_ref: '1 ms' }),
      drive('dE', '1.9 nA'), drive('dI', '1.2 nA'), drive('dN', '1.3 nA'), drive('dX', '1.6 nA'),
      proj('EI', 0.2, '20 nS', { model: 'AMPA' }, { model: 'COBA', E: '0 mV' }),
      proj('IE', 0.5, '10 nS', { model: 'GABAa' }, { model: 'COBA', E: '-80 mV' }),
      proj('EN', 0.1, '5 nS', { model: 'NMDA' }, { model: 'MgBlock', E: '0 mV' }),
      proj('EN2', 0.1, '10 nS', { model: 'DualExpon', tau_rise: '1 ms', tau_decay: '5 ms' }, { model: 'COBA', E: '0 mV' }),
      proj('EX1', 0.1, '0.2 nA', { model: 'Expon', tau: '5 ms' }, { model: 'CUBA' }),
      proj('EX2', 0.1, '0.1 nA', { model: 'Alpha', tau: '3 ms' }, { model: 'CUBA' }),
      proj('EX3', 0.1, '4 nS', { model: 'NMDA' }, { model: 'MgBlock', E: '0 mV' }),
      proj('IX1', 0.3, '5 nS', { model: 'Expon', tau: '10 ms' }, { model: 'COBA', E: '-80 mV' }),
      proj('EX4', 0.1, '5 nS', { model: 'AMPA' }, { model: 'COBA', E: '0 mV' }),
      { id: 'vX', kind: 'monitor', record: 'state', position: [0, 0], variables: ['V'], neurons: [0, 7, 30] },
    ],
    wires: [
      ...['E', 'I', 'N', 'X'].map((p) => ({ from: `d${p}`, to: p })),
      ...[['E', 'EI', 'I'], ['I', 'IE', 'E'], ['E', 'EN', 'N'], ['E', 'EN2', 'N'], ['E', 'EX1', 'X'], ['E', 'EX2', 'X'], ['E', 'EX3', 'X'], ['I', 'IX1', 'X'], ['E', 'EX4', 'X']]
        .flatMap(([a, p, b]) => [{ from: a, to: p }, { from: p, to: b }]),
      { from: 'X', to: 'vX' },
    ],
  };

  function runV(ir: NetworkIR) {
    const inst = typedBackend.instantiate(ir) as TypedInstance;
    const kernels = (inst as unknown as { pops: { kernel: { hostSpikes?: unknown } }[] }).pops.map((p) => p.kernel);
    const batch = inst.advance(ir.steps) as MonitorBatch;
    const spikes = batch.spikes.map((t) => `${t.population}:${Array.from(t.steps).join(',')}|${Array.from(t.ids).join(',')}`);
    const V = ir.populations.map((p) => Float64Array.from(inst.readVariable(p.id, 'V')));
    return { spikes, V, trace: Float64Array.from(batch.traces[0].values), counts: batch.spikes.map((t) => t.ids.length), kernels };
  }

  it('every population on the generated kernel; spikes, V and the V trace exactly the JavaScript spec kernel\'s', () => {
    const ir = irOf(doc);
    expect(ir.populations.map((p) => ir.synapseGroups.filter((g) => g.post === p.index).length)).toEqual([1, 1, 2, 5]);
    expect(ir.populations.map((p) => generatedKernelRefusal(p, ir))).toEqual([null, null, null, null]);
    const generated = runV(ir);
    // white-box: the generated kernel hosts its spike list in WebAssembly memory; the JavaScript one has no hostSpikes
    expect(generated.kernels.map((k) => typeof k.hostSpikes)).toEqual(['function', 'function', 'function', 'function']);
    useWasmKernels(false);
    const general = runV(ir);
    expect(general.kernels.map((k) => typeof k.hostSpikes)).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
    console.log(`spikes per population (E, I, N, X): ${generated.counts.join(', ')}`);
    for (const c of generated.counts) expect(c).toBeGreaterThan(20);
    expect(generated.spikes).toEqual(general.spikes);
    generated.V.forEach((v, k) => expect(Buffer.from(v.buffer).equals(Buffer.from(general.V[k].buffer)), ir.populations[k].id).toBe(true));
    expect(Buffer.from(generated.trace.buffer).equals(Buffer.from(general.trace.buffer))).toBe(true);
  });
});
