/**
 * Bundled HH on the WebAssembly kernel generated from its spec (backends/typed/neuronModels.ts):
 * a conductance-based HH network (Brette et al.'s benchmark 3 in small, as bench/networks/cobaHH.ts)
 * runs fused, whole chunks per call, and agrees with the JavaScript spec kernel (spec/specKernel.ts,
 * which steps it where WebAssembly is missing). Both take every state by exponential Euler with
 * the others frozen over the step, from the same spec; they round differently (the generated
 * kernel's detExp against Math.exp, a multiplication by a shared reciprocal against a division),
 * so they are compared to a tolerance, not to the bit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { useWasmKernels } from '../../src/engine/backends/typed/wasm';
import type { ConnIR, NetworkIR, PopulationIR, ValueIR } from '../../src/engine/ir';
import type { MonitorBatch } from '../../src/shared/results';
import { coba, expon, network, scalar } from './fixtures';

afterEach(() => useWasmKernels(true));

/** The bench's COBA-HH cell (0.2 nF, 20 / 6 / 0.01 µS, ENa 50, EK −90, EL −60 mV, spikes at −20 mV). */
function hh(id: string, size: number): PopulationIR {
  const p = { ENa: 50, gNa: 20, EK: -90, gK: 6, EL: -60, gL: 0.01, V_th: -20, C: 0.2 };
  return {
    id, index: -1, model: 'HH', family: 'neuron', size, choices: {}, lists: {},
    params: Object.fromEntries(Object.entries(p).map(([k, v]) => [k, scalar(v)])),
    init: { V: { kind: 'normal', mean: -65, std: 5 } as ValueIR },
  };
}

const STEPS = 2000;

function cobaHH(): NetworkIR {
  const conn: ConnIR = { rule: 'bernoulli', p: 0.1, allowSelf: true };
  return network({
    dt: 0.05,
    steps: STEPS,
    seed: 3,
    populations: [hh('E', 161), hh('I', 40)],
    inputs: [
      { id: 'dE', model: 'constant', target: 'E', params: { amplitude: { kind: 'uniform', low: 1, high: 2 } as ValueIR } },
      { id: 'dI', model: 'constant', target: 'I', params: { amplitude: { kind: 'uniform', low: 1, high: 2 } as ValueIR } },
    ],
    projections: [
      { id: 'EE', pre: 'E', post: 'E', conn, weight: scalar(0.006), synapse: expon(5), output: coba(0) },
      { id: 'EI', pre: 'E', post: 'I', conn, weight: scalar(0.006), synapse: expon(5), output: coba(0) },
      { id: 'IE', pre: 'I', post: 'E', conn, weight: scalar(0.067), synapse: expon(10), output: coba(-80) },
      { id: 'II', pre: 'I', post: 'I', conn, weight: scalar(0.067), synapse: expon(10), output: coba(-80) },
    ],
    monitors: [{ id: 'sE', record: 'spikes', population: 'E' }, { id: 'sI', record: 'spikes', population: 'I' }],
  });
}

interface Run {
  /** Per population: "step:neuron" of every spike, in order. */
  spikes: string[][];
  V: Float64Array[];
  fusedSteps: number;
}

function run(ir: NetworkIR, wasm: boolean, chunk: number): Run {
  useWasmKernels(wasm);
  const inst = typedBackend.instantiate(ir) as TypedInstance;
  useWasmKernels(true);
  const batches: MonitorBatch[] = [];
  while (inst.step < ir.steps) batches.push(inst.advance(Math.min(chunk, ir.steps - inst.step)) as MonitorBatch);
  const spikes = ir.monitors.map((_, k) => batches.flatMap((b) => Array.from(b.spikes[k].ids, (id, j) => `${b.spikes[k].steps[j]}:${id}`)));
  const V = ir.populations.map((p) => Float64Array.from(inst.readVariable(p.id, 'V')));
  return { spikes, V, fusedSteps: inst.fusedSteps };
}

describe('HH on its generated kernel', () => {
  it('runs a COBA-HH network fused and agrees with the JavaScript spec kernel (same spikes; V within 1e-6 mV)', () => {
    const ir = cobaHH();
    const generated = run(ir, true, 700);
    const js = run(ir, false, STEPS);
    expect(generated.fusedSteps).toBe(STEPS);
    expect(js.fusedSteps).toBe(0);
    // the network is active (the comparison is not between two silent runs)
    expect(js.spikes[0].length + js.spikes[1].length).toBeGreaterThan(100);
    expect(generated.spikes).toEqual(js.spikes);
    // rounding only: measured at most 5.2e-12 mV after 2000 steps (V between about -80 and +40 mV)
    let worst = 0;
    generated.V.forEach((v, k) => v.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - js.V[k][i])))));
    expect(worst).toBeLessThan(1e-6);
  });
});
