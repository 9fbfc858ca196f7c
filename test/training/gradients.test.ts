/**
 * The surrogate's shape, and BPTT against central finite differences on a tiny network, per
 * parameter. Finite differences cannot see a surrogate (the Heaviside forward has zero derivative
 * almost everywhere), so the BPTT graph is checked with the smooth stand-in whose exact derivative
 * is the surrogate (smoothSpike), the reset differentiated too; the customGrad that training uses
 * is checked separately to give exactly that derivative with a Heaviside forward.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import { build } from '../../src/engine/build';
import { TrainableNetwork } from '../../src/engine/training/network';
import { fastSigmoidDerivative, smoothSpike, superSpike } from '../../src/engine/training/surrogate';
import { batchInputs, oneHot, type SpikeSample } from '../../src/engine/training/dataset';
import { feedForward, startWasm } from './helpers';

beforeAll(async () => {
  await startWasm();
});

describe('surrogate spike', () => {
  const slope = 2;
  const xs = [-3, -1, -0.25, -1e-3, 0, 1e-3, 0.25, 1, 3];

  it('is the Heaviside step forward (spike when V >= V_th) and 1/(slope|x|+1)^2 backward', () => {
    const spike = superSpike(slope);
    const x = tf.tensor1d(xs);
    const y = spike(x).arraySync() as number[];
    expect(y).toEqual(xs.map((v) => (v >= 0 ? 1 : 0)));
    const g = tf.grad((t: Tensor) => tf.sum(spike(t)))(x).arraySync() as number[];
    g.forEach((gi, k) => expect(gi).toBeCloseTo(1 / (slope * Math.abs(xs[k]) + 1) ** 2, 6));
    // Shape: peak 1 at threshold, symmetric, half height at |x| = (sqrt 2 - 1)/slope.
    expect(Math.max(...g)).toBeCloseTo(1, 6);
    expect(g[0]).toBeCloseTo(g[g.length - 1], 6);
    const half = (Math.SQRT2 - 1) / slope;
    expect(fastSigmoidDerivative(tf.scalar(half), slope).dataSync()[0]).toBeCloseTo(0.5, 6);
  });

  it('has a smooth stand-in whose derivative is exactly the surrogate', () => {
    const x = tf.tensor1d(xs);
    const g = tf.grad((t: Tensor) => tf.sum(smoothSpike(slope)(t)))(x).arraySync() as number[];
    g.forEach((gi, k) => expect(gi).toBeCloseTo(1 / (slope * Math.abs(xs[k]) + 1) ** 2, 5));
  });

  it('refuses a slope that is not positive', () => {
    expect(() => superSpike(0)).toThrow(/positive number per mV/);
  });
});

describe('BPTT against finite differences', () => {
  it('matches per parameter on a tiny network (weights of both projections and the hidden taus)', () => {
    const doc = feedForward({ nIn: 3, nHidden: 4, nOut: 2, task: { kind: 'xor' }, trainTau: true, reset: 'soft', wIn: 3, wOut: 3, seed: 3 });
    const { ir } = build(doc, { durationMs: 20 });
    if (!ir) throw new Error('tiny network does not build');
    const net = new TrainableNetwork(ir, { input: 'in', readout: { population: 'out', kind: 'count' }, projections: ['in->hid', 'hid->out'], taus: ['hid'], detachReset: false });
    const samples: SpikeSample[] = [
      { times: Float64Array.from([0, 2, 4, 9]), units: Int32Array.from([0, 1, 2, 0]), label: 0 },
      { times: Float64Array.from([1, 3, 6, 7]), units: Int32Array.from([2, 1, 0, 2]), label: 1 },
    ];
    const inputs = batchInputs(samples, net.nInputs, net.steps, net.dt);
    const targets = oneHot(samples, net.nClasses);
    const spike = smoothSpike(0.5);
    const lossOf = (): number => tf.tidy(() => tf.losses.softmaxCrossEntropy(targets, net.forward(inputs, spike).logits).dataSync()[0]);
    const vars = net.variables();
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(targets, net.forward(inputs, spike).logits) as tf.Scalar, vars);
    const rows: string[] = [];
    let worst = 0;
    let checked = 0;
    for (const v of vars as Variable[]) {
      const g = grads[v.name].dataSync();
      const base = Float32Array.from(v.dataSync());
      // Step: 1e-2 of the parameter's scale (nA or ms); float32 round-off of the loss is ~1e-7.
      const h = v.name.endsWith('.tau') ? 0.05 : 0.02;
      const worstHere: number[] = [];
      for (let k = 0; k < base.length; k++) {
        const probe = (delta: number): number => {
          const x = base.slice();
          x[k] += delta;
          v.assign(tf.tensor(x, v.shape));
          return lossOf();
        };
        const fd = (probe(h) - probe(-h)) / (2 * h);
        v.assign(tf.tensor(base, v.shape));
        const scale = Math.max(Math.abs(fd), Math.abs(g[k]));
        // Entries whose gradient is below 1e-3 of the loss scale carry no signal in float32.
        if (scale < 1e-3) continue;
        const rel = Math.abs(fd - g[k]) / scale;
        worstHere.push(rel);
        worst = Math.max(worst, rel);
        checked++;
      }
      rows.push(`${v.name}: ${worstHere.length} entries checked, max relative error ${Math.max(0, ...worstHere).toExponential(2)}`);
    }
    console.log(`gradient check (autodiff vs central differences):\n  ${rows.join('\n  ')}`);
    expect(checked).toBeGreaterThan(20);
    // Central differences in float32 with h = 0.02: truncation O(h^2) and round-off ~1e-7/h.
    expect(worst).toBeLessThan(2e-2);
    tf.dispose([...inputs, targets, ...Object.values(grads)]);
    net.dispose();
  });
});
