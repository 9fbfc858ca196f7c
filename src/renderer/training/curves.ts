/**
 * ECharts options of the training panel, built from epoch rows and sample rasters: pure, so they
 * are unit-tested in Node. Styling (axes, grid, text size, colours) follows the plots' theme.
 */
import type { SampleRaster, TrainingEpochRow } from '../../shared/protocol';
import type { Option } from '../plots/echarts';
import { gridOf, type PlotTheme } from '../plots/options';
import { populationColors } from '../plots/shaping';

/** Train and validation lines: solid accent and dashed orange, told apart without colour too. */
const TRAIN_COLOR = '#3b7dd8';
const VALIDATION_COLOR = '#e4572e';

export interface CurveRow extends TrainingEpochRow {
  /** True for epochs of a training not yet written into the document. */
  readonly pending?: boolean;
}

const text = (th: PlotTheme) => ({ color: th.text, fontSize: th.fontSize });
const axis = (th: PlotTheme) => ({
  axisLine: { lineStyle: { color: th.grid } },
  axisTick: { lineStyle: { color: th.grid } },
  axisLabel: { ...text(th), hideOverlap: true },
  nameTextStyle: text(th),
  splitLine: { lineStyle: { color: th.grid, opacity: 0.4 } },
});

function curveOption(rows: readonly CurveRow[], th: PlotTheme, title: string, yName: string, pick: (r: CurveRow) => [number | null, number | null], yMax?: number, chance?: number): Option {
  const grid = gridOf(th, true);
  const train = rows.map((r) => [r.epoch, pick(r)[0]]);
  const val = rows.filter((r) => pick(r)[1] !== null).map((r) => [r.epoch, pick(r)[1]]);
  const lastEpoch = rows.length > 0 ? rows[rows.length - 1].epoch : 1;
  const line = (name: string, data: unknown[], color: string, dashed: boolean) => ({
    type: 'line', name, data, showSymbol: data.length < 40, symbolSize: 5, animation: false,
    lineStyle: { color, width: 2, type: dashed ? 'dashed' : 'solid' }, itemStyle: { color },
  });
  const series: object[] = [line('train', train, TRAIN_COLOR, false), line('validation', val, VALIDATION_COLOR, true)];
  if (chance !== undefined) {
    (series[0] as { markLine?: object }).markLine = {
      silent: true, symbol: 'none', label: { formatter: 'chance', color: th.text, fontSize: th.fontSize, position: 'insideEndBottom' },
      lineStyle: { color: th.grid, type: 'dotted', width: 1.5 }, data: [{ yAxis: chance }],
    };
  }
  return {
    backgroundColor: th.background,
    animation: false,
    title: { text: title, left: 8, top: 2, textStyle: { fontSize: th.fontSize, color: th.text, fontWeight: 'normal' } },
    legend: { right: 8, top: 2, textStyle: text(th), itemWidth: 18, data: ['train', 'validation'] },
    tooltip: { trigger: 'axis', backgroundColor: th.background, borderColor: th.grid, textStyle: text(th), valueFormatter: (v: number) => (typeof v === 'number' ? v.toFixed(3) : String(v)) },
    grid: { ...grid, top: Math.round(24 + th.fontSize), bottom: Math.round(14 + 2 * th.fontSize) },
    xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: Math.round(1.6 * th.fontSize), min: rows.length > 0 ? Math.min(1, rows[0].epoch) : 1, max: Math.max(2, lastEpoch), minInterval: 1, ...axis(th) },
    yAxis: { type: 'value', name: yName, nameLocation: 'middle', nameGap: Math.round(16 + 2 * th.fontSize), min: 0, ...(yMax !== undefined ? { max: yMax, interval: yMax / 4 } : { splitNumber: 3 }), ...axis(th) },
    series,
  };
}

/** Cross-entropy (nats) per epoch, train and validation. */
export function lossOption(rows: readonly CurveRow[], th: PlotTheme): Option {
  return curveOption(rows, th, 'loss', 'loss (nats)', (r) => [r.loss, r.valLoss]);
}

/** Accuracy (%) per epoch, train and validation, with chance (100 / classes) marked. */
export function accuracyOption(rows: readonly CurveRow[], th: PlotTheme, classes: number | null): Option {
  const pct = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);
  return curveOption(rows, th, 'accuracy', 'accuracy (%)', (r) => [pct(r.accuracy), pct(r.valAccuracy)], 100, classes ? 100 / classes : undefined);
}

/** One sample's spikes, populations stacked in bands (first population at the bottom), time in ms. */
export function sampleRasterOption(r: SampleRaster, th: PlotTheme, title: string): Option {
  const colors = populationColors(r.populations.map((p) => p.id));
  let offset = 0;
  const series = r.populations.map((p) => {
    const data: number[][] = [];
    for (let k = 0; k < p.steps.length; k++) data.push([p.steps[k] * r.dt, offset + p.ids[k] + 0.5]);
    const band = { type: 'scatter', name: p.id, data, symbol: 'rect', symbolSize: [2, 4], animation: false, itemStyle: { color: colors.get(p.id) } };
    offset += p.size;
    return band;
  });
  const rows = offset;
  const grid = gridOf(th, true);
  return {
    backgroundColor: th.background,
    animation: false,
    title: { text: title, left: 8, top: 2, textStyle: { fontSize: th.fontSize, color: th.text, fontWeight: 'normal' } },
    legend: { right: 8, top: 2, textStyle: text(th), itemWidth: 10, data: r.populations.map((p) => p.id) },
    grid: { ...grid, top: Math.round(24 + th.fontSize), bottom: Math.round(14 + 2 * th.fontSize) },
    xAxis: { type: 'value', name: 'time (ms)', nameLocation: 'middle', nameGap: Math.round(1.6 * th.fontSize), min: 0, max: r.steps * r.dt, ...axis(th) },
    yAxis: { type: 'value', name: 'neuron', nameLocation: 'middle', nameGap: Math.round(16 + 2 * th.fontSize), min: 0, max: rows, splitNumber: 3, ...axis(th), axisLabel: { ...text(th), hideOverlap: true, showMaxLabel: false } },
    series,
  };
}

/** "1 min 05 s", "12 s", "—" for an ETA in ms. */
export function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** "62.4 %" */
export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : `${(100 * x).toFixed(1)} %`);
