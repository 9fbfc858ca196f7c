/**
 * Raster redraw timing in a real browser: the app's own shaping (rasterOf) and options
 * (rasterOption) on a synthetic run of `spikes` spikes, drawn by ECharts on a canvas.
 * Exposes window.bench(spikes, threshold) -> timings in ms.
 */
import { echarts } from '../../../src/renderer/plots/echarts';
import { rasterOf } from '../../../src/renderer/plots/shaping';
import { rasterOption } from '../../../src/renderer/plots/options';
import { LIGHT_FALLBACK } from '../../../src/renderer/plots/plotTheme';
import type { RunResults } from '../../../src/shared/results';

/** The page globals used here (bench/ type-checks without the DOM library). */
type HTMLElement = Parameters<typeof echarts.init>[0];
const page = globalThis as unknown as { document: { getElementById(id: string): unknown; title: string }; requestAnimationFrame(cb: () => void): void };

const THEME = LIGHT_FALLBACK;

/** A run of E (80 %) and I (20 %) neurons firing at random times, from a fixed-seed LCG. */
function synthetic(spikes: number, neurons = 10_000, steps = 10_000): RunResults {
  let s = 12345;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const nE = Math.floor(neurons * 0.8);
  const make = (pop: string, size: number, count: number) => {
    const st = new Int32Array(count);
    const ids = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      st[i] = Math.floor((i / count) * steps);
      ids[i] = Math.floor(rand() * size);
    }
    return { monitor: `${pop}-spikes`, population: pop, size, steps: st, ids };
  };
  const cE = Math.floor(spikes * 0.8);
  return { dt: 0.1, steps, seed: 1, backend: 'synthetic', spikes: [make('E', nE, cE), make('I', neurons - nE, spikes - cE)], traces: [], counts: [] };
}

const frame = (): Promise<number> => new Promise((r) => page.requestAnimationFrame(() => r(performance.now())));

async function bench(spikes: number, threshold?: number): Promise<Record<string, number | string>> {
  const results = synthetic(spikes);
  const chart = echarts.init(page.document.getElementById('chart') as HTMLElement, undefined, { renderer: 'canvas' });
  const t0 = performance.now();
  const raster = rasterOf(results, threshold);
  const t1 = performance.now();
  chart.setOption(rasterOption(raster, 1000, THEME));
  const t2 = await frame();
  // A zoom (what linked axes trigger) redraws everything on screen.
  const z0 = performance.now();
  chart.dispatchAction({ type: 'dataZoom', start: 20, end: 60 });
  const z1 = await frame();
  chart.dispose();
  return { mode: raster.mode, spikes, shapeMs: t1 - t0, drawMs: t2 - t1, totalMs: t2 - t0, zoomMs: z1 - z0 };
}

(globalThis as unknown as { bench: typeof bench }).bench = bench;
page.document.title = 'ready';
