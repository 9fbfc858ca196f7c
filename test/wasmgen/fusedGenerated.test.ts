/**
 * Networks of populations whose kernels are generated from specs (LIF and LIFRef from their
 * bundled specs, and custom copies of LIF under other names) on the fused WebAssembly driver:
 * CUBA and COBA outputs, delays, Poisson sources, spike, rate and V monitors. The fused driver
 * runs them whole chunks in WebAssembly, bit-identical to the per-step driver (which calls the
 * same generated step) in any chunking; and LIF's generated step gives the bits of the
 * hand-written LIF kernels of lif.wat.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { useFusedSteps } from '../../src/engine/backends/typed/fused';
import { populationArenaBytes, populationKernels } from '../../src/engine/backends/typed/kernels';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import type { ConnIR, NetworkIR, PopulationIR, ValueIR } from '../../src/engine/ir';
import type { MonitorBatch } from '../../src/shared/results';
import { compileSpec } from '../../src/shared/modelspec/check';
import { LIF, LIFRef } from '../../src/shared/modelspec/neurons/lif';
import { ExpIF } from '../../src/shared/modelspec/neurons/integrateFire';
import { Izhikevich } from '../../src/shared/modelspec/neurons/izhikevich';
import { bretteCuba, coba, cuba, expon, lif, network, poisson, scalar } from '../engine/fixtures';

/** Model names of the generated kinds in these tests, and the spec text each is compiled from. */
const GENERATED: Record<string, string> = {
  GenLIF: LIF.source,
  GenLIFRef: LIFRef.source,
  // a user's copy of LIF under another name, as the model editor saves it
  MyLIF: LIF.source.replace('model LIF', 'model MyLIF'),
  MyLIFRef: LIFRef.source.replace('model LIFRef', 'model MyLIFRef'),
  GenExpIF: ExpIF.source,
  GenIzhikevich: Izhikevich.source,
};

beforeAll(() => {
  for (const [name, source] of Object.entries(GENERATED)) {
    const r = compileSpec(source);
    if (!r.ok) throw new Error(r.errors[0].message);
    populationKernels.set(name, specPopulationKernel(r.spec));
    populationArenaBytes.set(name, (n) => specArenaBytes(r.spec, n));
  }
});

afterEach(() => useFusedSteps(true));

/** The same network with its LIF/LIFRef populations on generated kinds (GenLIF or MyLIF). */
function generatedCopy(ir: NetworkIR, prefix: 'Gen' | 'My'): NetworkIR {
  return { ...ir, populations: ir.populations.map((p) => (p.model === 'LIF' || p.model === 'LIFRef' ? { ...p, model: `${prefix}${p.model}` } : p)) };
}

interface Outcome {
  spikes: Int32Array[];
  samples: Float32Array[];
  V: Float64Array[];
  fusedSteps: number;
}

