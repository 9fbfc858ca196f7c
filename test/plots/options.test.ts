/**
 * The plots' ECharts options drawn by real ECharts (server-side SVG, which runs the same series
 * layout and LargeSymbolPath as the canvas): no raster the app can produce may throw (issue 13's
 * white page), hostile population ids keep the legend working (issue 15), marks adapt to the
 * raster, and the theme reaches every text and line.
 */
import { describe, expect, it } from 'vitest';
import { echarts, type Option } from '../../src/renderer/plots/echarts';
import { headerOf, RASTER_IMAGE_FROM, rasterMarks, rasterOption, ratesOption, spectrumOption, voltageOption } from '../../src/renderer/plots/options';
import { rasterOf, rateCurves, rateSpectra, traceCurves, type RasterPixels } from '../../src/renderer/plots/shaping';
import { LIGHT_FALLBACK, parseFontPx, plotThemeFrom, type PlotTheme } from '../../src/renderer/plots/plotTheme';
import { seriesName, shownName } from '../../src/renderer/plots/seriesName';
import type { RunResults, SpikeTrain } from '../../src/shared/results';

const DARK: PlotTheme = { text: '#a3abb8', grid: '#444c58', background: '#1f232a', control: '#262b33', accent: '#6a9cf6', fontSize: 12, populations: LIGHT_FALLBACK.populations };

/** Draw an option as the export does; returns the SVG (throws what ECharts throws). */
function draw(option: Option, then?: (c: echarts.ECharts) => void): string {
  const c = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 800, height: 300 });
  try {
    c.setOption(option);
    then?.(c);
    return c.renderToSVGString();
  } finally {
    c.dispose();
  }
}

