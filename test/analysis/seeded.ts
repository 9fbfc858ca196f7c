/** Seeded test data: every random draw in these tests comes from here. */
import type { SpikeTrain } from '../../src/shared/results';

/** mulberry32: a small, well-mixed 32-bit generator; uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Build a train from per-neuron spike steps, merged in step order as a monitor records them. */
export function trainOf(perNeuron: readonly (readonly number[])[], population = 'P'): SpikeTrain {
  const all: [number, number][] = [];
  perNeuron.forEach((steps, id) => steps.forEach((s) => all.push([s, id])));
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return {
    monitor: 'spikes',
    population,
    size: perNeuron.length,
    steps: Int32Array.from(all.map((x) => x[0])),
    ids: Int32Array.from(all.map((x) => x[1])),
  };
}

/**
 * Independent Poisson trains: exponential intervals of mean 1000 / rateHz ms, each spike put in
 * the step containing it (at most one spike per neuron per step, as a neuron can do).
 */
export function poissonTrains(neurons: number, rateHz: number, steps: number, dt: number, seed: number): number[][] {
  const u = rng(seed);
  const meanSteps = 1000 / rateHz / dt;
  const out: number[][] = [];
  for (let i = 0; i < neurons; i++) {
    const s: number[] = [];
    let t = 0;
    for (;;) {
      t += -Math.log(1 - u()) * meanSteps;
      const step = Math.floor(t);
      if (step >= steps) break;
      if (s.length === 0 || s[s.length - 1] !== step) s.push(step);
    }
    out.push(s);
  }
  return out;
}
