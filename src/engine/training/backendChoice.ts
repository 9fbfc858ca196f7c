/**
 * Which TensorFlow.js flavour trains: one rule for the CLI (`snn train`) and the engine worker's
 * training session, decided by measurement (`npm run bench:training`, the training row of
 * `npm run bench`; numbers in the README's bench section):
 *
 * - Node (the CLI, the desktop app's engine process): native TensorFlow (tfjs-node) when it
 *   loads, else WASM, else plain JS. WASM trained the Randman configuration 2.4× faster than
 *   plain JS. tfjs-node could not be installed where we measured; it is first because it is
 *   TensorFlow's own C++ kernels (and the GPU build CUDA), which the issue asks for.
 * - Browser (a page or a Web Worker): WebGL 2 when the GPU behind it is hardware, else WASM,
 *   else plain JS. In headless Chromium WebGL is SwiftShader, a CPU rasteriser: it took longer
 *   per epoch than WASM in four of five runs (1.19-1.65× the WASM time, once 0.91×) and spent
 *   13-18 s compiling shaders in its first epoch, so software GL is never picked by itself
 *   (asking for "tfjs-webgl" still gets it). A hardware GPU could not be measured here; WebGL is first there because a GPU is what
 *   WebGL is for, and the panel shows which runs.
 *
 * tfjs keeps one global engine per process or worker: starting another flavour here switches it
 * for the simulation's tfjs backend too (instances made before must not be used after).
 */
import type { TfjsWasmLocation } from '../../shared/protocol';
import { glRendererName, isSoftwareRenderer, startTfjs, type TfjsFlavour, type TfjsRuntimeOptions, type WebGLContextLike } from '../backends/tfjs';

/** "auto" (the measured default of this platform) or one flavour to try first. */
export type TrainingBackendPreference = 'auto' | TfjsFlavour;

export interface TrainingBackendChoice {
  /** The flavour that started and now runs every tfjs op of this process or worker. */
  readonly flavour: TfjsFlavour;
  /** One line for the CLI's output and the training panel: what runs and why. */
  readonly reason: string;
}

/** What selectTrainingBackend needs from its platform; every field has a default (tests inject fakes). */
export interface TrainingBackendEnv {
  /** Default: "node" where globalThis.process.versions.node exists (CLI, Electron utilityProcess), else "browser". */
  readonly platform?: 'node' | 'browser';
  /** Node: loads tfjs-node (src/engine/node/tfjsLoader.ts loadNativeTfjs); else the process default, if any. */
  readonly loadNative?: () => Promise<boolean>;
  /** Registers tfjs-backend-webgl (default: loadWebglBackend). */
  readonly loadWebgl?: () => Promise<boolean>;
  /** Where tfjs-backend-wasm's binaries are (a folder, URL prefix or file map); else the process default. */
  readonly wasmPath?: TfjsWasmLocation;
  /**
   * The renderer name of a fresh WebGL 2 context ("" when the browser hides it), or null when no
   * WebGL 2 context can be made (default: probeWebgl2).
   */
  readonly probeWebgl?: () => string | null;
  /** Default startTfjs. */
  readonly start?: (options: TfjsRuntimeOptions) => Promise<TfjsFlavour>;
}

const NODE_ORDER: readonly TfjsFlavour[] = ['tfjs-node', 'tfjs-wasm', 'tfjs-cpu'];
const BROWSER_GPU_ORDER: readonly TfjsFlavour[] = ['tfjs-webgl', 'tfjs-wasm', 'tfjs-cpu'];
const BROWSER_ORDER: readonly TfjsFlavour[] = ['tfjs-wasm', 'tfjs-cpu'];

interface CanvasLike {
  getContext(kind: 'webgl2'): WebGLContextLike | null;
}

/**
 * Make a 1×1 WebGL 2 context the way tfjs-backend-webgl would (OffscreenCanvas in a worker, a
 * canvas element on a page), read its renderer's name and release it.
 */
export function probeWebgl2(): string | null {
  const g = globalThis as unknown as { OffscreenCanvas?: new (w: number, h: number) => CanvasLike; document?: { createElement(tag: 'canvas'): CanvasLike } };
  try {
    const canvas = g.OffscreenCanvas ? new g.OffscreenCanvas(1, 1) : g.document?.createElement('canvas');
    const gl = canvas?.getContext('webgl2');
    if (!gl) return null;
    const name = glRendererName(gl);
    (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
    return name;
  } catch {
    return null;
  }
}

function detectPlatform(): 'node' | 'browser' {
  const p = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof p?.versions?.node === 'string' ? 'node' : 'browser';
}

/** Start the training flavour for `prefer` on this platform and say why it is the one. */
export async function selectTrainingBackend(prefer: TrainingBackendPreference = 'auto', env: TrainingBackendEnv = {}): Promise<TrainingBackendChoice> {
  const platform = env.platform ?? detectPlatform();
  const start = env.start ?? startTfjs;
  // Only a browser can have WebGL; probing in Node would only find no canvas.
  const renderer = platform === 'browser' ? (env.probeWebgl ?? probeWebgl2)() : null;
  const gpu = renderer !== null && !isSoftwareRenderer(renderer);
  const order = platform === 'node' ? NODE_ORDER : gpu ? BROWSER_GPU_ORDER : BROWSER_ORDER;
  const options: TfjsRuntimeOptions = {
    order,
    ...(prefer !== 'auto' ? { prefer } : {}),
    ...(env.loadNative ? { loadNative: env.loadNative } : {}),
    ...(env.loadWebgl ? { loadWebgl: env.loadWebgl } : {}),
    ...(env.wasmPath !== undefined ? { wasmPath: env.wasmPath } : {}),
  };
  const flavour = await start(options);
  if (prefer !== 'auto' && flavour === prefer) return { flavour, reason: `${flavour}: as asked` };
  const fell = prefer !== 'auto' ? `${prefer} was asked for but could not start here; ` : '';
  return { flavour, reason: `${flavour}: ${fell}${why(flavour, platform, renderer, gpu)}` };
}

function why(flavour: TfjsFlavour, platform: 'node' | 'browser', renderer: string | null, gpu: boolean): string {
  const named = renderer || 'a GPU whose name the browser hides';
  switch (flavour) {
    case 'tfjs-node':
      return 'native TensorFlow loaded (tried first in Node)';
    case 'tfjs-webgl':
      return `WebGL 2 on ${named}`;
    case 'tfjs-wasm':
      if (platform === 'node') return 'native TensorFlow (tfjs-node) did not load (not installed, or libtensorflow missing); WASM trains faster than plain JS (measured)';
      if (renderer === null) return 'no WebGL 2 here';
      return gpu ? `WebGL 2 on ${named} could not start TensorFlow.js` : `WebGL here is software (${renderer}), which trains slower than WASM (measured)`;
    case 'tfjs-cpu':
      return 'WebAssembly could not start here, so plain JavaScript runs (much slower)';
  }
}
