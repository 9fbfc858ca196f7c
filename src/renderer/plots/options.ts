/**
 * ECharts options for each plot, built from shaped data. Time plots share the x axis id "t" and
 * an inside + slider dataZoom so charts in the TIME_GROUP zoom together. Colours and text size
 * come from the PlotTheme; every name a user chose goes through seriesName (see there why).
 */
import type { Option } from './echarts';
import { parse as parseColor } from 'zrender/lib/tool/color.js';
import { DENSITY_LEVELS, densityLevel, densityPixels, rasterPixels, type IsiHistogram, type RateSpectrum, type Raster, type RasterPixels, type RateCurve, type VoltageCurve } from './shaping';
import type { PlotTheme } from './plotTheme';
import { seriesName, shownName } from './seriesName';

export type { PlotTheme } from './plotTheme';

const text = (th: PlotTheme) => ({ color: th.text, fontSize: th.fontSize });

const axisStyle = (th: PlotTheme) => ({
  axisLine: { lineStyle: { color: th.grid } },
  axisTick: { lineStyle: { color: th.grid } },
  axisLabel: text(th),
  nameTextStyle: text(th),
  splitLine: { lineStyle: { color: th.grid, opacity: 0.4 } },
});

/**
 * A value axis' style with about three intervals (ECharts' default five print their labels over
 * one another in the 60-100 px tall raster and rate plots of a laptop's dock), and labels that
 * hide where they would still overlap.
 */
const yAxisStyle = (th: PlotTheme) => ({ ...axisStyle(th), splitNumber: 3, axisLabel: { ...text(th), hideOverlap: true } });

/** Margins around the plot area, px: room for tick labels and axis names at the theme's text size. */
export function gridOf(th: PlotTheme, bottomAxisOnly = false) {
  const fs = th.fontSize;
  return { left: Math.round(40 + 2 * fs), right: 28, top: Math.round(18 + fs), bottom: Math.round((bottomAxisOnly ? 12 : 28) + 2 * fs) };
}

function timeAxis(th: PlotTheme, maxMs: number) {
  return { type: 'value', name: 'time (ms)', nameLocation: 'middle', nameGap: 2 * th.fontSize, min: 0, max: maxMs, ...axisStyle(th) };
}

const yName = (th: PlotTheme) => ({ nameLocation: 'middle', nameGap: Math.round(16 + 2 * th.fontSize) });

/**
 * Zoom by wheel and by a slider under the axis. `shadow`: the slider draws the first series as a
 * thumbnail; a raster's thumbnail (neuron index over time) says nothing and would re-read every
 * spike on each live redraw, so the raster has none.
 */
