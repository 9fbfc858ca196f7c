/**
 * The fused WebAssembly driver (src/engine/backends/typed/fused.ts) against the per-step driver
 * it stands in for: same spikes, same rate counts, same final V to the bit, whatever the chunk
 * sizes, record-buffer refills and parameter changes during the run; and it is used exactly
 * when the network qualifies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { setFusedRecordCapacity, useFusedSteps } from '../../src/engine/backends/typed/fused';
import { useWasmKernels } from '../../src/engine/backends/typed/wasm';
import { inputKernels } from '../../src/engine/backends/typed/kernels';
import type { ConnIR, NetworkIR, ValueIR } from '../../src/engine/ir';
import type { MonitorBatch } from '../../src/shared/results';
import { array, bretteCuba, coba, cuba, expon, lif, network, poisson, scalar } from './fixtures';

afterEach(() => {
  useFusedSteps(true);
  useWasmKernels(true);
  setFusedRecordCapacity(null);
});

interface Outcome {
  batches: MonitorBatch[];
  V: Float64Array[];
  fusedSteps: number;
}

/** Run `ir` in chunks of `chunk` steps; `change(instance, step)` may set parameters between chunks. */
function simulate(ir: NetworkIR, fused: boolean, chunk: number, change?: (inst: TypedInstance, step: number) => void, wasm = true): Outcome {
  useFusedSteps(fused);
  useWasmKernels(wasm);
  const inst = typedBackend.instantiate(ir) as TypedInstance;
  useWasmKernels(true);
  const batches: MonitorBatch[] = [];
  while (inst.step < ir.steps) {
    change?.(inst, inst.step);
    batches.push(inst.advance(Math.min(chunk, ir.steps - inst.step)) as MonitorBatch);
  }
  const V = ir.populations.filter((p) => p.family === 'neuron').map((p) => Float64Array.from(inst.readVariable(p.id, 'V')));
  return { batches, V, fusedSteps: inst.fusedSteps };
}

