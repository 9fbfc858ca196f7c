/**
 * The fused WebAssembly driver (src/engine/backends/typed/fused.ts) against the per-step driver
 * it stands in for: same spikes, same rate counts, same final V to the bit, whatever the chunk
 * sizes, record-buffer refills and parameter changes during the run; and it is used exactly
 * when the network qualifies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { setFusedRecordCapacity, useFusedSteps } from '../../src/engine/backends/typed/fused';
import type { NetworkIR, ValueIR } from '../../src/engine/ir';
import type { MonitorBatch } from '../../src/shared/results';
import { array, bretteCuba, lif, network, scalar } from './fixtures';

afterEach(() => {
  useFusedSteps(true);
  setFusedRecordCapacity(null);
});

interface Outcome {
  batches: MonitorBatch[];
  V: Float64Array[];
  fusedSteps: number;
}

/** Run `ir` in chunks of `chunk` steps; `change(instance, step)` may set parameters between chunks. */
function simulate(ir: NetworkIR, fused: boolean, chunk: number, change?: (inst: TypedInstance, step: number) => void): Outcome {
  useFusedSteps(fused);
  const inst = typedBackend.instantiate(ir) as TypedInstance;
  const batches: MonitorBatch[] = [];
  while (inst.step < ir.steps) {
    change?.(inst, inst.step);
    batches.push(inst.advance(Math.min(chunk, ir.steps - inst.step)) as MonitorBatch);
  }
  return { batches, V: ir.populations.map((p) => Float64Array.from(inst.readVariable(p.id, 'V'))), fusedSteps: inst.fusedSteps };
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

/** Spikes and counts per monitor over the whole run (chunking may differ between the two runs). */
function recorded(o: Outcome): { steps: Int32Array; ids: Int32Array }[] | Int32Array[] {
  const spikes = o.batches[0].spikes.map((_, k) => ({ steps: concat(o.batches.map((b) => b.spikes[k].steps)), ids: concat(o.batches.map((b) => b.spikes[k].ids)) }));
  const counts = o.batches[0].counts.map((_, k) => concat(o.batches.map((b) => b.counts[k].counts)));
  return [...spikes.flatMap((s) => [s.steps, s.ids]), ...counts];
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

  it('hands over to the per-step driver when a parameter change leaves the fast loop, and takes weight changes', () => {
    const ir = bretteCuba({ n: 400, seed: 6, steps: 2000, p: 0.1 });
    const change = (inst: TypedInstance, step: number): void => {
      if (step === 500) inst.setParameter('EE', 'weight', scalar(2.0));
      if (step === 1000) inst.setParameter('E', 'params.V_th', array(Array.from({ length: 320 }, (_, i) => -50 + (i % 3) * 0.5)));
    };
    const fused = simulate(ir, true, 100, change);
    expect(fused.fusedSteps).toBe(1000);
    expectSame(fused, simulate(ir, false, 100, change));
  });

  it('is not used for state monitors, delays or short-term plasticity, which the per-step driver handles', () => {
    const base = bretteCuba({ n: 200, steps: 300, p: 0.1 });
    const state: NetworkIR = { ...base, monitors: [...base.monitors, { id: 'v', record: 'state', population: 0, variables: ['V'], neurons: Int32Array.from([0]), every: 1 }] };
    const delayed: NetworkIR = { ...base, projections: base.projections.map((p, k) => (k === 0 ? { ...p, delaySteps: 3 } : p)) };
    const depressing: NetworkIR = { ...base, projections: base.projections.map((p, k) => (k === 0 ? { ...p, plasticity: { model: 'STD', params: { U: 0.4, tau: 100 }, choices: {} } } : p)) };
    for (const ir of [state, delayed, depressing]) {
      expect(simulate(ir, true, 50).fusedSteps).toBe(0);
      expectSame(simulate(ir, true, 50), simulate(ir, false, 50));
    }
    expect(simulate(base, true, 50).fusedSteps).toBe(300);
  });
});