/** Seeded LCG (tests never depend on unseeded randomness). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function randomRun(rand: () => number, populations: readonly string[]): RunResults {
  const steps = 1 + Math.floor(rand() * 3000);
  const spikes: SpikeTrain[] = populations.map((population) => {
    const size = 1 + Math.floor(rand() * (rand() < 0.3 ? 5 : 3000));
    // Some populations are silent, some fire a lot.
    const n = rand() < 0.2 ? 0 : Math.floor(rand() ** 2 * 4_000);
    const st = Int32Array.from({ length: n }, () => Math.floor(rand() * steps)).sort();
    const ids = Int32Array.from({ length: n }, () => Math.floor(rand() * size));
    return { monitor: `${population}-spikes`, population, size, steps: st, ids };
  });
  return { dt: 0.1, steps, seed: 1, backend: 'typed', spikes, traces: [], counts: [] };
}

describe('raster drawing never throws', () => {
  it('reproduces the cause: ECharts cannot draw an empty large scatter whose largeThreshold is 0', () => {
    // What the density raster used to send for an opacity level without cells.
    const empty = { xAxis: { type: 'value' }, yAxis: { type: 'value' }, series: [{ type: 'scatter', data: new Float32Array(0), dimensions: ['t', 'n'], large: true, largeThreshold: 0, symbolSize: 2 }] };
    expect(() => draw(empty)).toThrow(/length/);
  });

  it('draws density rasters with empty opacity levels and silent populations', () => {
    // Two cells: counts 1 and 40, so the middle opacity levels are empty; I never fires.
    const pairs = [[5, 0], ...Array.from({ length: 40 }, () => [500, 3])];
    const E: SpikeTrain = { monitor: 'E-spikes', population: 'E', size: 10, steps: Int32Array.from(pairs.map((p) => p[0])), ids: Int32Array.from(pairs.map((p) => p[1])) };
    const I: SpikeTrain = { monitor: 'I-spikes', population: 'I', size: 5, steps: new Int32Array(0), ids: new Int32Array(0) };
    const r = rasterOf({ dt: 0.1, steps: 1000, seed: 1, backend: 'typed', spikes: [E, I], traces: [], counts: [] }, 10);
    expect(r.mode).toBe('density');
    const option = rasterOption(r, 100, DARK);
    const series = option.series as { data: ArrayLike<number>; large?: boolean; largeThreshold?: number; name: string }[];
    // No series is large unless it has points; the silent population keeps a legend entry.
    for (const s of series) if (s.large) expect(s.data.length / 2).toBeGreaterThanOrEqual(s.largeThreshold ?? 0);
    expect(series.some((s) => s.data.length === 0 && shownName(s.name) === 'I')).toBe(true);
    expect(draw(option)).toContain('<svg');
  });

  it('draws 20 random rasters, live (coarse density) and final, zoomed and whole', () => {
    const rand = rng(13);
    for (let k = 0; k < 20; k++) {
      const results = randomRun(rand, ['E', 'I', 'X'].slice(0, 1 + Math.floor(rand() * 3)));
      const live = rand() < 0.5;
      const zoom = rand() < 0.3 ? { fromMs: rand() * 50, toMs: 50 + rand() * 250 } : {};
      const r = rasterOf(results, live ? 3_000 : 10_000 * rand(), { ...zoom, ...(live ? { timeBins: 240, rowBins: 80 } : {}) });
      const size = { width: 200 + rand() * 1400, height: 120 + rand() * 400 };
      expect(() => draw(rasterOption(r, results.steps * results.dt, rand() < 0.5 ? DARK : LIGHT_FALLBACK, false, size))).not.toThrow();
    }
  });
});

describe('raster marks', () => {
  it('a one-neuron raster shows tall vertical ticks', () => {
    const m = rasterMarks(1, 7, 220);
    expect(m.size[1]).toBeGreaterThanOrEqual(20);
    expect(m.size[1]).toBeGreaterThan(5 * m.size[0]);
  });

  it('a 4000-neuron raster shows small dots, smaller when spikes are many', () => {
    const few = rasterMarks(4000, 3000, 220);
    const many = rasterMarks(4000, 80_000, 220);
    expect(few.size[0]).toBe(few.size[1]);
    expect(few.size[0]).toBeLessThanOrEqual(3);
    expect(many.size[0]).toBeLessThan(few.size[0]);
  });

  it('stays below 4 px wide (ECharts draws large scatter with fillRect there) and ticks shrink into dots', () => {
    let last = Infinity;
    for (const rows of [1, 2, 5, 10, 30, 60, 100, 500, 5000]) {
      const m = rasterMarks(rows, 1000, 220);
      expect(m.size[0]).toBeLessThan(4);
      expect(m.size[1]).toBeLessThanOrEqual(last);
      last = m.size[1];
    }
  });

  it('puts a one-neuron raster in the middle of its row, with whole neuron numbers on the axis', () => {
    const t: SpikeTrain = { monitor: 's', population: 'neuron', size: 1, steps: Int32Array.from([139, 278]), ids: Int32Array.from([0, 0]) };
    const r = rasterOf({ dt: 0.1, steps: 1000, seed: 1, backend: 'typed', spikes: [t], traces: [], counts: [] });
    expect([...r.data[0]]).toEqual([expect.closeTo(13.9, 4), 0.5, expect.closeTo(27.8, 4), 0.5]);
    const o = rasterOption(r, 100, LIGHT_FALLBACK) as { yAxis: { minInterval: number }; series: { symbolSize: number[] }[] };
    expect(o.yAxis.minInterval).toBe(1);
    expect(o.series[0].symbolSize[1]).toBeGreaterThan(10);
  });
});

describe('raster as an image (issue 13)', () => {
  /** A run of `n` spikes of E (3200) and I (800) neurons over 1000 ms. */
  function run(n: number): RunResults {
    const rand = rng(13);
    const make = (population: string, size: number, count: number): SpikeTrain => {
      const steps = Int32Array.from({ length: count }, (_, i) => Math.floor((i / count) * 10_000));
      return { monitor: population, population, size, steps, ids: Int32Array.from({ length: count }, () => Math.floor(rand() * size)) };
    };
    return { dt: 0.1, steps: 10_000, seed: 1, backend: 'typed', spikes: [make('E', 3200, Math.floor(n * 0.8)), make('I', 800, n - Math.floor(n * 0.8))], traces: [], counts: [] };
  }
  /** A 1×1 PNG: what the page's canvas stands for in SSR. */
  const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  type Series = { type: string; id: string; data: ArrayLike<number> | unknown[] };

  it('draws many dots as one image of the plot area in device pixels, each band keeping its (empty) legend series', () => {
    const painted: RasterPixels[] = [];
    const r = rasterOf(run(40_000));
    const o = rasterOption(r, 1000, LIGHT_FALLBACK, false, { width: 1300, height: 300 }, 1000, { paint: (px) => (painted.push(px), PNG), pixelRatio: 2, fromMs: 0, toMs: 1000 }) as { series: Series[]; legend: { selectedMode?: boolean } };
    expect(painted).toHaveLength(1);
    // The plot area is the chart less the grid's margins, times the pixel ratio.
    expect(painted[0].width).toBeGreaterThan(2 * 1100);
    expect(painted[0].width).toBeLessThan(2 * 1300);
    expect(painted[0].data.some((x) => x > 0)).toBe(true);
    expect(o.series.filter((x) => x.type === 'scatter' && x.id.startsWith('spikes:')).map((x) => x.data.length)).toEqual([0, 0]);
    expect(o.series.filter((x) => x.type === 'custom').map((x) => x.id)).toEqual(['spikes:image']);
    expect(o.legend.selectedMode).toBeUndefined();
    const svg = draw(o);
    expect(svg).toContain('<image');
  });

  it('leaves a population switched off in the legend out of the image, and the legend greys it', () => {
    const r = rasterOf(run(40_000));
    const paint = (hidden?: ReadonlySet<string>) => {
      const painted: RasterPixels[] = [];
      const o = rasterOption(r, 1000, LIGHT_FALLBACK, false, { width: 1300, height: 300 }, 1000, { paint: (px) => (painted.push(px), PNG), pixelRatio: 1, fromMs: 0, toMs: 1000, ...(hidden ? { hidden } : {}) }) as { legend: { selected?: Record<string, boolean> } };
      const lit = painted[0].data.filter((_, i) => i % 4 === 3 && painted[0].data[i] > 0).length;
      return { lit, selected: o.legend.selected };
    };
    const all = paint();
    const noI = paint(new Set([seriesName('I')]));
    const none = paint(new Set([seriesName('E'), seriesName('I')]));
    expect(all.selected).toBeUndefined();
    expect(noI.selected).toEqual({ [seriesName('E')]: true, [seriesName('I')]: false });
    // I's 8000 spikes sit in the top fifth of the rows: fewer pixels lit without them, none without both.
    expect(noI.lit).toBeGreaterThan(0);
    expect(noI.lit).toBeLessThan(all.lit);
    expect(none.lit).toBe(0);
  });

  it('keeps fewer spikes, and every export without a painter, as scatter dots', () => {
    const few = rasterOption(rasterOf(run(RASTER_IMAGE_FROM - 1)), 1000, LIGHT_FALLBACK, false, { width: 1300, height: 300 }, 1000, { paint: () => PNG, pixelRatio: 1, fromMs: 0, toMs: 1000 }) as { series: Series[] };
    expect(few.series.some((x) => x.type === 'custom')).toBe(false);
    expect(few.series[0].data.length).toBeGreaterThan(0);
    const exported = rasterOption(rasterOf(run(40_000)), 1000, LIGHT_FALLBACK) as { series: Series[] };
    expect(exported.series.some((x) => x.type === 'custom')).toBe(false);
    expect(exported.series[0].data.length).toBe(2 * 32_000);
  });
});

