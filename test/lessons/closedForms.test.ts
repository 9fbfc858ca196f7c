/**
 * The numbers the shipped lessons check, recomputed here from the closed forms their texts give
 * (or by integrating the equations with a fine step, independent of the engine), and, for
 * Brunel's network, the Brian2 numbers of test/examples/brunel.test.ts: each must lie inside
 * the range the lesson's check allows. `snn lesson check` then shows the engine lands there too
 * (test/lessons/shipped.test.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLesson, type CheckRange, type Lesson, type LessonCheck } from '../../src/shared/lessons';

const DIR = resolve(__dirname, '../../resources/lessons');

function lesson(file: string): Lesson {
  const r = parseLesson(readFileSync(resolve(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.lesson;
}

/** The range of the check of `kind` (the n-th of that kind) in the step titled `title`. */
function range(l: Lesson, title: string, kind: LessonCheck['kind'], n = 0): CheckRange {
  const step = l.steps.find((s) => s.title === title);
  const check = step?.checks.filter((c) => c.kind === kind)[n];
  if (!check || !('range' in check)) throw new Error(`no ${kind} check in "${title}"`);
  return check.range;
}

function inside(x: number, r: CheckRange): boolean {
  return (r.min === undefined || x >= r.min.value) && (r.max === undefined || x <= r.max.value);
}

/** LIF: time from V_reset to threshold, ms (Infinity below rheobase). */
function period(tauMs: number, rMOhm: number, iNa: number, gapMv: number): number {
  const ri = rMOhm * iNa;
  return ri > gapMv ? tauMs * Math.log(ri / (ri - gapMv)) : Infinity;
}

/** Spikes in `durationMs` when the threshold is checked once per dt: each interval is rounded up to whole steps. */
function spikesInSteps(tauMs: number, rMOhm: number, iNa: number, gapMv: number, durationMs: number, dt = 0.1): number {
  const steps = Math.ceil(period(tauMs, rMOhm, iNa, gapMv) / dt - 1e-9);
  return Math.floor(durationMs / dt / steps);
}

/**
 * The voltmeter of lesson 3 (tau_m 1 ms, R 10 MΩ) under spikes at 10, 15, 20, 30 ms, integrated by
 * forward Euler with a 1 µs step: its highest V, mV.
 */
function voltmeterPeak(kind: 'expon' | 'alpha', tauS: number, coba = false, w = 1, dt = 0.001): number {
  const spikes = [10, 15, 20, 30];
  let v = -65;
  let g = 0;
  let h = 0;
  let k = 0;
  let best = -Infinity;
  for (let i = 0; i < 50 / dt; i++) {
    const t = i * dt;
    if (k < spikes.length && t >= spikes[k] - 1e-9) {
      if (kind === 'alpha') h += w;
      else g += w;
      k++;
    }
    if (kind === 'alpha') {
      g += (dt * (-g + h)) / tauS;
      h -= (dt * h) / tauS;
    } else g -= (dt * g) / tauS;
    const current = coba ? g * (0 - v) : g;
    v += dt * (-(v + 65) + 10 * current);
    best = Math.max(best, v);
  }
  return best;
}

/** Lesson 4: pre LIF (10 ms, 2.5 nA) -> Expon synapse (5 ms, w) -> post LIF (20 ms); first post spike, ms. */
function firstPostSpike(w: number, delayMs = 0, dt = 0.001): number {
  let pre = -65;
  let post = -65;
  let g = 0;
  const queue: number[] = [];
  for (let i = 0; i < 150 / dt; i++) {
    const t = i * dt;
    while (queue.length && queue[0] <= t + 1e-12) {
      g += w;
      queue.shift();
    }
    g -= (dt * g) / 5;
    pre += (dt * (-(pre + 65) + 25)) / 10;
    post += (dt * (-(post + 65) + 10 * g)) / 20;
    if (pre >= -50) {
      pre = -65;
      queue.push(t + delayMs);
    }
    if (post >= -50) return t;
  }
  return Infinity;
}

