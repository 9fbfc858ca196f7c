/**
 * A live parameter change that a generated kernel refuses (a refractory period that would differ
 * between neurons: the generated step holds one count of refractory steps) changes nothing: the
 * state is as before, and the stored value is the old one, so the next accepted change (tau)
 * runs exactly as in a twin population that never saw the refused one.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/shared/modelspec/check';
import { NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { WasmArena } from '../../src/engine/backends/typed/wasm';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import type { PopulationIR, ValueIR } from '../../src/engine/ir';

const N = 4;
const DT = 0.1;
const scalar = (value: number): ValueIR => ({ kind: 'scalar', value });

function lifRef() {
  const src = NEURON_SPECS.find((s) => s.name === 'LIFRef');
  if (!src) throw new Error('LIFRef spec');
  const r = compileSpec(src.source);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const spec = r.spec;
  const pop: PopulationIR = {
    id: 'P', index: 0, model: spec.name, family: 'neuron', size: N, lists: {}, init: {}, choices: { reset: 'hard' },
    params: { V_rest: scalar(-65), V_th: scalar(-50), V_reset: scalar(-65), tau: scalar(10), R: scalar(10), tau_ref: scalar(2) },
  };
  const kernel = specPopulationKernel(spec)(pop, { dt: DT, seed: 1, arena: WasmArena.create(specArenaBytes(spec, N)) });
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

describe('a refused live parameter leaves a generated kernel as it was', () => {
  it('per-neuron tau_ref is refused; V, the spikes and the next accepted change match a twin that never saw it', () => {
    const a = lifRef();
    const b = lifRef();
    a.run(0, 300);
    b.run(0, 300);
    const before = a.V();
    const perNeuron: ValueIR = { kind: 'array', values: Float64Array.of(1, 2, 3, 4) };
    expect(() => a.kernel.setParam('tau_ref', perNeuron)).toThrow(/refractory period must be the same for every neuron/);
    expect(a.V()).toEqual(before);
    // the stored tau_ref is still the scalar: changing tau is accepted (before the fix it threw again)
    expect(() => a.kernel.setParam('tau', scalar(20))).not.toThrow();
    b.kernel.setParam('tau', scalar(20));
    a.run(300, 700);
    b.run(300, 700);
    expect(a.spikes.length).toBeGreaterThan(10);
    expect(a.spikes).toEqual(b.spikes);
    expect(a.V()).toEqual(b.V());
  });
});