describe('hostile population ids (issue 15)', () => {
  const HOSTILE = ['hasOwnProperty', '__proto__', 'constructor', 'toString', 'valueOf'];

  it('reproduces the cause: ECharts keys the legend by series name in a plain object', () => {
    const option = { legend: {}, xAxis: { type: 'value' }, yAxis: { type: 'value' }, series: [{ type: 'line', name: 'hasOwnProperty', data: [[0, 1], [1, 2]] }] };
    expect(() => draw(option, (c) => {
      c.dispatchAction({ type: 'legendToggleSelect', name: 'hasOwnProperty' });
      c.dispatchAction({ type: 'legendToggleSelect', name: 'hasOwnProperty' });
    })).toThrow();
  });

  it('every plot of a run with such ids draws, and each legend entry toggles off and on', () => {
    const spikes: SpikeTrain[] = HOSTILE.map((population, k) => ({
      monitor: `${population}-spikes`, population, size: 20,
      steps: Int32Array.from({ length: 50 }, (_, i) => i * 20 + k), ids: Int32Array.from({ length: 50 }, (_, i) => i % 20),
    }));
    const results: RunResults = { dt: 0.1, steps: 1000, seed: 1, backend: 'typed', spikes, traces: [], counts: [] };
    const curves = rateCurves(results, 10, 100);
    const options: Option[] = [
      rasterOption(rasterOf(results), 100, DARK),
      ratesOption(curves, [{ label: '#1 seed 1', curves }], 10, 100, DARK),
      spectrumOption(rateSpectra(results), new Map(curves.map((c) => [c.population, c.color])), DARK),
      voltageOption(traceCurves({ monitor: 'v', population: '__proto__', variable: 'V', unit: 'mV', neurons: Int32Array.from([0]), steps: Int32Array.from([0, 1]), values: Float32Array.from([-65, -60]) }, 0.1), {}, 'mV', 100, DARK),
    ];
    for (const option of options) {
      const names = (option.series as { name: string }[]).map((s) => s.name);
      draw(option, (c) => {
        for (const name of names) {
          c.dispatchAction({ type: 'legendToggleSelect', name });
          const selected = (c.getOption() as { legend: { selected: Record<string, boolean> }[] }).legend[0].selected;
          expect(Object.prototype.hasOwnProperty.call(selected, name) && selected[name]).toBe(false);
          c.dispatchAction({ type: 'legendToggleSelect', name });
        }
      });
    }
    // The legend shows the ids as they are.
    expect(HOSTILE.map((id) => shownName(seriesName(id)))).toEqual(HOSTILE);
    for (const id of HOSTILE) expect(seriesName(id) in Object.prototype).toBe(false);
  });
});

