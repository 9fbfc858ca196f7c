/**
 * The "tfjs" backend: the typed backend's kernels on TensorFlow.js tensors, running on native
 * libtensorflow (tfjs-node) where a Node adapter loads it, else WASM with SIMD, else plain JS.
 * Browser code passes `wasmPath` (a URL prefix); Node code passes `nodeTfjsOptions()` from
 * src/engine/node/tfjsLoader.ts. The instance's `name` says which one runs.
 */
import type { Backend } from '../../backend';
import type { NetworkIR } from '../../ir';
import { TfjsInstance, type TfjsInstanceOptions } from './instance';
import { startTfjs, type TfjsFlavour, type TfjsRuntimeOptions } from './runtime';
// Kernels register themselves in the registries on import.
import './sources';
import './inputs';
import './synapses';
import './outputs';
import './neuronModels';
import './synapseModels';

export { TfjsInstance } from './instance';
export { DEFAULT_ORDER, glRendererName, isSoftwareRenderer, loadWebglBackend, startTfjs, webglRenderer, type TfjsFlavour, type TfjsRuntimeOptions, type WebGLContextLike } from './runtime';
export { DENSE_MIN_DENSITY, type Layout } from './propagate';

export interface TfjsBackendOptions extends TfjsRuntimeOptions, TfjsInstanceOptions {}

export interface TfjsBackend extends Backend {
  instantiate(ir: NetworkIR): Promise<TfjsInstance>;
  /** Start TensorFlow.js (once) and say which flavour runs. */
  start(): Promise<TfjsFlavour>;
}

export function createTfjsBackend(options: TfjsBackendOptions = {}): TfjsBackend {
  return {
    name: 'tfjs',
    start: () => startTfjs(options),
    async instantiate(ir: NetworkIR): Promise<TfjsInstance> {
      const flavour = await startTfjs(options);
      return new TfjsInstance(ir, flavour, options);
    },
  };
}

/** WASM (or CPU) without a native loader: what a browser worker gets when it passes no options. */
export const tfjsBackend: TfjsBackend = createTfjsBackend();
