/**
 * ECharts options for each plot, built from shaped data. Time plots share the x axis id "t" and
 * an inside + slider dataZoom so charts in the TIME_GROUP zoom together.
 */
import type { Option } from './echarts';
import type { IsiHistogram, RateSpectrum, Raster, RateCurve, VoltageCurve } from './shaping';

export interface PlotTheme {
  readonly text: string;
  readonly grid: string;
  readonly background: string;
}

const axisStyle = (th: PlotTheme) => ({
  axisLine: { lineStyle: { color: th.grid } },
  axisLabel: { color: th.text },
  nameTextStyle: { color: th.text },
  splitLine: { lineStyle: { color: th.grid, opacity: 0.4 } },
});

function timeAxis(th: PlotTheme, maxMs: number) {
  return { type: 'value', name: 'time (ms)', nameLocation: 'middle', nameGap: 24, min: 0, max: maxMs, ...axisStyle(th) };
}

const zoom = [
  { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
  { type: 'slider', xAxisIndex: 0, filterMode: 'none', height: 14, bottom: 4 },
];

const grid = { left: 64, right: 28, top: 30, bottom: 52 };

/** Density levels: a cell's count maps to one of these opacities (large scatter draws one style per series). */
const DENSITY_LEVELS = [0.2, 0.45, 0.7, 1];

/** Pixel size of the plot area, so density cells are drawn edge to edge. */
export interface PlotArea {
  readonly width: number;
  readonly height: number;
}

export function rasterOption(r: Raster, maxMs: number, th: PlotTheme, animation = false, area: PlotArea = { width: 1200, height: 240 }, visibleMs = maxMs): Option {
  const rows = r.bands.reduce((a, b) => a + b.size, 0);
  const series: object[] = [];
  if (r.mode === 'points') {
    r.bands.forEach((b, k) => {
      series.push({
        type: 'scatter', name: b.population, data: r.data[k], dimensions: ['t', 'neuron'], large: true, largeThreshold: 2000,
        symbolSize: 2, itemStyle: { color: b.color }, animation: false, progressive: 0,
      });
    });
  } else {
    // Cells drawn edge to edge (one pixel of overlap) so the density reads as an image.
    const cellSize = [Math.ceil((area.width * r.cellMs) / Math.max(r.cellMs, visibleMs)) + 1, Math.ceil((area.height * r.cellRows) / Math.max(1, rows)) + 1];
    r.bands.forEach((b, k) => {
      const d = r.data[k];
      const levels = DENSITY_LEVELS.map(() => [] as number[]);
      for (let j = 0; j < d.length; j += 3) {
        const level = Math.min(DENSITY_LEVELS.length - 1, Math.floor((d[j + 2] / (r.maxCount + 1)) * DENSITY_LEVELS.length));
        levels[level].push(d[j], d[j + 1]);
      }
      levels.forEach((pts, li) => {
        // An empty large scatter throws in ECharts' paint (its layout has no points): skip the level.
        if (pts.length === 0) return;
        series.push({
          type: 'scatter', name: b.population, data: Float32Array.from(pts), dimensions: ['t', 'neuron'], large: true, largeThreshold: 0,
          symbol: 'rect', symbolSize: cellSize, itemStyle: { color: b.color, opacity: DENSITY_LEVELS[li] }, animation: false, progressive: 0,
        });
      });
    });
  }
  const bands = r.bands.map((b) => ({ yAxis: b.offset, lineStyle: { color: th.grid, type: 'solid', width: 1 }, label: { show: false } }));
  if (series.length > 0) (series[0] as { markLine?: object }).markLine = { silent: true, symbol: 'none', data: bands, animation: false };
  const title = r.mode === 'density'
    ? `Spike raster — ${r.total.toLocaleString('en')} spikes, shown as density (${r.cellMs.toPrecision(3)} ms × ${r.cellRows} neurons per cell)`
    : `Spike raster — ${r.total.toLocaleString('en')} spikes`;
  return {
    animation,
    backgroundColor: th.background,
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 12, color: th.text, fontWeight: 'normal' } },
    legend: { right: 8, top: 4, textStyle: { color: th.text }, data: r.bands.map((b) => ({ name: b.population, itemStyle: { color: b.color } })) },
    grid,
    xAxis: { ...timeAxis(th, maxMs), id: 't' },
    yAxis: { type: 'value', name: 'neuron', nameLocation: 'middle', nameGap: 40, min: 0, max: Math.max(1, rows), ...axisStyle(th) },
    dataZoom: zoom,
    series,
  };
}

export function ratesOption(curves: readonly RateCurve[], past: readonly { label: string; curves: readonly RateCurve[] }[], windowMs: number, maxMs: number, th: PlotTheme): Option {
  const series: object[] = [];
  for (const p of past) {
    for (const c of p.curves) series.push({ type: 'line', name: `${c.population} (${p.label})`, data: c.points, showSymbol: false, lineStyle: { width: 1, type: 'dashed', color: c.color, opacity: 0.5 }, itemStyle: { color: c.color }, sampling: 'lttb', animation: false });
  }
  for (const c of curves) series.push({ type: 'line', name: c.population, data: c.points, showSymbol: false, lineStyle: { width: 1.5, color: c.color }, itemStyle: { color: c.color }, sampling: 'lttb', animation: false });
  return {
    animation: false,
    backgroundColor: th.background,
    title: { text: `Population rate (${windowMs} ms window)`, left: 8, top: 4, textStyle: { fontSize: 12, color: th.text, fontWeight: 'normal' } },
    legend: { right: 8, top: 4, type: 'scroll', textStyle: { color: th.text } },
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { ...timeAxis(th, maxMs), id: 't' },
    yAxis: { type: 'value', name: 'rate (Hz)', nameLocation: 'middle', nameGap: 40, min: 0, ...axisStyle(th) },
    dataZoom: zoom,
    series,
  };
}

