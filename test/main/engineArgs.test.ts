/** The utilityProcess's command line: where tfjs-backend-wasm's binaries are, for the engine in Node. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TFJS_WASM_FLAG as MAIN_FLAG, engineArgs, tfjsWasmFolder } from '../../src/main/engineArgs';
import { TFJS_WASM_FLAG as ENGINE_FLAG } from '../../src/engine/worker/entry';

describe('engineArgs', () => {
  it('points the engine at the folder holding the three tfjs WASM binaries', () => {
    const folder = tfjsWasmFolder();
    expect(folder).not.toBeNull();
    for (const f of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) expect(existsSync(`${folder}${f}`), f).toBe(true);
    expect(engineArgs()).toEqual([`${MAIN_FLAG}${folder}`]);
  });

  it('reads the binaries from app.asar.unpacked in a packaged app, where electron-builder puts them', () => {
    const packaged = tfjsWasmFolder(() => '/opt/SNN Studio/resources/app.asar/node_modules/@tensorflow/tfjs-backend-wasm/package.json');
    expect(packaged).toBe('/opt/SNN Studio/resources/app.asar.unpacked/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  });

  it('passes nothing when the package cannot be found, and uses the flag the engine reads', () => {
    expect(tfjsWasmFolder(() => { throw new Error('not installed'); })).toBeNull();
    expect(engineArgs(null)).toEqual([]);
    expect(MAIN_FLAG).toBe(ENGINE_FLAG);
  });
});
