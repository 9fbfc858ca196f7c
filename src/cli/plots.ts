/**
 * SVG plots of a run, rendered with ECharts' server-side SVG renderer (no DOM, no canvas).
 * Large runs are thinned so a plot stays a few MB at most: the raster shows an evenly spaced
 * subset of neurons, line plots an evenly spaced subset of samples.
 */
import * as echarts from 'echarts/core';
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { RunResults, SpikeTrain, StateTrace } from '../shared/results';
import { populationRate, trainsByPopulation } from '../engine/analysis';

const WIDTH = 1000;
const HEIGHT = 500;
/** Most raster points drawn in total; beyond this neurons are skipped evenly. */
const MAX_RASTER_POINTS = 60_000;
/** Most neurons of one population drawn in the raster. */
const MAX_RASTER_NEURONS = 400;
/** Most points of one line. */
const MAX_LINE_POINTS = 2000;
/** Most neurons per state trace drawn in voltage.svg. */
const MAX_TRACE_NEURONS = 5;
/** Smoothing window of the population rate, ms (the tutorial uses 50 ms on 1 s runs). */
export const RATE_WINDOW_MS = 10;

// Only what these three plots draw: the full 'echarts' entry registers every chart type, map and
// the canvas renderer, which costs the command line more start-up time than the run it plots.
echarts.use([ScatterChart, LineChart, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

type Option = Parameters<echarts.ECharts['setOption']>[0];

function render(option: Option): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const timeAxis = (durationMs: number) => ({ type: 'value' as const, name: 'time (ms)', nameLocation: 'middle' as const, nameGap: 28, min: 0, max: durationMs });

/** Neuron stride so the raster stays under its point and neuron budgets. */
function rasterStride(train: SpikeTrain, totalSpikes: number): number {
  const byPoints = totalSpikes > MAX_RASTER_POINTS ? Math.ceil(totalSpikes / MAX_RASTER_POINTS) : 1;
  const byNeurons = Math.ceil(train.size / MAX_RASTER_NEURONS);
  return Math.max(1, byPoints, byNeurons);
}

/** Spike raster: one colour per population, stacked; y is the neuron's row in the plot. */
export function rasterSvg(results: RunResults): string {
  const trains = trainsByPopulation(results);
  const total = trains.reduce((a, t) => a + t.steps.length, 0);
  const durationMs = results.steps * results.dt;
  let offset = 0;
  const series = trains.map((t) => {
    const stride = rasterStride(t, total);
    const data: [number, number][] = [];
    for (let k = 0; k < t.steps.length; k++) {
      if (t.ids[k] % stride !== 0) continue;
      data.push([Number((t.steps[k] * results.dt).toFixed(4)), offset + t.ids[k] / stride]);
    }
    const name = stride > 1 ? `${t.population} (1 in ${stride} neurons shown)` : t.population;
    offset += Math.ceil(t.size / stride);
    return { type: 'scatter' as const, name, data, symbolSize: 2, large: true };
  });
  return render({
    title: { text: 'Spike raster', left: 'center' },
    legend: { top: 28 },
    grid: { top: 64, left: 70, right: 24, bottom: 48 },
    xAxis: timeAxis(durationMs),
    yAxis: { type: 'value', name: 'neuron', min: 0, max: Math.max(1, offset) },
    series,
  });
}

function thin<T>(n: number, pick: (i: number) => T): T[] {
  const stride = Math.max(1, Math.ceil(n / MAX_LINE_POINTS));
  const out: T[] = [];
  for (let i = 0; i < n; i += stride) out.push(pick(i));
  return out;
}

/** Population rate per recorded population (Hz), smoothed with a RATE_WINDOW_MS moving average. */
export function rateSvg(results: RunResults): string {
  const durationMs = results.steps * results.dt;
  const series = trainsByPopulation(results).map((t) => {
    const rate = populationRate(t, results.steps, results.dt, RATE_WINDOW_MS);
    const data = thin(rate.length, (i) => [Number((i * results.dt).toFixed(4)), Number(rate[i].toPrecision(5))]);
    return { type: 'line' as const, name: t.population, data, showSymbol: false };
  });
  return render({
    title: { text: `Population rate (${RATE_WINDOW_MS} ms moving average)`, left: 'center' },
    legend: { top: 28 },
    grid: { top: 64, left: 70, right: 24, bottom: 48 },
    xAxis: timeAxis(durationMs),
    yAxis: { type: 'value', name: 'rate (Hz)' },
    series,
  });
}

/** Recorded state traces (first few neurons of each), e.g. V in mV; null when nothing was recorded. */
export function voltageSvg(results: RunResults): string | null {
  const traces: readonly StateTrace[] = results.traces;
  if (traces.length === 0) return null;
  const durationMs = results.steps * results.dt;
  const units = [...new Set(traces.map((t) => t.unit))];
  const series = traces.flatMap((t) => {
    const shown = Math.min(MAX_TRACE_NEURONS, t.neurons.length);
    return Array.from({ length: shown }, (_, j) => ({
      type: 'line' as const,
      name: `${t.population}[${t.neurons[j]}].${t.variable}`,
      showSymbol: false,
      data: thin(t.steps.length, (s) => [Number((t.steps[s] * results.dt).toFixed(4)), Number(t.values[s * t.neurons.length + j].toPrecision(6))]),
    }));
  });
  return render({
    title: { text: 'Recorded state', left: 'center' },
    legend: { top: 28, type: 'scroll' },
    grid: { top: 64, left: 70, right: 24, bottom: 48 },
    xAxis: timeAxis(durationMs),
    yAxis: { type: 'value', name: units.join(', '), scale: true },
    series,
  });
}
