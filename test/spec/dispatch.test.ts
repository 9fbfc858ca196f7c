/**
 * Which kernel a spec model's population gets on the typed backend (backends/typed/neuronModels.ts):
 * the WebAssembly generated from the spec, fused with the network, when its equations, synapses
 * and monitors allow it, else the general kernel compiled from the syntax tree. Both must give the
 * same spikes for a network with document values in the internal units (GIF's rates are in Hz in
 * the document and per ms in its equations: a generated kernel that skipped that conversion fired
 * once per neuron and stopped).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { populationKernels } from '../../src/engine/backends/typed/kernels';
import { generatedKernelRefusal } from '../../src/engine/backends/typed/neuronModels';
import { build } from '../../src/engine/build';
import type { NetworkIR } from '../../src/engine/ir';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { getSpecModel } from '../../src/shared/modelspec/registry';
import type { MonitorBatch } from '../../src/shared/results';
import { documentFor, NET_CASES } from './networks';

const saved = new Map(populationKernels);
afterEach(() => {
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
    const ir = irOf(documentFor(NET_CASES.find((c) => c.model === 'GIF')!));
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

  it('names what keeps a population off the generated kernel', () => {
    const doc = documentFor(NET_CASES.find((c) => c.model === 'GIF')!) as { nodes: Record<string, unknown>[] };
    const cuba = doc.nodes.find((n) => n.id === 'AB') as { synapse: Record<string, unknown> };
    cuba.synapse = { model: 'Alpha', tau: '5 ms' };
    const ir = irOf(doc);
    const B = ir.populations.find((p) => p.id === 'B')!;
    expect(generatedKernelRefusal(B, ir)).toBe('a Alpha synapse with a CUBA output');
    expect(run(ir).fusedSteps).toBe(0);
  });

  it('voltage jumps (Delta) run on the generated kernel (per step), with exactly the general kernel\'s spikes', () => {
    const doc = documentFor(NET_CASES.find((c) => c.model === 'GIF')!) as { nodes: Record<string, unknown>[] };
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
