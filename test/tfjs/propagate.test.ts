/** The two projection layouts against hand-computed increments, including the edge cases. */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { chooseLayout, DENSE_MIN_DENSITY, makePropagator } from '../../src/engine/backends/tfjs/propagate';
import { startTfjs } from '../../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../../src/engine/node/tfjsLoader';
import type { Csr } from '../../src/engine/connectivity';

// Pre 0 -> post 1 twice (a multapse), pre 1 -> posts 0 and 2; posts 3 and 4 get nothing, so the
// segment layout must pad its output.
const csr: Csr = { nPre: 3, nPost: 5, rowPtr: Int32Array.from([0, 2, 4, 4]), col: Int32Array.from([1, 1, 0, 2]) };

async function increments(c: Csr, spikes: number[], weight: number, weights: Float32Array | null, layout: 'segment' | 'dense'): Promise<number[]> {
  const prop = makePropagator(c, weight, weights, layout);
  const out = tf.tidy(() => Array.from(prop.increments(tf.tensor1d(spikes)).dataSync()));
  prop.dispose();
  return out;
}

describe('tfjs projection layouts', () => {
  beforeAll(async () => {
    await startTfjs(nodeTfjsOptions());
  });

  for (const layout of ['segment', 'dense'] as const) {
    it(`${layout}: scalar and per-synapse weights, multapses, silent targets`, async () => {
      const before = tf.memory().numTensors;
      expect(await increments(csr, [1, 1, 0], 0.5, null, layout)).toEqual([0.5, 1, 0.5, 0, 0]);
      expect(await increments(csr, [0, 1, 1], 0.5, null, layout)).toEqual([0.5, 0, 0.5, 0, 0]);
      const w = Float32Array.from([1, 2, 4, 8]);
      expect(await increments(csr, [1, 1, 1], 0, w, layout)).toEqual([4, 3, 8, 0, 0]);
      expect(await increments(csr, [0, 0, 1], 0, w, layout)).toEqual([0, 0, 0, 0, 0]);
      const empty: Csr = { nPre: 3, nPost: 4, rowPtr: new Int32Array(4), col: new Int32Array(0) };
      expect(await increments(empty, [1, 1, 1], 2, null, layout)).toEqual([0, 0, 0, 0]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('chooses dense only above the measured density and below the size cap', () => {
    const rows = (nPre: number, nPost: number, perRow: number): Csr => ({
      nPre, nPost, rowPtr: Int32Array.from({ length: nPre + 1 }, (_, i) => i * perRow), col: new Int32Array(nPre * perRow),
    });
    expect(chooseLayout(rows(100, 100, Math.ceil(100 * DENSE_MIN_DENSITY)))).toBe('dense');
    expect(chooseLayout(rows(100, 100, Math.floor(100 * DENSE_MIN_DENSITY) - 1))).toBe('segment');
    expect(chooseLayout(rows(10_000, 10_000, 1000))).toBe('segment');
    expect(chooseLayout(csr)).toBe('dense');
  });
});