describe('plot theme', () => {
  it('dark colours and the plot font size reach background, axes, split lines, legend and slider', () => {
    const big = { ...DARK, fontSize: 20 };
    const o = rasterOption(rasterOf(randomRun(rng(3), ['E'])), 100, big) as Record<string, unknown> & {
      xAxis: { axisLabel: { color: string; fontSize: number }; splitLine: { lineStyle: { color: string } }; axisLine: { lineStyle: { color: string } } };
      legend: { textStyle: { color: string; fontSize: number } };
      dataZoom: { backgroundColor?: string; textStyle?: { color: string } }[];
    };
    expect(o.backgroundColor).toBe(DARK.background);
    expect(o.xAxis.axisLabel).toEqual({ color: DARK.text, fontSize: 20 });
    expect(o.xAxis.splitLine.lineStyle.color).toBe(DARK.grid);
    expect(o.xAxis.axisLine.lineStyle.color).toBe(DARK.grid);
    expect(o.legend.textStyle).toEqual({ color: DARK.text, fontSize: 20 });
    expect(o.dataZoom[1].backgroundColor).toBe(DARK.control);
    const svg = draw(o);
    expect(svg).toContain(DARK.background);
    expect(svg).toMatch(/font-size:20px|font-size="20"|20px/);
  });

  it('reads the CSS variables, with today\'s 12 px when --plot-font-size is unset or unreadable', () => {
    const vars = new Map([['--text-2', ' #a3abb8'], ['--panel', '#1f232a'], ['--plot-font-size', '18px']]);
    const th = plotThemeFrom((n) => vars.get(n) ?? '');
    expect(th.text).toBe('#a3abb8');
    expect(th.background).toBe('#1f232a');
    expect(th.grid).toBe(LIGHT_FALLBACK.grid);
    expect(th.fontSize).toBe(18);
    expect(parseFontPx('')).toBe(12);
    expect(parseFontPx('calc(2 * 8px)')).toBe(12);
    expect(parseFontPx('1.25rem')).toBe(20);
    expect(parseFontPx(' 16 ')).toBe(16);
    expect(parseFontPx('-3px')).toBe(12);
  });
});

describe('raster title and legend', () => {
  const names = ['external', 'E', 'I', 'stim'].map(seriesName);
  it('side by side when both fit; a short title, then a row of their own, when they do not', () => {
    const long = 'Spike raster — 1,234,567 spikes, shown as density (0.500 ms × 4 neurons per cell)';
    const short = 'Spike raster — 1,234,567 spikes (density)';
    expect(headerOf(LIGHT_FALLBACK, long, short, names, 1400)).toEqual({ title: long, legendTop: 4, extraTop: 0 });
    expect(headerOf(LIGHT_FALLBACK, long, short, names, 700)).toEqual({ title: short, legendTop: 4, extraTop: 0 });
    const narrow = headerOf({ ...LIGHT_FALLBACK, fontSize: 18 }, long, short, names, 560);
    expect(narrow.title).toBe(short);
    expect(narrow.legendTop).toBeGreaterThanOrEqual(4 + 18);
    expect(narrow.extraTop).toBe(narrow.legendTop - 4);
  });

  it('the raster option moves the plot down by the legend row', () => {
    const pairs: [number, number][] = [];
    for (let s = 0; s < 400; s++) pairs.push([s, s % 50]);
    const spikes: SpikeTrain[] = ['external', 'E', 'I', 'stim'].map((population) => ({ monitor: `${population}-spikes`, population, size: 50, steps: Int32Array.from(pairs, (p) => p[0]), ids: Int32Array.from(pairs, (p) => p[1]) }));
    const r = rasterOf({ dt: 0.1, steps: 1000, seed: 1, backend: 'typed', spikes, traces: [], counts: [] }, 1000, { timeBins: 100, rowBins: 10 });
    const big = { ...LIGHT_FALLBACK, fontSize: 18 };
    const wide = rasterOption(r, 100, big, false, { width: 1600, height: 300 }) as { grid: { top: number }; legend: { top: number } };
    const narrow = rasterOption(r, 100, big, false, { width: 560, height: 300 }) as { grid: { top: number }; legend: { top: number } };
    expect(narrow.legend.top).toBeGreaterThan(wide.legend.top);
    expect(narrow.grid.top - wide.grid.top).toBe(narrow.legend.top - wide.legend.top);
  });

  it('population colours come from the theme (--plot-populations: twelve colours, otherwise the default palette)', () => {
    const twelve = Array.from({ length: 12 }, (_, k) => `#1111${(10 + k).toString(16).padStart(2, '0')}`);
    expect(plotThemeFrom((n) => (n === '--plot-populations' ? twelve.join(', ') : '')).populations).toEqual(twelve);
    expect(plotThemeFrom((n) => (n === '--plot-populations' ? '#fff, #000' : '')).populations).toEqual(LIGHT_FALLBACK.populations);
  });
});
