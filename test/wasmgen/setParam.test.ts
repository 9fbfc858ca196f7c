/**
 * Live parameter changes of a generated kernel: a refractory period that becomes different between
 * neurons is taken (the generated step then reads refractory steps per neuron) and gives the bits
 * of the hand-written LIFRef kernel under the same changes; a following change (tau) too.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/shared/modelspec/check';
import { NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { WasmArena } from '../../src/engine/backends/typed/wasm';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import { populationKernels } from '../../src/engine/backends/typed';
import type { PopulationIR, ValueIR } from '../../src/engine/ir';

const N = 4;
const DT = 0.1;
const scalar = (value: number): ValueIR => ({ kind: 'scalar', value });

function lifRef(hand = false) {
  const src = NEURON_SPECS.find((s) => s.name === 'LIFRef');
  if (!src) throw new Error('LIFRef spec');
  const r = compileSpec(src.source);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const spec = r.spec;
  const pop: PopulationIR = {
    id: 'P', index: 0, model: spec.name, family: 'neuron', size: N, lists: {}, init: {}, choices: { reset: 'hard' },
    params: { V_rest: scalar(-65), V_th: scalar(-50), V_reset: scalar(-65), tau: scalar(10), R: scalar(10), tau_ref: scalar(2) },
  };
  // the hand-written kernel: the bundled LIFRef without a WebAssembly arena
  const bundled = populationKernels.get('LIFRef');
  if (!bundled) throw new Error('LIFRef kernel');
  const kernel = hand ? bundled(pop, { dt: DT, seed: 1 }) : specPopulationKernel(spec)(pop, { dt: DT, seed: 1, arena: WasmArena.create(specArenaBytes(spec, N)) });
  const iext = kernel.hostArray?.('iext') ?? new Float64Array(N);
  for (let i = 0; i < N; i++) iext[i] = 1.6 + 0.3 * i;
  const out = kernel.hostSpikes?.() ?? new Int32Array(N);
  const spikes: number[] = [];
  const run = (from: number, steps: number): void => {
    for (let s = from; s < from + steps; s++) {
      const k = kernel.update(s, { iext, groups: [], current: null }, out);
      for (let j = 0; j < k; j++) spikes.push(s * N + out[j]);
    }
  };
  return { kernel, run, spikes, V: () => Array.from(kernel.variable('V') as Float64Array) };
}

describe('live parameter changes of a generated kernel', () => {
  it('a per-neuron tau_ref is taken: the hand-written LIFRef kernel\'s spikes and V under the same changes', () => {
    const a = lifRef();
    const b = lifRef(true);
    a.run(0, 300);
    b.run(0, 300);
    expect(a.V()).toEqual(b.V());
    const perNeuron: ValueIR = { kind: 'array', values: Float64Array.of(1, 2, 3, 4) };
    expect(() => a.kernel.setParam('tau_ref', perNeuron)).not.toThrow();
    b.kernel.setParam('tau_ref', perNeuron);
    a.run(300, 300);
    b.run(300, 300);
    a.kernel.setParam('tau', scalar(20));
    b.kernel.setParam('tau', scalar(20));
    a.run(600, 400);
    b.run(600, 400);
    expect(a.spikes.length).toBeGreaterThan(10);
    expect(a.spikes).toEqual(b.spikes);
    expect(a.V()).toEqual(b.V());
  });

  it('refuses a parameter the model does not have, naming the population and listing those it can change, on both kernels', () => {
    for (const hand of [false, true]) {
      const { kernel } = lifRef(hand);
      expect(() => kernel.setParam('tau_m', scalar(20))).toThrow(/LIFRef "P" has no parameter "tau_m" that can be changed during a run \(it can change: .*\btau\b.*\)/);
      expect(() => kernel.setParam('tau_m', scalar(20))).toThrow(/V_th/);
    }
  });
});