function bits(a: ArrayBufferView): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function concat(parts: Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Spikes, counts and state samples per monitor over the whole run (chunking may differ between the two runs). */
function recorded(o: Outcome): { steps: Int32Array; ids: Int32Array }[] | Int32Array[] {
  const spikes = o.batches[0].spikes.map((_, k) => ({ steps: concat(o.batches.map((b) => b.spikes[k].steps)), ids: concat(o.batches.map((b) => b.spikes[k].ids)) }));
  const counts = o.batches[0].counts.map((_, k) => concat(o.batches.map((b) => b.counts[k].counts)));
  const traces = o.batches[0].traces.flatMap((_, k) => [
    concat(o.batches.map((b) => b.traces[k].steps)),
    concat(o.batches.map((b) => new Int32Array(b.traces[k].values.buffer, b.traces[k].values.byteOffset, b.traces[k].values.length))),
  ]);
  return [...spikes.flatMap((s) => [s.steps, s.ids]), ...counts, ...traces];
}

function expectSame(fused: Outcome, plain: Outcome): void {
  const a = recorded(fused) as Int32Array[];
  const b = recorded(plain) as Int32Array[];
  expect(a.length).toBe(b.length);
  expect(a.some((x) => x.length > 0)).toBe(true);
  a.forEach((x, k) => expect(bits(x).equals(bits(b[k]))).toBe(true));
  fused.V.forEach((v, k) => expect(bits(v).equals(bits(plain.V[k]))).toBe(true));
  expect(plain.fusedSteps).toBe(0);
}

const withRates = (ir: NetworkIR): NetworkIR => ({
  ...ir,
  monitors: [...ir.monitors, { id: 'rE', record: 'rate', population: 0, variables: [], neurons: new Int32Array(0), every: 1 }],
});

describe('fused WebAssembly driver', () => {
  it('steps a Brette CUBA network bit-identically to the per-step driver (spikes, rate counts, V), in any chunks', () => {
    const ir = withRates(bretteCuba({ n: 1001, seed: 3, steps: 3000, p: 0.05 }));
    const plain = simulate(ir, false, 3000);
    for (const chunk of [1, 97, 3000]) {
      const fused = simulate(ir, true, chunk);
      expect(fused.fusedSteps).toBe(ir.steps);
      expectSame(fused, plain);
    }
  });

  it('handles per-synapse float32 weights, soft reset without refractoriness, constant inputs and an unrecorded population', () => {
    const ir = network({
      steps: 2000,
      seed: 9,
      populations: [
        lif('A', { size: 203, reset: 'soft', V_rest: -65, R: 10, V0: { kind: 'uniform', low: -65, high: -50 } }),
        lif('B', { size: 51, V_rest: -60, tau_ref: 2, V0: scalar(-55) }),
      ],
      inputs: [{ id: 'drive', model: 'constant', target: 'A', params: { amplitude: scalar(1.6) } }],
      projections: [
        { id: 'AB', pre: 'A', post: 'B', conn: { rule: 'fixed_prob', p: 0.2, allowSelf: true }, weight: { kind: 'normal', mean: 1.5, std: 0.5 } as ValueIR },
        { id: 'BA', pre: 'B', post: 'A', conn: { rule: 'bernoulli', p: 0.3, allowSelf: true }, weight: scalar(-0.4) },
      ],
      monitors: [{ id: 'sB', record: 'spikes', population: 'B' }],
    });
    const fused = simulate(ir, true, 250);
    expect(fused.fusedSteps).toBe(ir.steps);
    expectSame(fused, simulate(ir, false, 2000));
  });

  it('refills a small record buffer as often as needed, and leaves a step that cannot fit to the per-step loop', () => {
    const ir = bretteCuba({ n: 300, seed: 4, steps: 1500, p: 0.1 });
    const plain = simulate(ir, false, 1500);
    setFusedRecordCapacity(2 * 300 + 7);
    const refilled = simulate(ir, true, 1500);
    expect(refilled.fusedSteps).toBe(ir.steps);
    expectSame(refilled, plain);
    setFusedRecordCapacity(10);
    const tooSmall = simulate(ir, true, 1500);
    expect(tooSmall.fusedSteps).toBe(0);
    expectSame(tooSmall, plain);
  });

  it('stays fused when a parameter change gives each neuron its own value (current and conductance outputs), the same as the per-step driver, and takes weight changes', () => {
    // LIF with current inputs runs on the kernel generated from its spec, which takes a V_th per
    // neuron without leaving the fused driver
    const ir = bretteCuba({ n: 400, seed: 6, steps: 2000, p: 0.1 });
    const change = (inst: TypedInstance, step: number): void => {
      if (step === 500) inst.setParameter('EE', 'weight', scalar(2.0));
      if (step === 1000) inst.setParameter('E', 'params.V_th', array(Array.from({ length: 320 }, (_, i) => -50 + (i % 3) * 0.5)));
    };
    const fused = simulate(ir, true, 100, change);
    expect(fused.fusedSteps).toBe(2000);
    expectSame(fused, simulate(ir, false, 100, change));
    // LIF with conductances runs on the generated kernel too, which takes V_th per neuron as well
    const cob = bretteCoba();
    const changeCoba = (inst: TypedInstance, step: number): void => {
      if (step === 500) inst.setParameter('EE', 'weight', scalar(0.008));
      if (step === 1500) inst.setParameter('E', 'params.V_th', array(Array.from({ length: 641 }, (_, i) => -50 + (i % 3) * 0.5)));
    };
    const handed = simulate(cob, true, 100, changeCoba);
    expect(handed.fusedSteps).toBe(cob.steps);
    expectSame(handed, simulate(cob, false, 100, changeCoba));
  });

  it('is not used for short-term plasticity or a monitor of the current I, which the per-step driver handles', () => {
    const base = bretteCuba({ n: 200, steps: 300, p: 0.1 });
    const current: NetworkIR = { ...base, monitors: [...base.monitors, { id: 'i', record: 'state', population: 0, variables: ['I'], neurons: Int32Array.from([0]), every: 1 }] };
    const depressing: NetworkIR = { ...base, projections: base.projections.map((p, k) => (k === 0 ? { ...p, plasticity: { model: 'STD', params: { U: 0.4, tau: 100 }, choices: {} } } : p)) };
    for (const ir of [current, depressing]) {
      expect(simulate(ir, true, 50).fusedSteps).toBe(0);
      expectSame(simulate(ir, true, 50), simulate(ir, false, 50));
    }
    expect(simulate(base, true, 50).fusedSteps).toBe(300);
  });

  it('samples V monitors in WebAssembly buffers (every step or every k-th, refilled when full), the same samples as the per-step driver', () => {
    const base = bretteCuba({ n: 300, steps: 1200, p: 0.1, seed: 8 });
    const ir: NetworkIR = {
      ...base,
      monitors: [
        ...base.monitors,
        { id: 'vE', record: 'state', population: 0, variables: ['V'], neurons: Int32Array.from([0, 5, 239]), every: 1 },
        { id: 'vI', record: 'state', population: 1, variables: ['V'], neurons: Int32Array.from({ length: 60 }, (_, i) => i), every: 3 },
        // 2^18 samples hold 1092 steps of 240 neurons, fewer than the run: drained and refilled
        { id: 'vAll', record: 'state', population: 0, variables: ['V'], neurons: Int32Array.from({ length: 240 }, (_, i) => i), every: 1 },
      ],
    };
    const plain = simulate(ir, false, 1200);
    for (const chunk of [1, 250, 1200]) {
      const fused = simulate(ir, true, chunk);
      expect(fused.fusedSteps).toBe(ir.steps);
      expectSame(fused, plain);
    }
    const last = plain.batches[plain.batches.length - 1];
    expect(last.traces[1].steps.length).toBe(400);
    expect(last.traces[2].values.length).toBe(240 * 1200);
  });

  // Brette et al.'s COBA network, scaled down (80 synapses per neuron as in the paper), with the
  // bench's start-up kick (a step input: the fused driver runs up to its end, then past it) and
  // a small population fed by one current-based and one conductance-based group; a tonic drive
  // keeps this small network active.
  const bretteCoba = (): NetworkIR => {
    const n = 801;
    const nE = 641;
    const cell = { V_rest: -60, V_th: -50, V_reset: -60, tau: 20, R: 100, tau_ref: 5, reset: 'hard' as const, V0: { kind: 'normal', mean: -60, std: 5 } as ValueIR };
    const conn: ConnIR = { rule: 'bernoulli', p: 80 / n, allowSelf: true };
    const ir = network({
      steps: 3000,
      seed: 5,
      populations: [lif('E', { ...cell, size: nE }), lif('I', { ...cell, size: n - nE }), lif('X', { ...cell, size: 7, R: 10, tau_ref: undefined })],
      inputs: [
        { id: 'kick', model: 'step', target: 'E', params: { amplitude: { kind: 'normal', mean: 0.15, std: 0.1 } as ValueIR, start: scalar(0), stop: scalar(10) } },
        { id: 'kickI', model: 'step', target: 'I', params: { amplitude: scalar(0.15), start: scalar(2.5), stop: scalar(12.05) } },
        { id: 'tonic', model: 'constant', target: 'E', params: { amplitude: scalar(0.105) } },
      ],
      projections: [
        { id: 'EE', pre: 'E', post: 'E', conn, weight: scalar(0.006), synapse: expon(5), output: coba(0) },
        { id: 'EI', pre: 'E', post: 'I', conn, weight: scalar(0.006), synapse: expon(5), output: coba(0) },
        { id: 'IE', pre: 'I', post: 'E', conn, weight: scalar(0.067), synapse: expon(10), output: coba(-80) },
        { id: 'II', pre: 'I', post: 'I', conn, weight: scalar(0.067), synapse: expon(10), output: coba(-80) },
        { id: 'EX', pre: 'E', post: 'X', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(0.02), synapse: expon(5), output: cuba },
        { id: 'IX', pre: 'I', post: 'X', conn: { rule: 'all_to_all', allowSelf: true }, weight: scalar(0.001), synapse: expon(10), output: coba(-80) },
      ],
      monitors: [{ id: 'sE', record: 'spikes', population: 'E' }, { id: 'sI', record: 'spikes', population: 'I' }, { id: 'sX', record: 'spikes', population: 'X' }],
    });
    return withRates(ir);
  };

  it('steps conductance-based (COBA) outputs with the deterministic exp: the same bits fused, per step in WebAssembly and in JavaScript', () => {
    const ir = bretteCoba();
    const js = simulate(ir, false, 3000, undefined, false);
    expect(js.fusedSteps).toBe(0);
    expectSame(simulate(ir, false, 211), js);
    for (const chunk of [1, 97, 3000]) {
      const fused = simulate(ir, true, chunk);
      expect(fused.fusedSteps).toBe(ir.steps);
      expectSame(fused, js);
    }
    // the network stays active after the kick (the comparison is not between two silent runs)
    const late = recorded(js)[0] as Int32Array;
    expect(late.filter((s) => s > 2000).length).toBeGreaterThan(100);
  });

  it('sums a step input only at the steps where it switches, whatever the chunks (the table is kept in between)', () => {
    const ir = bretteCoba();
    const step = inputKernels.get('step')!;
    const summed: Record<string, number[]> = {};
    inputKernels.set('step', (input, size, popId, ctx) => {
      const kernel = step(input, size, popId, ctx);
      return { ...kernel, add: (s, iext) => void ((summed[input.id] ??= []).push(s), kernel.add(s, iext)) };
    });
    try {
      const fused = simulate(ir, true, 97);
      expect(fused.fusedSteps).toBe(ir.steps);
      // kick switches at 0 and 10 ms, kickI at 2.5 and 12.05 ms (steps 25 and 121): every population
      // with a varying input is summed again at each of them, and at no other step
      expect(summed).toEqual({ kick: [0, 25, 100, 121], kickI: [0, 25, 100, 121] });
    } finally {
      inputKernels.set('step', step);
    }
  });

  // Brunel's network, scaled down: Poisson sources, delays of different lengths into one
  // synapse group (a ring buffer per group), inhibition dominating.
  const brunel = (): NetworkIR => {
    const cell = { V_rest: -70, V_th: -50, V_reset: -60, tau: 20, R: 10, tau_ref: 2, reset: 'hard' as const, V0: { kind: 'uniform', low: -70, high: -50 } as ValueIR };
    const indeg = (k: number): ConnIR => ({ rule: 'fixed_indegree', k, allowSelf: true });
    return withRates(network({
      steps: 2000,
      seed: 11,
      populations: [poisson('ext', 1001, 200), lif('E', { ...cell, size: 400 }), lif('I', { ...cell, size: 101 })],
      projections: [
        { id: 'xE', pre: 'ext', post: 'E', conn: indeg(100), weight: scalar(0.2), synapse: expon(1) },
        { id: 'xI', pre: 'ext', post: 'I', conn: indeg(100), weight: scalar(0.2), synapse: expon(1) },
        { id: 'EE', pre: 'E', post: 'E', conn: indeg(40), weight: scalar(0.2), delaySteps: 15, synapse: expon(1) },
        { id: 'EI', pre: 'E', post: 'I', conn: indeg(40), weight: scalar(0.2), delaySteps: 15, synapse: expon(1) },
        { id: 'IE', pre: 'I', post: 'E', conn: indeg(10), weight: { kind: 'normal', mean: -1, std: 0.1 } as ValueIR, delaySteps: 7, synapse: expon(1) },
        { id: 'II', pre: 'I', post: 'I', conn: indeg(10), weight: scalar(-1), delaySteps: 1, synapse: expon(1) },
      ],
      monitors: [{ id: 'sE', record: 'spikes', population: 'E' }, { id: 'sI', record: 'spikes', population: 'I' }, { id: 'sx', record: 'spikes', population: 'ext' }],
    }));
  };

  it('steps delays (ring buffers in WebAssembly memory) and Poisson sources (the same random stream) bit-identically to the per-step and JavaScript drivers', () => {
    const ir = brunel();
    const js = simulate(ir, false, 2000, undefined, false);
    expectSame(simulate(ir, false, 300), js);
    for (const chunk of [1, 97, 2000]) {
      const fused = simulate(ir, true, chunk);
      expect(fused.fusedSteps).toBe(ir.steps);
      expectSame(fused, js);
    }
    // the sources fire at their rate: 1001 sources · 200 Hz · 0.2 s, within 5 standard deviations
    const sourceSpikes = (recorded(js)[5] as Int32Array).length;
    expect(Math.abs(sourceSpikes - 40040)).toBeLessThan(5 * Math.sqrt(40040));
  });

  it('takes a rate change of a Poisson source and a weight change of a delayed projection between chunks', () => {
    const ir = brunel();
    const change = (inst: TypedInstance, step: number): void => {
      if (step === 600) inst.setParameter('ext', 'params.rate', scalar(120));
      if (step === 1200) inst.setParameter('EE', 'weight', scalar(0.3));
    };
    const fused = simulate(ir, true, 200, change);
    expect(fused.fusedSteps).toBe(ir.steps);
    expectSame(fused, simulate(ir, false, 200, change, false));
  });
});
