/**
 * The training backends in real Chromium, in a Web Worker as the app trains: tfjs-webgl starts on
 * an OffscreenCanvas and trains (forward, backward, Adam) without leaking tensors, and the default
 * rule (selectTrainingBackend "auto") reads the real WebGL renderer: on software GL (SwiftShader,
 * what headless Chromium has without a GPU) it picks WASM, on a hardware GPU WebGL. Uses the
 * training bench's page (bench/training-page), one batch per epoch.
 */
import { describe, expect, it } from 'vitest';
import { benchTrainingInChromium } from '../../bench/trainingBrowser';
import { isSoftwareRenderer } from '../../src/engine/backends/tfjs/runtime';

describe('training backends in a Chromium worker', () => {
  it('trains on WebGL when asked, and auto picks by the renderer it finds', async () => {
    const [auto, webgl] = await benchTrainingInChromium(['auto', 'tfjs-webgl'], 64, 1);
    expect(webgl.error).toBeUndefined();
    expect(webgl.timing?.flavour).toBe('tfjs-webgl');
    expect(webgl.timing?.epochS).toHaveLength(1);
    expect(webgl.timing?.tensorsAfter).toBe(0);
    expect(typeof webgl.renderer).toBe('string');
    const software = isSoftwareRenderer(webgl.renderer ?? null);
    expect(auto.choice).toMatch(software ? /^tfjs-wasm: WebGL here is software \(/ : /^tfjs-webgl: WebGL 2 on /);
  }, 240_000);
});
