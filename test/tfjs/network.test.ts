/**
 * The tfjs backend against the typed backend on whole networks: same seeded network (connectivity,
 * weights, initial values, source spikes), inputs, live parameter changes, monitors, and the
 * statistics of a chaotic E/I network, where float32 vs float64 makes spike trains drift apart
 * after a while, so only statistics are compared (the Brian2 tolerances: 10 % rates, 0.05 CV).
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { array, bretteCuba, lif, network, poisson, scalar } from '../engine/fixtures';
import { maxAbsDiff, tfjsInstance, typedInstance } from './helpers';
import { isiCv, meanRate } from '../../src/engine/analysis';
import type { ValueIR } from '../../src/engine/ir';

const TOL = 1e-4;

afterAll(() => {
  expect(tf.memory().numTensors).toBe(0);
});

describe('tfjs inputs', () => {
  it('step, ramp, sinusoid and OU currents match typed to 1e-4 nA (OU from the same stream)', async () => {
    const inputs: [string, Record<string, ValueIR>][] = [
      ['step', { amplitude: array([0.5, 1, 1.5]), start: scalar(5), stop: scalar(20) }],
      ['ramp', { from: scalar(0), to: array([1, 2, 3]), start: scalar(2), stop: scalar(25) }],
      ['sinusoid', { amplitude: scalar(1), offset: scalar(0.2), frequency: scalar(40), phase: scalar(0.3) }],
      ['ou', { mean: scalar(0.5), sigma: array([0.1, 0.2, 0.3]), tau: scalar(3) }],
    ];
    for (const [model, params] of inputs) {
      const ir = network({
        steps: 300,
        populations: [lif('N', { size: 3, V_th: 1e9 })],
        inputs: [{ id: 'in', model, target: 'N', params }],
        monitors: [{ id: 'i', record: 'state', population: 'N', variables: ['I', 'V'], neurons: [0, 1, 2], every: 3 }],
      });
      const run = await tfjsInstance(ir);
      const a = run.advance(300).traces;
      run.dispose();
      const b = typedInstance(ir).advance(300).traces;
      expect(Array.from(a[0].steps)).toEqual(Array.from(b[0].steps));
      expect(maxAbsDiff(a[0].values, b[0].values)).toBeLessThan(TOL);
      expect(maxAbsDiff(a[1].values, b[1].values)).toBeLessThan(TOL);
      expect(Math.max(...b[0].values) - Math.min(...b[0].values)).toBeGreaterThan(0.1);
    }
  });
});

describe('tfjs network', () => {
  it('builds the same network for every connectivity rule and propagates like typed, in both layouts', async () => {
    const rules = [
      { rule: 'fixed_prob', p: 0.1, allowSelf: false },
      { rule: 'bernoulli', p: 0.1, allowSelf: true },
      { rule: 'fixed_indegree', k: 7, allowSelf: false },
      { rule: 'fixed_outdegree', k: 5, allowSelf: true },
      { rule: 'all_to_all', allowSelf: false },
      { rule: 'one_to_one', allowSelf: true },
    ];
    for (const conn of rules) {
      const ir = network({
        steps: 400,
        seed: 7,
        populations: [poisson('P', 60, 80), lif('N', { size: 60, V_th: -55, V0: { kind: 'uniform', low: -65, high: -55 } })],
        projections: [{ id: 'p', pre: 'P', post: 'N', conn, weight: { kind: 'normal', mean: 0.4, std: 0.1 }, delaySteps: 2 }],
        monitors: [
          { id: 'sP', record: 'spikes', population: 'P' },
          { id: 'g', record: 'state', population: 'N', variables: ['g'], neurons: [0, 17, 59] },
          { id: 'r', record: 'rate', population: 'N' },
        ],
      });
      const ref = typedInstance(ir);
      const b = ref.advance(400);
      for (const layout of ['segment', 'dense'] as const) {
        const run = await tfjsInstance(ir, layout);
        expect(run.layouts().p).toBe(layout);
        const csr = run.connectivity('p');
        expect(Array.from(csr.col)).toEqual(Array.from(ref.connectivity('p').col));
        const a = run.advance(400);
        run.dispose();
        // Poisson spikes come from the same stream: identical.
        expect(Array.from(a.spikes[0].ids)).toEqual(Array.from(b.spikes[0].ids));
        expect(maxAbsDiff(a.traces[0].values, b.traces[0].values)).toBeLessThan(TOL);
        expect(maxAbsDiff(a.counts[0].counts, b.counts[0].counts)).toBe(0);
      }
      expect(Math.max(...b.traces[0].values)).toBeGreaterThan(0.3);
    }
  });

  it('changes input amplitude, Poisson rate and projection weight live, like typed', async () => {
    const ir = network({
      steps: 600,
      populations: [poisson('P', 20, 50), lif('N', { size: 20, V_th: -50 })],
      inputs: [{ id: 'drive', model: 'constant', target: 'N', params: { amplitude: scalar(1) } }],
      projections: [{ id: 'w', pre: 'P', post: 'N', conn: { rule: 'fixed_prob', p: 0.2, allowSelf: true }, weight: scalar(0.2) }],
      monitors: [{ id: 'v', record: 'state', population: 'N', variables: ['V'], neurons: [0, 5, 19], every: 5 }],
    });
    const run = await tfjsInstance(ir);
    const ref = typedInstance(ir);
    const out = [] as number[];
    for (const inst of [run, ref]) {
      inst.advance(200);
      inst.setParameter('drive', 'amplitude', scalar(1.4));
      inst.setParameter('P', 'rate', scalar(200));
      inst.setParameter('w', 'weight', { kind: 'uniform', low: 0.1, high: 0.5 });
      out.push(...inst.advance(400).traces[0].values);
    }
    run.dispose();
    const half = out.length / 2;
    expect(maxAbsDiff(out.slice(0, half), out.slice(half))).toBeLessThan(TOL);
    expect(() => run.setParameter('nope', 'x', scalar(1))).toThrow(/no node "nope"/);
  });

  it('E/I network statistics agree with typed within the Brian2 tolerances (10 % rate, 0.05 CV)', async () => {
    const steps = 5000;
    const ir = bretteCuba({ n: 2000, steps, seed: 3 });
    const run = await tfjsInstance(ir);
    const a = run.advance(steps);
    run.dispose();
    const b = typedInstance(ir).advance(steps);
    for (let k = 0; k < 2; k++) {
      const ra = meanRate(a.spikes[k], steps, ir.dt);
      const rb = meanRate(b.spikes[k], steps, ir.dt);
      expect(rb).toBeGreaterThan(1);
      expect(Math.abs(ra - rb) / rb).toBeLessThan(0.1);
      const ca = isiCv(a.spikes[k]);
      const cb = isiCv(b.spikes[k]);
      expect(cb).not.toBeNull();
      expect(Math.abs((ca as number) - (cb as number))).toBeLessThan(0.05);
    }
  });

  it('keeps tf.memory().numTensors flat over a long run and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const ir = network({
      steps: 3000,
      populations: [poisson('P', 50, 30), lif('N', { size: 50, tau_ref: 2 })],
      inputs: [{ id: 'ou', model: 'ou', target: 'N', params: { mean: scalar(1.4), sigma: scalar(0.3), tau: scalar(5) } }],
      projections: [{ id: 'p', pre: 'P', post: 'N', conn: { rule: 'bernoulli', p: 0.2, allowSelf: true }, weight: scalar(0.3), delaySteps: 4 }],
      monitors: [
        { id: 's', record: 'spikes', population: 'N' },
        { id: 'r', record: 'rate', population: 'P' },
        { id: 'v', record: 'state', population: 'N', variables: ['V', 'I', 'g'], neurons: [1, 2] },
      ],
    });
    const run = await tfjsInstance(ir);
    run.advance(100);
    const held = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    for (let k = 0; k < 29; k++) {
      run.advance(100);
      expect(tf.memory().numTensors).toBe(held);
      expect(tf.memory().numBytes).toBe(bytes);
    }
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
