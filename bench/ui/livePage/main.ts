/**
 * One chart's live redraws in a real Chromium canvas (liveDrawCost.ts drives it): a brette-coba-like
 * run (3200 E + 800 I neurons, 71 000 spikes in 1000 ms) shaped and drawn as the app does at
 * 12 moments of the run, each redraw sent as chartUpdate's patch; wall ms from setOption to the
 * next frame, per variant of the option. Exposes window.liveCost(variant).
 */
import { chartUpdate, holdTitle, LIVE_TITLE_MS } from '../../../src/renderer/plots/chartUpdate';
import { echarts, repaintImages, type Option } from '../../../src/renderer/plots/echarts';
import { rasterOption, ratesOption } from '../../../src/renderer/plots/options';
import { LIGHT_FALLBACK } from '../../../src/renderer/plots/plotTheme';
import { rasterOf, rateCurves, type RasterPixels } from '../../../src/renderer/plots/shaping';
import type { RunResults } from '../../../src/shared/results';

type HTMLElement = Parameters<typeof echarts.init>[0];
const page = globalThis as unknown as { document: { getElementById(id: string): unknown; title: string }; requestAnimationFrame(cb: () => void): void };
const frame = (): Promise<number> => new Promise((r) => page.requestAnimationFrame(() => r(performance.now())));

/** Spikes of a bursty E/I network: a rate that swings between 5 and 60 Hz, fixed-seed LCG. */
function runUpTo(toStep: number): RunResults {
  let s = 4242;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const spikes = ([['E', 3200], ['I', 800]] as const).map(([population, size]) => {
    const steps: number[] = [];
    const ids: number[] = [];
    for (let step = 0; step < toStep; step++) {
      const hz = 5 + 55 * Math.max(0, Math.sin(step / 150)) ** 4;
      const expected = size * hz * 1e-4;
      let k = Math.floor(expected) + (rand() < expected % 1 ? 1 : 0);
      while (k-- > 0) {
        steps.push(step);
        ids.push(Math.floor(rand() * size));
      }
    }
    return { monitor: population, population, size, steps: Int32Array.from(steps), ids: Int32Array.from(ids) };
  });
  return { dt: 0.1, seed: 1, backend: 'typed', steps: toStep, spikes, traces: [], counts: [] };
}

const area = { width: 1300, height: 300 };
const moments = Array.from({ length: 12 }, (_, k) => 800 + k * 800);
const runs = moments.map(runUpTo);
const LIVE_GRID = { timeBins: 240, rowBins: 60 };

type Canvas = { width: number; height: number; getContext(t: string): { putImageData(d: unknown, x: number, y: number): void } | null };
/** The page's painter (as paintPixels.ts, which this file's tsconfig without the DOM cannot import): pixels into a canvas, a new one or `into`. */
function paint(px: RasterPixels, into?: Canvas): unknown {
  const doc = page.document as unknown as { createElement(t: string): Canvas };
  const canvas = into ?? doc.createElement('canvas');
  canvas.width = px.width;
  canvas.height = px.height;
  const G = globalThis as unknown as { ImageData: new (d: Uint8ClampedArray, w: number, h: number) => unknown };
  canvas.getContext('2d')?.putImageData(new G.ImageData(px.data, px.width, px.height), 0, 0);
  return canvas;
}
const IMAGE = { paint, pixelRatio: 1, fromMs: 0, toMs: 1000 };
/** As the app's painter (canvasPainter): every image into one canvas, so the option stays the same. */
let oneCanvas: Canvas | undefined;
const IN_PLACE = { paint: (px: RasterPixels) => (oneCanvas = paint(px, oneCanvas) as Canvas), pixelRatio: 1, fromMs: 0, toMs: 1000 };

/** `inPlace`: sent as Chart.tsx does: no setOption when only the image changed (repainted in place), a title alone held up to LIVE_TITLE_MS. */
const variants: Record<string, (r: RunResults) => { el: string; option: Option; inPlace?: boolean }> = {
  'raster live density': (r) => ({ el: 'raster', option: rasterOption(rasterOf(r, 10_000, LIVE_GRID), 1000, LIGHT_FALLBACK, false, area) }),
  'raster dots scatter': (r) => ({ el: 'raster', option: rasterOption(rasterOf(r, Infinity), 1000, LIGHT_FALLBACK, false, area) }),
  'raster dots image': (r) => ({ el: 'raster', option: rasterOption(rasterOf(r, Infinity), 1000, LIGHT_FALLBACK, false, area, 1000, IMAGE) }),
  'raster image in place': (r) => ({ el: 'raster', option: rasterOption(rasterOf(r, Infinity), 1000, LIGHT_FALLBACK, false, area, 1000, IN_PLACE), inPlace: true }),
  'density image in place': (r) => ({ el: 'raster', option: rasterOption(rasterOf(r, 10_000, LIVE_GRID), 1000, LIGHT_FALLBACK, false, area, 1000, IN_PLACE), inPlace: true }),
  'raster no spikes': (r) => ({ el: 'raster', option: strip(rasterOption(rasterOf(r, 10_000, LIVE_GRID), 1000, LIGHT_FALLBACK, false, area), 'data') }),
  'rates': (r) => ({ el: 'rates', option: ratesOption(rateCurves(r, 10), [], 10, 1000, LIGHT_FALLBACK) }),
};

/** An option without one of its parts (to see what each costs). */
function strip(o: Option, part: 'bands' | 'slider' | 'title' | 'data' | 'shadow'): Option {
  const x = { ...(o as Record<string, unknown>) } as Record<string, unknown> & { series: Record<string, unknown>[]; dataZoom: Record<string, unknown>[] };
  if (part === 'bands') x.series = x.series.filter((s) => !String(s.id).startsWith('bands'));
  if (part === 'slider') x.dataZoom = x.dataZoom.filter((d) => d.type !== 'slider');
  if (part === 'shadow') x.dataZoom = x.dataZoom.map((d) => (d.type === 'slider' ? { ...d, showDataShadow: false } : d));
  if (part === 'title') x.title = { text: 'Spike raster' };
  if (part === 'data') x.series = x.series.map((s) => (String(s.id).startsWith('bands') ? s : { ...s, data: new Float32Array(2) }));
  return x as Option;
}

async function liveCost(variant: string): Promise<number[]> {
  const make = variants[variant];
  const first = make(runUpTo(0));
  const chart = echarts.init(page.document.getElementById(first.el) as HTMLElement, undefined, { renderer: 'canvas' });
  chart.setOption(first.option);
  await frame();
  let sent: Option = first.option;
  let lastSet = performance.now();
  const ms: number[] = [];
  for (const r of runs) {
    const t0 = performance.now();
    const { option, inPlace: repaint } = make(r);
    const { dataZoom: _z, ...rest } = option as Option & { dataZoom?: unknown };
    const u = chartUpdate(sent, rest);
    const hold = repaint === true && holdTitle(u, true, t0 - lastSet, LIVE_TITLE_MS);
    if (u && !hold) {
      chart.setOption(u.option, u.replaceSeries ? { replaceMerge: ['series'] } : {});
      lastSet = t0;
    }
    if (repaint) repaintImages(chart);
    ms.push((await frame()) - t0);
    sent = hold ? { ...rest, title: (sent as { title?: unknown }).title } : rest;
  }
  chart.dispose();
  return ms;
}

(globalThis as unknown as { liveCost: typeof liveCost; variants: string[] }).liveCost = liveCost;
(globalThis as unknown as { variants: string[] }).variants = Object.keys(variants);
page.document.title = 'ready';