function zoom(th: PlotTheme, shadow = true) {
  return [
    { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
    {
      type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 14, bottom: 4, showDataShadow: shadow ? 'auto' : false,
      backgroundColor: th.control, borderColor: th.grid, fillerColor: 'rgba(128, 140, 160, 0.25)',
      dataBackground: { lineStyle: { color: th.grid }, areaStyle: { color: th.grid, opacity: 0.3 } },
      selectedDataBackground: { lineStyle: { color: th.accent }, areaStyle: { color: th.accent, opacity: 0.25 } },
      handleStyle: { color: th.background, borderColor: th.text },
      moveHandleStyle: { color: th.grid },
      textStyle: text(th),
    },
  ];
}

const titleOf = (th: PlotTheme, t: string) => ({ text: t, left: 8, top: 4, textStyle: { fontSize: th.fontSize, color: th.text, fontWeight: 'normal' } });
const legendOf = (th: PlotTheme) => ({ right: 8, top: 4, type: 'scroll', textStyle: text(th), formatter: shownName, pageTextStyle: text(th), pageIconColor: th.text, pageIconInactiveColor: th.grid });
const tooltipOf = (th: PlotTheme) => ({ trigger: 'axis', backgroundColor: th.background, borderColor: th.grid, textStyle: text(th) });

/** Text width estimate, px per character per px of font: a little over a sans-serif's average, so the estimate errs wide. */
const CHAR_WIDTH = 0.62;
/** A legend item beside its name, px: ECharts' default icon (25) and the gaps after it (5) and between items (10). */
const LEGEND_ITEM_PX = 40;
const textPx = (th: PlotTheme, t: string): number => t.length * th.fontSize * CHAR_WIDTH;

/**
 * Where a chart's title and its legend go so they never run into each other: side by side when
 * both fit the chart's width (title left, legend right); otherwise the title takes its `short`
 * form if that fits beside the legend, else the legend moves to a row of its own under the
 * title and the plot area moves down by that row.
 */
export function headerOf(th: PlotTheme, title: string, short: string, legendNames: readonly string[], chartWidth: number): { title: string; legendTop: number; extraTop: number } {
  const legend = legendNames.reduce((w, n) => w + LEGEND_ITEM_PX + textPx(th, shownName(n)), 0);
  const room = chartWidth - 8 - 8 - 12; // margins left and right, and a gap between them
  if (textPx(th, title) + legend <= room) return { title, legendTop: 4, extraTop: 0 };
  if (textPx(th, short) + legend <= room) return { title: short, legendTop: 4, extraTop: 0 };
  const row = Math.round(th.fontSize * 1.6);
  return { title: short, legendTop: 4 + row, extraTop: row };
}

/** Pixel size of a chart (its whole canvas, margins included). */
export interface PlotArea {
  readonly width: number;
  readonly height: number;
}

/**
 * Draws a raster's dots (from RASTER_IMAGE_FROM spikes) or density cells as one image on screen:
 * makes an image source ECharts can draw (a canvas in the page) from the pixels. The page's painter
 * draws every redraw into the same canvas, so the option stays the same from one live redraw to the
 * next and the chart repaints the image in place (Chart.tsx) instead of calling setOption. Absent
 * (exports, SVG, tests), every spike is a scatter dot and every density cell a scatter square.
 */
export interface RasterImage {
  readonly paint: (pixels: RasterPixels) => unknown;
  /** Device pixels per CSS pixel. */
  readonly pixelRatio: number;
  /** The visible time window, ms (the x axis' range). */
  readonly fromMs: number;
  readonly toMs: number;
  /**
   * Legend names (seriesName) switched off by the user: the image leaves their spikes out, as
   * ECharts hides a switched-off scatter series, and the legend shows them greyed.
   */
  readonly hidden?: ReadonlySet<string>;
}

/**
 * From this many spikes a dots raster given a RasterImage is drawn as one image: ECharts lays out
 * and fills each dot of a scatter (brette-coba's 71 000 spikes: ~45 ms of the page's CPU per draw,
 * bench/ui/liveDrawCost.ts); below it dots and ticks stay scatter series (crisper at any zoom).
 */
export const RASTER_IMAGE_FROM = 5000;

/** A colour as [r, g, b] 0-255 (black if it cannot be read). */
function rgbOf(color: string): [number, number, number] {
  const c = parseColor(color);
  return c ? [c[0], c[1], c[2]] : [0, 0, 0];
}

type RenderItem = (params: unknown, api: { value(dim: number): number; coord(p: number[]): number[] }) => object;

/** One renderItem per image source, so a series drawing the same canvas is the same option (chartUpdate compares functions by identity). */
const imageRenderers = new WeakMap<object, RenderItem>();

function imageRenderer(image: unknown): RenderItem {
  const cached = typeof image === 'object' && image !== null ? imageRenderers.get(image) : undefined;
  if (cached) return cached;
  const render: RenderItem = (_params, api) => {
    const [x0, y0] = api.coord([api.value(0), api.value(2)]);
    const [x1, y1] = api.coord([api.value(1), 0]);
    return { type: 'image', style: { image, x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
  };
  if (typeof image === 'object' && image !== null) imageRenderers.set(image, render);
  return render;
}

/**
 * The series that draws a raster's image: one custom item over the visible window and all rows,
 * so a zoom moves and stretches the image with the axis at once (until the plots shape the new
 * window), clipped to the plot area. The window and rows are its data, not captured by renderItem.
 */
function imageSeries(image: unknown, fromMs: number, toMs: number, rows: number): object {
  return {
    type: 'custom', id: 'spikes:image', silent: true, animation: false, clip: true, data: [[fromMs, toMs, rows]], dimensions: ['from', 'to', 'rows'], encode: { x: [0, 1] },
    renderItem: imageRenderer(image),
  };
}

/** Legend symbol size of an image raster's (empty) band series, px: constant, so a live redraw leaves the series as they were. */
const IMAGE_LEGEND_MARK = [2, 2];

/** A row at least this tall (px) shows a spike as a vertical tick; shorter rows show dots. */
const TICK_MIN_ROW_PX = 6;
/** Tallest tick, px (a one-neuron raster gets this, not a bar across the whole plot). */
const TICK_MAX_PX = 40;
/** Share of a row's height a tick covers, leaving a gap between neighbouring rows. */
const TICK_ROW_SHARE = 0.75;

export interface RasterMarks {
  readonly symbol: 'rect';
  /** Width and height of one spike's mark, px. */
  readonly size: readonly [number, number];
}

/**
 * How one spike is drawn, from the height of a neuron's row on screen and the number of spikes:
 * a vertical tick where rows are tall (a few neurons), a small square dot where they are thin
 * (thousands of neurons), smaller dots when the spikes are many. Widths stay below 4 px, where
 * ECharts' large scatter draws with fillRect (fast).
 */
export function rasterMarks(rows: number, spikes: number, plotHeightPx: number): RasterMarks {
  const rowPx = Math.max(0, plotHeightPx) / Math.max(1, rows);
  const dot = spikes > 50_000 ? 1.5 : spikes > 5_000 ? 2 : 3;
  if (rowPx < TICK_MIN_ROW_PX) return { symbol: 'rect', size: [dot, dot] };
  const width = spikes > 20_000 ? 1 : 2;
  return { symbol: 'rect', size: [width, Math.max(dot, Math.min(TICK_MAX_PX, rowPx * TICK_ROW_SHARE))] };
}

/**
 * Large scatter from this many points: never for an empty series. ECharts computes a large
 * series' point layout only when it has points, and an empty large series (largeThreshold 0)
 * is then drawn with no layout: LargeSymbolPath reads `points.length` of undefined and the
 * chart throws on every paint (the white page of issue 13).
 */
const LARGE_FROM = 1;

export function rasterOption(r: Raster, maxMs: number, th: PlotTheme, animation = false, chart: PlotArea = { width: 1200, height: 300 }, visibleMs = maxMs, image?: RasterImage): Option {
  const rows = r.bands.reduce((a, b) => a + b.size, 0);
  const grid = gridOf(th);
  const area = { width: Math.max(50, chart.width - grid.left - grid.right), height: Math.max(30, chart.height - grid.top - grid.bottom) };
  const spikes = `Spike raster — ${r.total.toLocaleString('en')} spikes`;
  const header = headerOf(
    th,
    r.mode === 'density' ? `${spikes}, shown as density (${r.cellMs.toPrecision(3)} ms × ${r.cellRows} neurons per cell)` : spikes,
    r.mode === 'density' ? `${spikes} (density)` : spikes,
    r.bands.map((b) => seriesName(b.population)),
    chart.width,
  );
  const series: object[] = [];
  const plotHeight = Math.max(1, area.height - header.extraTop);
  const asImage = image !== undefined && (r.mode === 'density' || r.total >= RASTER_IMAGE_FROM);
  if (image && asImage) {
    // Each band keeps an empty series: its legend entry, and the same series from one redraw to the next (dots or density alike).
    r.bands.forEach((b, k) => {
      series.push({
        type: 'scatter', id: `spikes:${k}`, name: seriesName(b.population), data: [], dimensions: ['t', 'neuron'], large: false, largeThreshold: LARGE_FROM,
        symbol: 'rect', symbolSize: [...IMAGE_LEGEND_MARK], itemStyle: { color: b.color }, animation: false, progressive: 0,
      });
    });
    const pr = Math.max(0.5, image.pixelRatio);
    const view = {
      width: area.width * pr, height: plotHeight * pr, fromMs: image.fromMs, toMs: image.toMs, rows: Math.max(1, rows), colors: r.bands.map((b) => rgbOf(b.color)),
      hidden: r.bands.map((b) => image.hidden?.has(seriesName(b.population)) ?? false),
    };
    const marks = rasterMarks(rows, r.total, plotHeight);
    const pixels = r.mode === 'density' ? densityPixels(r, view) : rasterPixels(r, { ...view, mark: [marks.size[0] * pr, marks.size[1] * pr] });
    series.push(imageSeries(image.paint(pixels), image.fromMs, image.toMs, Math.max(1, rows)));
  } else if (r.mode === 'points') {
    const marks = rasterMarks(rows, r.total, plotHeight);
    r.bands.forEach((b, k) => {
      series.push({
        type: 'scatter', id: `spikes:${k}`, name: seriesName(b.population), data: r.data[k], dimensions: ['t', 'neuron'], large: true, largeThreshold: LARGE_FROM,
        symbol: marks.symbol, symbolSize: [...marks.size], itemStyle: { color: b.color }, animation: false, progressive: 0,
      });
    });
  } else {
    // Cells drawn edge to edge (one pixel of overlap) so the density reads as an image.
    const cellSize = [Math.ceil((area.width * r.cellMs) / Math.max(r.cellMs, visibleMs)) + 1, Math.ceil((area.height * r.cellRows) / Math.max(1, rows)) + 1];
    r.bands.forEach((b, k) => {
      const d = r.data[k];
      const levels = DENSITY_LEVELS.map(() => [] as number[]);
      for (let j = 0; j < d.length; j += 3) {
        const level = densityLevel(d[j + 2], r.maxCount);
        levels[level].push(d[j], d[j + 1]);
      }
      // Every level keeps its series, empty or not (an empty one is not large: LARGE_FROM), so the
      // series ids stay the same from one live redraw to the next and ECharts merges new data into
      // them (chartUpdate.ts); a silent population keeps its legend entry through them.
      levels.forEach((pts, li) => {
        series.push({
          type: 'scatter', id: `density:${k}:${li}`, name: seriesName(b.population), data: Float32Array.from(pts), dimensions: ['t', 'neuron'], large: pts.length > 0, largeThreshold: LARGE_FROM,
          symbol: 'rect', symbolSize: cellSize, itemStyle: { color: b.color, opacity: DENSITY_LEVELS[li] }, animation: false, progressive: 0,
        });
      });
    });
  }
  // The band lines ride on a series of their own (no data, no legend entry), so the spike series
  // stay alike; its id names the mode, so a switch between dots and density replaces every series
  // and they keep their order (ECharts' replaceMerge keeps a kept series' index). An image has
  // the same series in both modes: a switch is a new image.
  const bands = r.bands.map((b) => ({ yAxis: b.offset, lineStyle: { color: th.grid, type: 'solid', width: 1 }, label: { show: false } }));
  if (r.bands.length > 0) series.push({ type: 'scatter', id: asImage ? 'bands:image' : `bands:${r.mode}`, data: [], silent: true, animation: false, markLine: { silent: true, symbol: 'none', data: bands, animation: false } });
  return {
    animation,
    backgroundColor: th.background,
    title: titleOf(th, header.title),
    // An image leaves out the populations switched off in the legend (image.hidden), which the
    // legend's own state is set from, so it greys the same entries.
    legend: {
      ...legendOf(th), type: 'plain', top: header.legendTop, data: r.bands.map((b) => ({ name: seriesName(b.population), itemStyle: { color: b.color } })),
      ...(image?.hidden ? { selected: Object.fromEntries(r.bands.map((b) => [seriesName(b.population), !image.hidden?.has(seriesName(b.population))])) } : {}),
    },
    grid: { ...grid, top: grid.top + header.extraTop },
    xAxis: { ...timeAxis(th, maxMs), id: 't' },
    yAxis: { type: 'value', name: 'neuron', ...yName(th), min: 0, max: Math.max(1, rows), minInterval: 1, ...yAxisStyle(th) },
    dataZoom: zoom(th, false),
    series,
  };
}

/** Rates of the current run, and dashed under them the rates of earlier runs being compared. */
export function ratesOption(curves: readonly RateCurve[], past: readonly { label: string; curves: readonly RateCurve[] }[], windowMs: number, maxMs: number, th: PlotTheme): Option {
  const series: object[] = [];
  for (const p of past) {
    for (const c of p.curves) series.push({ type: 'line', id: `past:${p.label}:${c.population}`, name: seriesName(`${c.population} (${p.label})`), data: c.points, showSymbol: false, lineStyle: { width: 1, type: 'dashed', color: c.color, opacity: 0.5 }, itemStyle: { color: c.color }, sampling: 'lttb', animation: false });
  }
  for (const c of curves) series.push({ type: 'line', id: `rate:${c.population}`, name: seriesName(c.population), data: c.points, showSymbol: false, lineStyle: { width: 1.5, color: c.color }, itemStyle: { color: c.color }, sampling: 'lttb', animation: false });
  return {
    animation: false,
    backgroundColor: th.background,
    title: titleOf(th, `Population rate (${windowMs} ms window)`),
    legend: legendOf(th),
    tooltip: tooltipOf(th),
    grid: gridOf(th),
    xAxis: { ...timeAxis(th, maxMs), id: 't' },
    yAxis: { type: 'value', name: 'rate (Hz)', ...yName(th), min: 0, ...yAxisStyle(th) },
    dataZoom: zoom(th),
    series,
  };
}

export function voltageOption(curves: readonly VoltageCurve[], lines: { threshold?: number; reset?: number }, unit: string, maxMs: number, th: PlotTheme): Option {
  const marks = [
    ...(lines.threshold !== undefined ? [{ yAxis: lines.threshold, name: 'threshold', lineStyle: { color: '#e5534b', type: 'dashed' }, label: { formatter: 'V_th', color: th.text, position: 'insideEndTop' } }] : []),
    ...(lines.reset !== undefined ? [{ yAxis: lines.reset, name: 'reset', lineStyle: { color: '#6a9cf6', type: 'dashed' }, label: { formatter: 'V_reset', color: th.text, position: 'insideEndBottom' } }] : []),
  ];
  const series: object[] = curves.map((c, i) => ({
    type: 'line', id: `v:${i}`, name: seriesName(c.label), data: c.points, showSymbol: false, lineStyle: { width: 1 }, animation: false,
    ...(i === 0 && marks.length > 0 ? { markLine: { silent: true, symbol: 'none', data: marks, animation: false } } : {}),
  }));
  return {
    animation: false,
    backgroundColor: th.background,
    title: titleOf(th, 'Membrane potential'),
    legend: legendOf(th),
    tooltip: tooltipOf(th),
    grid: gridOf(th),
    xAxis: { ...timeAxis(th, maxMs), id: 't' },
    yAxis: { type: 'value', name: `V (${unit})`, ...yName(th), scale: true, ...yAxisStyle(th) },
    dataZoom: zoom(th),
    series,
  };
}

export function isiOption(h: IsiHistogram, population: string, color: string, th: PlotTheme): Option {
  return {
    animation: false,
    backgroundColor: th.background,
    title: titleOf(th, `ISI ${population} — CV ${h.cv === null ? 'n/a' : h.cv.toFixed(3)} (${h.intervals} intervals)`),
    tooltip: tooltipOf(th),
    grid: gridOf(th, true),
    xAxis: { type: 'value', name: 'ISI (ms)', nameLocation: 'middle', nameGap: Math.round(2 * th.fontSize - 2), min: 0, ...axisStyle(th) },
    yAxis: { type: 'value', name: 'count', ...yName(th), ...yAxisStyle(th) },
    series: [{ type: 'bar', data: Array.from(h.counts, (c, k) => [h.edges[k] + h.binMs / 2, c]), barWidth: '90%', itemStyle: { color } }],
  };
}

export function fiOption(points: readonly [number, number][], population: string, unit: string, th: PlotTheme): Option {
  return {
    animation: false,
    backgroundColor: th.background,
    title: titleOf(th, `F-I curve of ${population}`),
    tooltip: tooltipOf(th),
    grid: gridOf(th, true),
    xAxis: { type: 'value', name: `input (${unit})`, nameLocation: 'middle', nameGap: Math.round(2 * th.fontSize - 2), scale: true, ...axisStyle(th) },
    yAxis: { type: 'value', name: 'rate (Hz)', ...yName(th), min: 0, ...yAxisStyle(th) },
    series: [{ type: 'line', data: points, showSymbol: points.length < 60, lineStyle: { width: 1.5 } }],
  };
}

export function spectrumOption(spectra: readonly RateSpectrum[], colors: ReadonlyMap<string, string>, th: PlotTheme): Option {
  // The peak of each population goes into its legend entry, so many populations do not overflow the title.
  const label = (x: RateSpectrum): string => (x.peakHz === null ? x.population : `${x.population} · peak ${x.peakHz.toFixed(1)} Hz`);
  return {
    animation: false,
    backgroundColor: th.background,
    title: titleOf(th, 'Rate power spectrum'),
    tooltip: tooltipOf(th),
    legend: { ...legendOf(th), left: 150 },
    grid: gridOf(th, true),
    xAxis: { type: 'value', name: 'frequency (Hz)', nameLocation: 'middle', nameGap: Math.round(2 * th.fontSize - 2), min: 0, ...axisStyle(th) },
    yAxis: { type: 'value', name: 'power (Hz²/Hz)', ...yName(th), ...yAxisStyle(th) },
    series: spectra.map((x) => ({ type: 'line', name: seriesName(label(x)), data: x.points, showSymbol: false, lineStyle: { width: 1.5 }, itemStyle: { color: colors.get(x.population) ?? '#888' } })),
  };
}