function simulate(ir: NetworkIR, fused: boolean, chunk: number): Outcome {
  useFusedSteps(fused);
  const inst = typedBackend.instantiate(ir) as TypedInstance;
  const batches: MonitorBatch[] = [];
  while (inst.step < ir.steps) batches.push(inst.advance(Math.min(chunk, ir.steps - inst.step)) as MonitorBatch);
  const cat = <T extends Int32Array | Float32Array>(parts: T[], make: (n: number) => T): T => {
    const out = make(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const spikes = batches[0].spikes.flatMap((_, k) => [
    cat(batches.map((b) => b.spikes[k].steps), (n) => new Int32Array(n)),
    cat(batches.map((b) => b.spikes[k].ids), (n) => new Int32Array(n)),
  ]);
  const counts = batches[0].counts.map((_, k) => cat(batches.map((b) => b.counts[k].counts), (n) => new Int32Array(n)));
  const samples = batches[0].traces.map((_, k) => cat(batches.map((b) => b.traces[k].values), (n) => new Float32Array(n)));
  const V = ir.populations.filter((p) => p.family === 'neuron').map((p) => Float64Array.from(inst.readVariable(p.id, 'V')));
  return { spikes: [...spikes, ...counts], samples, V, fusedSteps: inst.fusedSteps };
}

const bits = (a: ArrayBufferView): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSame(a: Outcome, b: Outcome): void {
  expect(a.spikes.length).toBe(b.spikes.length);
  expect(a.spikes.some((x) => x.length > 0)).toBe(true);
  a.spikes.forEach((x, k) => expect(bits(x).equals(bits(b.spikes[k]))).toBe(true));
  a.samples.forEach((x, k) => expect(bits(x).equals(bits(b.samples[k]))).toBe(true));
  a.V.forEach((x, k) => expect(bits(x).equals(bits(b.V[k]))).toBe(true));
}

/** Spikes recorded by the first `monitors` spike monitors. */
const spikeTotal = (o: Outcome, monitors: number): number => o.spikes.slice(0, 2 * monitors).filter((_, k) => k % 2 === 0).reduce((n, s) => n + s.length, 0);

const withV = (ir: NetworkIR): NetworkIR => ({
  ...ir,
  monitors: [
    ...ir.monitors,
    { id: 'rE', record: 'rate', population: 0, variables: [], neurons: new Int32Array(0), every: 1 },
    { id: 'vE', record: 'state', population: ir.populations.findIndex((p) => p.family === 'neuron'), variables: ['V'], neurons: Int32Array.from([0, 3, 7]), every: 2 },
  ],
});

describe('generated population kinds on the fused driver', () => {
  it('Brette CUBA with LIFRef from its spec and a custom copy: whole chunks fused, bit-identical to the per-step driver in any chunking', () => {
    const hand = withV(bretteCuba({ n: 1001, seed: 3, steps: 2000, p: 0.05 }));
    for (const prefix of ['Gen', 'My'] as const) {
      const ir = generatedCopy(hand, prefix);
      const plain = simulate(ir, false, 2000);
      expect(plain.fusedSteps).toBe(0);
      for (const chunk of [1, 97, 2000]) {
        const fused = simulate(ir, true, chunk);
        expect(fused.fusedSteps).toBe(ir.steps);
        expectSame(fused, plain);
      }
    }
    // the bundled spec and the custom copy are one generated code path: the same bits
    expectSame(simulate(generatedCopy(hand, 'My'), true, 500), simulate(generatedCopy(hand, 'Gen'), true, 500));
    // against the hand-written kernels of lif.wat: the generator writes LIF's exact step as they do
    // (V_inf + (V - V_inf)·e^{-dt/tau}, V_inf = V_rest + R·I), so spikes, samples and V are the same bits
    const h = simulate(hand, true, 2000);
    const g = simulate(generatedCopy(hand, 'My'), true, 2000);
    expect(spikeTotal(h, 2)).toBeGreaterThan(1000);
    expectSame(g, h);
  });

  it('COBA and CUBA slots together, delays and Poisson sources: fused = per step', () => {
    const n = 401;
    const nE = 321;
    const cell = { V_rest: -60, V_th: -50, V_reset: -60, tau: 20, R: 100, tau_ref: 5, reset: 'hard' as const, V0: { kind: 'normal', mean: -60, std: 5 } as ValueIR };
    const conn: ConnIR = { rule: 'bernoulli', p: 80 / n, allowSelf: true };
    const ir = withV(network({
      steps: 2000,
      seed: 5,
      populations: [lif('E', { ...cell, size: nE }), lif('I', { ...cell, size: n - nE }), poisson('ext', 200, 40), lif('X', { ...cell, size: 7, R: 10, tau_ref: undefined, reset: 'soft' })],
      projections: [
        { id: 'xE', pre: 'ext', post: 'E', conn: { rule: 'fixed_indegree', k: 20, allowSelf: true }, weight: scalar(0.01), synapse: expon(5), output: coba(0), delaySteps: 3 },
        { id: 'EE', pre: 'E', post: 'E', conn, weight: scalar(0.006), synapse: expon(5), output: coba(0), delaySteps: 3 },
        { id: 'EI', pre: 'E', post: 'I', conn, weight: scalar(0.006), synapse: expon(5), output: coba(0), delaySteps: 8 },
        { id: 'IE', pre: 'I', post: 'E', conn, weight: scalar(0.067), synapse: expon(10), output: coba(-80) },
        { id: 'II', pre: 'I', post: 'I', conn, weight: scalar(0.067), synapse: expon(10), output: coba(-80), delaySteps: 1 },
        { id: 'EX', pre: 'E', post: 'X', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(0.02), synapse: expon(5), output: cuba },
        { id: 'IX', pre: 'I', post: 'X', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(0.001), synapse: expon(10), output: coba(-80) },
      ],
      monitors: [{ id: 'sE', record: 'spikes', population: 'E' }, { id: 'sI', record: 'spikes', population: 'I' }, { id: 'sX', record: 'spikes', population: 'X' }],
    }));
    const gen = generatedCopy(ir, 'My');
    const plain = simulate(gen, false, 2000);
    for (const chunk of [1, 333]) {
      const fused = simulate(gen, true, chunk);
      expect(fused.fusedSteps).toBe(gen.steps);
      expectSame(fused, plain);
    }
    const total = spikeTotal(plain, 3);
    expect(total).toBeGreaterThan(200);
    // and the hand-written network's activity (COBA: detExp in both, different roundings; measured: the same count)
    const hand = spikeTotal(simulate(ir, true, 2000), 3);
    expect(Math.abs(total - hand) / hand).toBeLessThan(0.1);
  });

  it('nonlinear models (ExpIF, Izhikevich: exp per neuron, two states) with per-neuron parameters: fused = per step in any chunking', () => {
    const exc = lif('E', { size: 203 });
    const ir = withV(network({
      steps: 1500,
      seed: 7,
      populations: [
        { ...exc, model: 'GenIzhikevich', params: { a: scalar(0.02), b: scalar(0.2), c: scalar(-65), d: { kind: 'uniform', low: 6, high: 8 } as ValueIR, V_th: scalar(30), C: scalar(1) }, choices: {}, init: { V: scalar(-65), u: scalar(-13) } },
        { ...lif('X', { size: 51 }), model: 'GenExpIF', params: { R: scalar(10), tau: scalar(10), V_th: scalar(-30), V_reset: scalar(-68), V_rest: scalar(-65), V_T: scalar(-59.9), delta_T: scalar(3.48) }, init: { V: { kind: 'uniform', low: -70, high: -60 } as ValueIR } },
        poisson('ext', 100, 50),
      ],
      inputs: [{ id: 'drive', model: 'constant', target: 'E', params: { amplitude: scalar(4) } }],
      projections: [
        { id: 'xE', pre: 'ext', post: 'E', conn: { rule: 'fixed_indegree', k: 10, allowSelf: true }, weight: scalar(3), synapse: expon(2) },
        { id: 'EX', pre: 'E', post: 'X', conn: { rule: 'fixed_indegree', k: 20, allowSelf: true }, weight: scalar(0.2), synapse: expon(5), delaySteps: 4 },
        { id: 'XE', pre: 'X', post: 'E', conn: { rule: 'fixed_indegree', k: 5, allowSelf: true }, weight: scalar(-1), synapse: expon(10) },
      ],
      monitors: [{ id: 'sE', record: 'spikes', population: 'E' }, { id: 'sX', record: 'spikes', population: 'X' }],
    }));
    const plain = simulate(ir, false, 1500);
    expect(spikeTotal(plain, 2)).toBeGreaterThan(100);
    expect(plain.spikes[2].length).toBeGreaterThan(10); // X fires too
    for (const chunk of [1, 97, 1500]) {
      const fused = simulate(ir, true, chunk);
      expect(fused.fusedSteps).toBe(ir.steps);
      expectSame(fused, plain);
    }
  });

  it('more generated kinds than the table starts with (12 configurations) all run fused; a refractory period per neuron gives the hand-written LIFRef kernel\'s bits', () => {
    const refs = [0, 0.1, 0.25, 1, 2, 3.3, 5, 8, 13];
    const per = (base: number, k: number): ValueIR => ({ kind: 'array', values: Float64Array.from({ length: 9 }, (_, i) => base + 0.1 * ((i + k) % 3)) });
    const subsets: Record<string, (k: number) => ValueIR>[] = [{}, { V_rest: (k) => per(-65, k) }, { V_th: (k) => per(-50, k) }, { V_reset: (k) => per(-65, k) }, { R: (k) => per(10, k) }, { V_rest: (k) => per(-65, k), V_th: (k) => per(-50, k) }];
    const copies = subsets.flatMap((sub, k) => (['soft', 'hard'] as const).map((reset) => {
      const p = lif(`P${k}${reset}`, { size: 9, reset, V0: { kind: 'uniform', low: -65, high: -50 } as ValueIR });
      return { ...p, model: 'MyLIF', params: { ...p.params, ...Object.fromEntries(Object.entries(sub).map(([name, f]) => [name, f(k)])) } };
    }));
    const held = (model: string): PopulationIR => {
      const p = lif(`R${model}`, { size: refs.length, tau_ref: 0, reset: 'hard' });
      return { ...p, model, params: { ...p.params, tau_ref: { kind: 'array', values: Float64Array.from(refs) } } };
    };
    const build = (model: string): NetworkIR => network({
      steps: 600,
      seed: 11,
      populations: [held(model), ...copies],
      inputs: [held(model), ...copies].map((p) => ({ id: `d${p.id}`, model: 'constant', target: p.id, params: { amplitude: scalar(2.5) } })),
      monitors: [held(model), ...copies].map((p) => ({ id: `s${p.id}`, record: 'spikes' as const, population: p.id })),
    });
    const ir = build('MyLIFRef');
    const plain = simulate(ir, false, 600);
    const fused = simulate(ir, true, 600);
    expect(fused.fusedSteps).toBe(ir.steps);
    expectSame(fused, plain);
    // the bundled LIFRef with tau_ref per neuron runs on its hand-written kernel: the same bits
    const hand = simulate(build('LIFRef'), true, 600);
    expect(hand.spikes[0].length).toBeGreaterThan(20);
    expect(bits(hand.spikes[0]).equals(bits(fused.spikes[0]))).toBe(true);
    expect(bits(hand.spikes[1]).equals(bits(fused.spikes[1]))).toBe(true);
    expect(bits(hand.V[0]).equals(bits(fused.V[0]))).toBe(true);
  });
});
