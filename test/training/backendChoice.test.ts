/**
 * The training backend rule (src/engine/training/backendChoice.ts) with its platform injected:
 * what starts when tfjs-node fails to load, when WebGL is missing or software, when a flavour is
 * asked for. tfjs really starts (WASM from disk); "native" and "webgl" are fake backends that run
 * the CPU kernels under those names, since neither exists in Node here.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { selectTrainingBackend } from '../../src/engine/training/backendChoice';
import { wasmDirectory } from '../../src/engine/node/tfjsLoader';
import { isSoftwareRenderer, loadWebglBackend } from '../../src/engine/backends/tfjs/runtime';

const wasmPath = wasmDirectory();
const SWIFTSHADER = 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const GPU = 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)';

/** Register a backend `name` that runs tfjs's CPU kernels, as a loader of a real one would register it. */
function fakeBackend(name: string): () => Promise<boolean> {
  return async () => {
    if (tf.findBackendFactory(name) == null) {
      tf.registerBackend(name, () => new MathBackendCPU());
      for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: name });
    }
    return true;
  };
}

const noLoader = (): Promise<boolean> => Promise.reject(new Error('must not be called'));

afterAll(() => {
  for (const name of ['tensorflow', 'webgl']) if (tf.findBackendFactory(name) != null) tf.removeBackend(name);
});

describe('selectTrainingBackend in Node', () => {
  it('falls back to WASM when tfjs-node fails to load, and says why', async () => {
    const loadNative = vi.fn(() => Promise.reject(new Error('libtensorflow.so.2: cannot open shared object file')));
    const choice = await selectTrainingBackend('auto', { platform: 'node', loadNative, wasmPath });
    expect(loadNative).toHaveBeenCalledTimes(1);
    expect(choice.flavour).toBe('tfjs-wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(choice.reason).toMatch(/^tfjs-wasm: native TensorFlow \(tfjs-node\) did not load/);
    expect(choice.reason).toContain('faster than plain JS');
  });

  it('picks tfjs-node when it loads, and never tries WebGL in Node', async () => {
    const probeWebgl = vi.fn(() => GPU);
    const choice = await selectTrainingBackend('auto', { platform: 'node', loadNative: fakeBackend('tensorflow'), loadWebgl: noLoader, probeWebgl, wasmPath });
    expect(choice).toEqual({ flavour: 'tfjs-node', reason: 'tfjs-node: native TensorFlow loaded (tried first in Node)' });
    expect(tf.getBackend()).toBe('tensorflow');
    expect(probeWebgl).not.toHaveBeenCalled();
    // The fake native backend really trains-ready: an op runs on it.
    expect(tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0]).toBe(3);
  });

  it('finds no WebGL in Node with the real tfjs-backend-webgl (it registers only where tfjs sees a browser)', async () => {
    expect(await loadWebglBackend()).toBe(false);
    const choice = await selectTrainingBackend('tfjs-webgl', { platform: 'node', loadNative: async () => false, wasmPath });
    expect(choice.flavour).toBe('tfjs-wasm');
  });

  it('honours an explicit flavour, and says so when it cannot start', async () => {
    expect(await selectTrainingBackend('tfjs-cpu', { platform: 'node', wasmPath })).toEqual({ flavour: 'tfjs-cpu', reason: 'tfjs-cpu: as asked' });
    const choice = await selectTrainingBackend('tfjs-webgl', { platform: 'node', loadWebgl: async () => false, loadNative: async () => false, wasmPath });
    expect(choice.flavour).toBe('tfjs-wasm');
    expect(choice.reason).toMatch(/^tfjs-wasm: tfjs-webgl was asked for but could not start here; native TensorFlow/);
  });
});

describe('selectTrainingBackend in a browser', () => {
  it('tells software GL from a GPU by the renderer name', () => {
    expect(isSoftwareRenderer(SWIFTSHADER)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer(GPU)).toBe(false);
    expect(isSoftwareRenderer('')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });

  it('takes WASM when there is no WebGL 2, without loading the WebGL backend', async () => {
    const loadWebgl = vi.fn(noLoader);
    const choice = await selectTrainingBackend('auto', { platform: 'browser', probeWebgl: () => null, loadWebgl, loadNative: noLoader, wasmPath });
    expect(choice).toEqual({ flavour: 'tfjs-wasm', reason: 'tfjs-wasm: no WebGL 2 here' });
    expect(loadWebgl).not.toHaveBeenCalled();
  });

  it('takes WASM over software GL (SwiftShader trains slower than WASM, measured)', async () => {
    const loadWebgl = vi.fn(noLoader);
    const choice = await selectTrainingBackend('auto', { platform: 'browser', probeWebgl: () => SWIFTSHADER, loadWebgl, wasmPath });
    expect(choice.flavour).toBe('tfjs-wasm');
    expect(choice.reason).toBe(`tfjs-wasm: WebGL here is software (${SWIFTSHADER}), which trains slower than WASM (measured)`);
    expect(loadWebgl).not.toHaveBeenCalled();
  });

  it('takes WebGL on a hardware GPU, and WASM when the WebGL backend then fails to register', async () => {
    const failed = await selectTrainingBackend('auto', { platform: 'browser', probeWebgl: () => GPU, loadWebgl: async () => false, wasmPath });
    expect(failed).toEqual({ flavour: 'tfjs-wasm', reason: `tfjs-wasm: WebGL 2 on ${GPU} could not start TensorFlow.js` });
    const choice = await selectTrainingBackend('auto', { platform: 'browser', probeWebgl: () => GPU, loadWebgl: fakeBackend('webgl'), wasmPath });
    expect(choice).toEqual({ flavour: 'tfjs-webgl', reason: `tfjs-webgl: WebGL 2 on ${GPU}` });
    expect(tf.getBackend()).toBe('webgl');
  });

  it('still gives software WebGL when asked for by name', async () => {
    const choice = await selectTrainingBackend('tfjs-webgl', { platform: 'browser', probeWebgl: () => SWIFTSHADER, loadWebgl: fakeBackend('webgl'), wasmPath });
    expect(choice).toEqual({ flavour: 'tfjs-webgl', reason: 'tfjs-webgl: as asked' });
  });

  it('explains plain JS when WebAssembly cannot start either', async () => {
    const start = vi.fn(async () => 'tfjs-cpu' as const);
    const choice = await selectTrainingBackend('auto', { platform: 'browser', probeWebgl: () => null, start, wasmPath: 'https://example.invalid/wasm/' });
    expect(start).toHaveBeenCalledWith({ order: ['tfjs-wasm', 'tfjs-cpu'], wasmPath: 'https://example.invalid/wasm/' });
    expect(choice.reason).toBe('tfjs-cpu: WebAssembly could not start here, so plain JavaScript runs (much slower)');
  });
});
