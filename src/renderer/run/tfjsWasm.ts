/**
 * Where a browser engine worker finds tfjs-backend-wasm's binaries. Vite emits each file under a
 * hashed name, so the worker gets one absolute URL per binary (relative URLs would resolve against
 * the worker's script, not the page). The files are fetched only when a run uses tfjs.
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** File name -> absolute URL, in the form RunOptions.tfjsWasm accepts. */
export function tfjsWasmFiles(base: string = document.baseURI): Readonly<Record<string, string>> {
  const abs = (u: string): string => new URL(u, base).href;
  return {
    'tfjs-backend-wasm.wasm': abs(plainUrl),
    'tfjs-backend-wasm-simd.wasm': abs(simdUrl),
    'tfjs-backend-wasm-threaded-simd.wasm': abs(threadedSimdUrl),
  };
}