export function voltageOption(curves: readonly VoltageCurve[], lines: { threshold?: number; reset?: number }, unit: string, maxMs: number, th: PlotTheme): Option {
  const marks = [
    ...(lines.threshold !== undefined ? [{ yAxis: lines.threshold, name: 'threshold', lineStyle: { color: '#e5534b', type: 'dashed' }, label: { formatter: 'V_th', color: th.text, position: 'insideEndTop' } }] : []),
    ...(lines.reset !== undefined ? [{ yAxis: lines.reset, name: 'reset', lineStyle: { color: '#6a9cf6', type: 'dashed' }, label: { formatter: 'V_reset', color: th.text, position: 'insideEndBottom' } }] : []),
  ];
  const series: object[] = curves.map((c, i) => ({
    type: 'line', name: c.label, data: c.points, showSymbol: false, lineStyle: { width: 1 }, animation: false,
    ...(i === 0 && marks.length > 0 ? { markLine: { silent: true, symbol: 'none', data: marks, animation: false } } : {}),
  }));
  return {
    animation: false,
    backgroundColor: th.background,
    title: { text: 'Membrane potential', left: 8, top: 4, textStyle: { fontSize: 12, color: th.text, fontWeight: 'normal' } },
    legend: { right: 8, top: 4, type: 'scroll', textStyle: { color: th.text } },
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { ...timeAxis(th, maxMs), id: 't' },
    yAxis: { type: 'value', name: `V (${unit})`, nameLocation: 'middle', nameGap: 40, scale: true, ...axisStyle(th) },
    dataZoom: zoom,
    series,
  };
}

export function isiOption(h: IsiHistogram, population: string, color: string, th: PlotTheme): Option {
  return {
    animation: false,
    backgroundColor: th.background,
    title: { text: `ISI ${population} — CV ${h.cv === null ? 'n/a' : h.cv.toFixed(3)} (${h.intervals} intervals)`, left: 8, top: 4, textStyle: { fontSize: 12, color: th.text, fontWeight: 'normal' } },
    tooltip: { trigger: 'axis' },
    grid: { ...grid, bottom: 36 },
    xAxis: { type: 'value', name: 'ISI (ms)', nameLocation: 'middle', nameGap: 22, min: 0, ...axisStyle(th) },
    yAxis: { type: 'value', name: 'count', nameLocation: 'middle', nameGap: 40, ...axisStyle(th) },
    series: [{ type: 'bar', data: Array.from(h.counts, (c, k) => [h.edges[k] + h.binMs / 2, c]), barWidth: '90%', itemStyle: { color } }],
  };
}

export function fiOption(points: readonly [number, number][], population: string, unit: string, th: PlotTheme): Option {
  return {
    animation: false,
    backgroundColor: th.background,
    title: { text: `F-I curve of ${population}`, left: 8, top: 4, textStyle: { fontSize: 12, color: th.text, fontWeight: 'normal' } },
    tooltip: { trigger: 'axis' },
    grid: { ...grid, bottom: 36 },
    xAxis: { type: 'value', name: `input (${unit})`, nameLocation: 'middle', nameGap: 22, scale: true, ...axisStyle(th) },
    yAxis: { type: 'value', name: 'rate (Hz)', nameLocation: 'middle', nameGap: 40, min: 0, ...axisStyle(th) },
    series: [{ type: 'line', data: points, showSymbol: points.length < 60, lineStyle: { width: 1.5 } }],
  };
}

export function spectrumOption(spectra: readonly RateSpectrum[], colors: ReadonlyMap<string, string>, th: PlotTheme): Option {
  // The peak of each population goes into its legend entry, so many populations do not overflow the title.
  const label = (x: RateSpectrum): string => (x.peakHz === null ? x.population : `${x.population} · peak ${x.peakHz.toFixed(1)} Hz`);
  return {
    animation: false,
    backgroundColor: th.background,
    title: { text: 'Rate power spectrum', left: 8, top: 4, textStyle: { fontSize: 12, color: th.text, fontWeight: 'normal' } },
    tooltip: { trigger: 'axis' },
    legend: { left: 150, right: 8, top: 4, type: 'scroll', textStyle: { color: th.text } },
    grid: { ...grid, bottom: 36 },
    xAxis: { type: 'value', name: 'frequency (Hz)', nameLocation: 'middle', nameGap: 22, min: 0, ...axisStyle(th) },
    yAxis: { type: 'value', name: 'power (Hz²/Hz)', nameLocation: 'middle', nameGap: 40, ...axisStyle(th) },
    series: spectra.map((x) => ({ type: 'line', name: label(x), data: x.points, showSymbol: false, lineStyle: { width: 1.5 }, itemStyle: { color: colors.get(x.population) ?? '#888' } })),
  };
}
