/**
 * Loading order of the tfjs backend: native when a loader succeeds, else WASM, else CPU; a
 * missing or broken native module never breaks anything. Also the backend choice rule.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { createTfjsBackend, startTfjs } from '../../src/engine/backends/tfjs';
import { loadNativeTfjs, nativeKind, nodeTfjsOptions, wasmDirectory } from '../../src/engine/node/tfjsLoader';
import { AUTO_GPU_MIN_SYNAPSES, estimateSynapses, selectBackend } from '../../src/engine/backends/select';
import { typedBackend } from '../../src/engine/backends/typed';
import { bretteCuba, lif, network, scalar } from '../engine/fixtures';

const ir = network({
  steps: 200,
  populations: [lif('N', { size: 4, reset: 'soft' })],
  inputs: [{ id: 'I', model: 'constant', target: 'N', params: { amplitude: scalar(1.8) } }],
  monitors: [{ id: 'v', record: 'state', population: 'N', variables: ['V'], neurons: [0, 3] }],
});

describe('tfjs runtime', () => {
  it('reports tfjs-node as absent here without throwing, and finds the WASM files', async () => {
    // tfjs-node cannot install on this machine (no libtensorflow download).
    await expect(loadNativeTfjs()).resolves.toBe(false);
    expect(nativeKind()).toBeNull();
    expect(wasmDirectory()).toMatch(/tfjs-backend-wasm[/\\]dist[/\\]$/);
  });

  it('falls back to WASM when the native loader throws or says no', async () => {
    const broken = () => Promise.reject(new Error('libtensorflow.so: cannot open shared object file'));
    await expect(startTfjs({ ...nodeTfjsOptions(), loadNative: broken })).resolves.toBe('tfjs-wasm');
    await expect(startTfjs({ ...nodeTfjsOptions(), loadNative: async () => false })).resolves.toBe('tfjs-wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('runs on the CPU backend too, with the same trace as on WASM (1e-4 mV)', async () => {
    const traces: Float32Array[] = [];
    for (const prefer of ['tfjs-wasm', 'tfjs-cpu'] as const) {
      const run = await createTfjsBackend(nodeTfjsOptions({ prefer })).instantiate(ir);
      expect(run.name).toBe(prefer);
      traces.push(run.advance(200).traces[0].values);
      run.dispose();
    }
    expect(traces[0].length).toBe(400);
    for (let k = 0; k < traces[0].length; k++) expect(Math.abs(traces[0][k] - traces[1][k])).toBeLessThan(1e-4);
    await startTfjs(nodeTfjsOptions());
  });
});

describe('selectBackend', () => {
  it('honours typed and tfjs, and auto picks typed unless a GPU build is loaded and the net is large', () => {
    const tfjs = createTfjsBackend(nodeTfjsOptions());
    const small = bretteCuba({ n: 4000, steps: 1 });
    expect(selectBackend('typed', small, { tfjs })).toBe(typedBackend);
    expect(selectBackend('tfjs', small, { tfjs })).toBe(tfjs);
    expect(selectBackend('auto', small, { tfjs })).toBe(typedBackend);
    expect(selectBackend('auto', small, { tfjs, native: 'gpu' })).toBe(typedBackend);
    // 4000 neurons at p = 0.02: 4000 · 4000 · 0.02 = 320 000 expected synapses.
    expect(estimateSynapses(small)).toBeCloseTo(320_000, 6);
    const n = Math.ceil(Math.sqrt(AUTO_GPU_MIN_SYNAPSES / 0.5)) + 1;
    const huge = bretteCuba({ n, p: 0.5, steps: 1 });
    expect(selectBackend('auto', huge, { tfjs, native: 'gpu' })).toBe(tfjs);
    expect(selectBackend('auto', huge, { tfjs, native: 'cpu' })).toBe(typedBackend);
    expect(selectBackend('auto', huge, { tfjs })).toBe(typedBackend);
  });
});