describe('the numbers the lessons check, from closed forms', () => {
  it('lesson 1: spike counts from the period formula, V∞ below threshold, the R = 1 Ω slip', () => {
    const l = lesson('01-lif.lesson.md');
    expect(spikesInSteps(10, 10, 2, 15, 100)).toBe(7);
    expect(inside(7, range(l, 'Run it and count the spikes', 'spikes'))).toBe(true);
    expect(spikesInSteps(10, 10, 3, 15, 100)).toBe(14);
    expect(inside(14, range(l, 'Twice the distance to threshold', 'spikes'))).toBe(true);
    // 1.4 nA: V∞ = -65 + 14 = -51 mV, reached within e^-10 after 100 ms
    const vInf = -65 + 10 * 1.4;
    expect(inside(vInf - 14 * Math.exp(-10), range(l, 'Just below the threshold', 'trace-max'))).toBe(true);
    expect(inside(-65 + 10 * 1.5, range(l, 'Just below the threshold', 'trace-max'))).toBe(true); // the rheobase's V∞ is the upper end
    // R = 1 Ω = 1e-6 MΩ: V∞ = -65 mV + 3 nV
    expect(inside(-65 + 1e-6 * 3, range(l, 'The unit slip of the tutorial', 'trace-max'))).toBe(true);
  });

  it('lesson 2: the rheobase of each sweep and the mean rate with a refractory period', () => {
    const l = lesson('02-fi-curve.lesson.md');
    const sweep = (from: number, to: number): number[] => Array.from({ length: 20 }, (_, i) => from + ((to - from) * i) / 19);
    const midpoint = (inputs: number[]): number => {
      const k = inputs.findIndex((x) => 10 * x > 15);
      return (inputs[k - 1] + inputs[k]) / 2;
    };
    expect(inside(midpoint(sweep(0.5, 5)), range(l, 'Find the rheobase in the sweep', 'rheobase'))).toBe(true);
    expect(inside(midpoint(sweep(1.4, 1.6)), range(l, 'Zoom in on the rheobase', 'rheobase'))).toBe(true);
    const meanRate = (tauRef: number): number => sweep(0.5, 5).reduce((a, x) => a + 1000 / (tauRef + period(10, 10, x, 15)), 0) / 20;
    expect(meanRate(5)).toBeCloseTo(64.7, 1);
    expect(inside(meanRate(5), range(l, 'Refractoriness bends the curve', 'rate'))).toBe(true);
    expect(inside(meanRate(0), range(l, 'Refractoriness bends the curve', 'rate'))).toBe(false);
  });

  it('lesson 3: the voltmeter peaks for Expon 5 and 10 ms, Alpha, and COBA', () => {
    const l = lesson('03-synapses.lesson.md');
    expect(inside(voltmeterPeak('expon', 5), range(l, 'An exponential synapse', 'trace-max'))).toBe(true);
    expect(inside(voltmeterPeak('expon', 10), range(l, 'A slower synapse sums more', 'trace-max'))).toBe(true);
    expect(inside(voltmeterPeak('alpha', 5), range(l, 'An alpha synapse rises smoothly', 'trace-max'))).toBe(true);
    expect(inside(voltmeterPeak('expon', 5, true, 1 / 65), range(l, 'Current or conductance', 'trace-max'))).toBe(true);
    // each step's range excludes the previous step's answer, so a student who changed nothing fails
    expect(inside(voltmeterPeak('expon', 5), range(l, 'Current or conductance', 'trace-max'))).toBe(false);
  });

  it('lesson 4: the EPSP, summation to threshold, the one-spike weight and the delay', () => {
    const l = lesson('04-two-neurons.lesson.md');
    const tPeak = ((5 * 20) / 15) * Math.log(20 / 5);
    const epsp = (30 * 5) / (5 - 20) * (Math.exp(-tPeak / 5) - Math.exp(-tPeak / 20));
    expect(epsp).toBeCloseTo(4.72, 2);
    expect(inside(firstPostSpike(3), range(l, 'EPSPs sum to threshold', 'first-spike'))).toBe(true);
    expect((15 / epsp) * 3).toBeLessThan(10); // 10 nA is above the one-spike weight
    expect(inside(firstPostSpike(10), range(l, 'One spike, one spike', 'first-spike'))).toBe(true);
    expect(inside(firstPostSpike(3), range(l, 'One spike, one spike', 'first-spike'))).toBe(false);
    // the engine delivers a spike one step after it (SEMANTICS.md): allow the range its 0.1–0.3 ms
    const delayed = firstPostSpike(10, 5);
    expect(delayed - firstPostSpike(10)).toBeCloseTo(5, 2);
    expect(inside(delayed, range(l, 'A transmission delay', 'first-spike'))).toBe(true);
  });

  it('lessons 5 and 7: a lone neuron under the network drive', () => {
    const five = lesson('05-ei-balanced.lesson.md');
    const lone = 1000 / period(20, 20, 0.55, 10);
    expect(lone).toBeCloseTo(20.85, 1);
    expect(inside(lone, range(five, 'Without the network', 'rate'))).toBe(true);
    const seven = lesson('07-ping-gamma.lesson.md');
    const e = 1000 / (2 + period(20, 10, 2, 15));
    expect(e).toBeCloseTo(33.6, 1);
    expect(inside(e, range(seven, 'Without inhibition there is no rhythm', 'rate'))).toBe(true);
  });

  it("lesson 6: Brunel's balanced rate and the Brian2 numbers of each regime", () => {
    const l = lesson('06-brunel.lesson.md');
    // nu_thr (eta - 1)/(g/4 - 1) for g = 5, eta = 2
    expect(inside(10 * (2 - 1) / (5 / 4 - 1), range(l, 'Asynchronous irregular (g = 5, η = 2)', 'rate'))).toBe(true);
    // Brian2 2.5.1, Brunel's delta synapses, same windows (test/examples/brunel.test.ts)
    expect(inside(36.49, range(l, 'Asynchronous irregular (g = 5, η = 2)', 'rate'))).toBe(true);
    expect(inside(0.299, range(l, 'Asynchronous irregular (g = 5, η = 2)', 'cv'))).toBe(true);
    expect(inside(313.97, range(l, 'Synchronous regular (g = 3)', 'rate'))).toBe(true);
    expect(inside(0.026, range(l, 'Synchronous regular (g = 3)', 'cv'))).toBe(true);
    expect(inside(57.21, range(l, 'Synchronous irregular, fast (g = 6, η = 4)', 'rate'))).toBe(true);
    expect(inside(0.432, range(l, 'Synchronous irregular, fast (g = 6, η = 4)', 'cv'))).toBe(true);
    expect(inside(7.16, range(l, 'Synchronous irregular, slow (g = 4.5, η = 0.9)', 'rate'))).toBe(true);
  });
});
