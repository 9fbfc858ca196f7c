/**
 * The WebAssembly LIF loop: its committed binary is what its source compiles to, and it gives
 * bit-identical results to the JavaScript loop it replaces (same IEEE operations, same order),
 * for hard and soft reset, refractoriness, odd sizes (the scalar tail) and both synapse slots.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { compileWat, moduleSource } from '../../scripts/build-wasm.mjs';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { useWasmKernels, WasmArena } from '../../src/engine/backends/typed/wasm';
import { runNetwork } from '../../src/engine/runner';
import type { NetworkIR, ValueIR } from '../../src/engine/ir';
import type { RunResults } from '../../src/shared/results';
import { array, bretteCuba, lif, network, poisson, scalar } from './fixtures';

const WASM_DIR = new URL('../../src/engine/backends/typed/wasm/', import.meta.url);

afterEach(() => useWasmKernels(true));

async function run(ir: NetworkIR, wasm: boolean): Promise<RunResults> {
  useWasmKernels(wasm);
  return runNetwork(ir, typedBackend, { chunkSteps: 97 });
}

function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function expectIdentical(a: RunResults, b: RunResults): void {
  expect(a.spikes.length).toBeGreaterThan(0);
  a.spikes.forEach((s, k) => {
    expect(s.ids.length).toBeGreaterThan(0);
    expect(sameBits(b.spikes[k].steps, s.steps)).toBe(true);
    expect(sameBits(b.spikes[k].ids, s.ids)).toBe(true);
  });
  a.traces.forEach((t, k) => expect(sameBits(b.traces[k].values, t.values)).toBe(true));
}

describe('WebAssembly LIF kernel', () => {
  it('is the compiled form of its .wat source (run node scripts/build-wasm.mjs after editing it)', async () => {
    const source = readFileSync(new URL('lif.wat', WASM_DIR), 'utf8');
    const bytes = await compileWat(source, 'lif.wat');
    expect(readFileSync(new URL('lifModule.ts', WASM_DIR), 'utf8')).toBe(moduleSource('lif', bytes));
  });

  it('loads here (Node 20 has WebAssembly SIMD)', () => {
    useWasmKernels(true);
    expect(WasmArena.create(1024)).not.toBeNull();
    useWasmKernels(false);
    expect(WasmArena.create(1024)).toBeNull();
  });

  it('hosts V, the external current and both Expon groups in its memory, so nothing is copied per step', () => {
    useWasmKernels(true);
    const inst = typedBackend.instantiate(bretteCuba({ n: 101, steps: 10, p: 0.1 })) as TypedInstance;
    const memory = inst.readVariable('E', 'V').buffer;
    // white-box: the population's drive as the neuron loop sees it
    const drive = (inst as unknown as { pops: { drive: { iext: Float64Array; groups: { g: Float64Array }[] } }[] }).pops[0].drive;
    expect(drive.groups).toHaveLength(2);
    for (const arr of [drive.iext, drive.groups[0].g, drive.groups[1].g]) expect(arr.buffer).toBe(memory);
    useWasmKernels(false);
    const plain = typedBackend.instantiate(bretteCuba({ n: 101, steps: 10, p: 0.1 })) as TypedInstance;
    expect(plain.readVariable('E', 'V').buffer).not.toBe(memory);
  });

  it('gives bit-identical spikes to the JavaScript loop on a Brette CUBA network (hard reset, refractory, two synapse groups, odd sizes)', async () => {
    const ir = bretteCuba({ n: 1001, seed: 5, steps: 2000, p: 0.05 });
    const withState: NetworkIR = { ...ir, monitors: [...ir.monitors, { id: 'v', record: 'state', population: 0, variables: ['V'], neurons: Int32Array.from([0, 3, 799]), every: 1 }] };
    expectIdentical(await run(withState, false), await run(withState, true));
  });

  it('gives bit-identical spikes and V for soft reset, no refractoriness and no synapses (vector loop and scalar tail)', async () => {
    const ir = network({
      steps: 3000,
      populations: [lif('A', { size: 29, reset: 'soft', V_rest: -49, V0: { kind: 'uniform', low: -60, high: -50 } })],
      inputs: [{ id: 'drive', model: 'constant', target: 'A', params: { amplitude: scalar(0.3) } }],
      monitors: [{ id: 's', record: 'spikes', population: 'A' }, { id: 'v', record: 'state', population: 'A', variables: ['V'], neurons: [0, 6, 17, 28], every: 1 }],
    });
    expectIdentical(await run(ir, false), await run(ir, true));
  });

  it('propagates in WebAssembly bit-identically: delays, per-synapse weights, a Poisson source, several projections into one group', async () => {
    const ir = network({
      steps: 1500,
      seed: 11,
      populations: [
        poisson('P', 300, 40),
        lif('E', { size: 157, tau_ref: 2, V_rest: -70, V_th: -50, V_reset: -60, tau: 20, R: 1, V0: { kind: 'uniform', low: -70, high: -50 } }),
        lif('I', { size: 41, tau_ref: 2, V_rest: -70, V_th: -50, V_reset: -60, tau: 20, R: 1 }),
      ],
      projections: [
        { id: 'PE', pre: 'P', post: 'E', conn: { rule: 'fixed_indegree', k: 30, allowSelf: true }, weight: scalar(4) },
        { id: 'PI', pre: 'P', post: 'I', conn: { rule: 'fixed_indegree', k: 30, allowSelf: true }, weight: { kind: 'uniform', low: 2, high: 6 } as ValueIR },
        { id: 'EE', pre: 'E', post: 'E', conn: { rule: 'bernoulli', p: 0.1, allowSelf: true }, weight: { kind: 'normal', mean: 2, std: 1 } as never, delaySteps: 15 },
        { id: 'EI', pre: 'E', post: 'I', conn: { rule: 'bernoulli', p: 0.2, allowSelf: true }, weight: scalar(3), delaySteps: 7 },
        { id: 'IE', pre: 'I', post: 'E', conn: { rule: 'bernoulli', p: 0.3, allowSelf: true }, weight: scalar(-8), delaySteps: 15, synapse: { model: 'Expon', params: { tau: 10 } } },
      ],
      monitors: [
        { id: 'sE', record: 'spikes', population: 'E' },
        { id: 'sI', record: 'spikes', population: 'I' },
        { id: 'v', record: 'state', population: 'E', variables: ['V'], neurons: [0, 77, 156], every: 3 },
      ],
    });
    expectIdentical(await run(ir, false), await run(ir, true));
  });

  it('draws Poisson spikes as the JavaScript loop does at every probability, edges included ($poisson compares the raw draw with p·2^32)', async () => {
    // p = rate·dt: 0, subnormal, 2^-32 (one draw value in 2^32 passes), tiny, ordinary, 1/2, 1 and above 1
    const rates = [0, 1e-310, 2 ** -32 * 1e4, 1e-3, 3, 40, 200, 5000, 1e4, 2e4];
    const pop = { ...poisson('P', rates.length * 7, 0), params: { rate: array(Array.from({ length: rates.length * 7 }, (_, i) => rates[i % rates.length])) } };
    const ir = network({ steps: 4000, seed: 3, populations: [pop], monitors: [{ id: 's', record: 'spikes', population: 'P' }] });
    const js = await run(ir, false);
    expectIdentical(js, await run(ir, true));
    const perNeuron = new Int32Array(pop.size);
    for (const i of js.spikes[0].ids) perNeuron[i]++;
    // p >= 1 spikes every step, p = 0 never (what the comparison must keep at the edges)
    for (let i = 0; i < pop.size; i++) {
      if (rates[i % rates.length] >= 1e4) expect(perNeuron[i]).toBe(4000);
      if (rates[i % rates.length] === 0) expect(perNeuron[i]).toBe(0);
    }
  });
});
