/**
 * The generated step's blocks without masks (wasmgen/generate.ts, Generator.fastBlocks): a block
 * of four pairs where no neuron is to be reset and none is refractory skips the reset and
 * refractory selections, which with an all-false or all-true mask change no bit. So the step with
 * them must give the same bits as the step without them (useFastBlocks(false)), spike for spike
 * and state for state, on populations whose blocks go both ways: silent blocks (always unmasked),
 * firing blocks (masked while a neuron is refractory or just spiked), the pair loop and the odd
 * last neuron. Against the reference interpreter the step is checked in generate.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compileSpec, type NeuronSpec } from '../../src/shared/modelspec/check';
import { NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { WasmArena } from '../../src/engine/backends/typed/wasm';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import { useFastBlocks } from '../../src/engine/backends/typed/wasmgen/generate';
import type { PopulationIR, ValueIR } from '../../src/engine/ir';

function spec(name: string): NeuronSpec {
  const src = NEURON_SPECS.find((s) => s.name === name);
  if (!src) throw new Error(name);
  const r = compileSpec(src.source);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.spec;
}

/** 21 neurons: blocks 0-7 and 8-15 (four pairs each), the pairs 16-19 and neuron 20 alone. */
const N = 21;
const STEPS = 3000;
/** nA per neuron: the first block silent (below rheobase), the others firing at different rates. */
const current = (i: number): number => (i < 8 ? 0.2 * (i % 3) : 1.6 + 0.15 * (i % 7));

/** Spike steps and every state after every step, stepping `s` with the fast blocks on or off. */
function run(s: NeuronSpec, params: Record<string, ValueIR>, choices: Record<string, string>, fast: boolean) {
  useFastBlocks(fast);
  const arena = WasmArena.create(specArenaBytes(s, N));
  const pop: PopulationIR = { id: 'P', index: 0, model: s.name, family: 'neuron', size: N, lists: {}, init: {}, choices, params };
  const kernel = specPopulationKernel(s)(pop, { dt: 0.1, seed: 1, arena });
  const iext = kernel.hostArray?.('iext') ?? new Float64Array(N);
  for (let i = 0; i < N; i++) iext[i] = current(i);
  const out = kernel.hostSpikes?.() ?? new Int32Array(N);
  kernel.initialSpikes(out);
  const spikes: number[] = [];
  const states: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const k = kernel.update(step, { iext, groups: [], current: null }, out);
    for (let j = 0; j < k; j++) spikes.push(step, out[j]);
    for (const x of s.states) states.push(...(kernel.variable(x.name) as Float64Array));
  }
  return { spikes, states };
}

const scalar = (value: number): ValueIR => ({ kind: 'scalar', value });
const lif = { V_rest: scalar(-65), V_th: scalar(-50), V_reset: scalar(-65), tau: scalar(10), R: scalar(10) };

/** The same bits with and without the fast blocks; returns the spike count (so a silent run cannot pass unnoticed). */
function sameBits(name: string, params: Record<string, ValueIR>, choices: Record<string, string> = {}): number {
  const s = spec(name);
  const fast = run(s, params, choices, true);
  const masked = run(s, params, choices, false);
  expect(fast.spikes).toEqual(masked.spikes);
  expect(new Float64Array(fast.states)).toEqual(new Float64Array(masked.states));
  // firing neurons in both blocks of four pairs, so blocks take both paths
  const fired = new Set(fast.spikes.filter((_, k) => k % 2 === 1));
  expect([...fired].some((i) => i < 8) || [...fired].some((i) => i >= 8 && i < 16)).toBe(true);
  return fast.spikes.length / 2;
}

describe('generated blocks without masks give the masked step\'s bits', () => {
  afterEach(() => useFastBlocks(true));

  it('LIFRef, one refractory period for all (hard reset)', () => {
    expect(sameBits('LIFRef', { ...lif, tau_ref: scalar(2) }, { reset: 'hard' })).toBeGreaterThan(100);
  });

  it('LIFRef, refractory periods per neuron (soft reset)', () => {
    const tauRef: ValueIR = { kind: 'array', values: Float64Array.from({ length: N }, (_, i) => 0.5 + 0.5 * (i % 5)) };
    expect(sameBits('LIFRef', { ...lif, tau_ref: tauRef }, { reset: 'soft' })).toBeGreaterThan(100);
  });

  it('LIF (a reset, no refractory period), a threshold given per neuron', () => {
    const vth: ValueIR = { kind: 'array', values: Float64Array.from({ length: N }, (_, i) => -52 + 0.5 * (i % 4)) };
    expect(sameBits('LIF', { ...lif, V_th: vth }, { reset: 'hard' })).toBeGreaterThan(100);
  });
});
