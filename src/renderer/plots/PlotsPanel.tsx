/**
 * The plots of a run: raster (density above DENSITY_THRESHOLD spikes), population rates with an
 * adjustable window and the last runs overlaid, voltage traces with threshold and reset, ISI
 * histogram and CV, the F-I curve of a swept population, and the tutorial's statistics table.
 * Time plots zoom together. During a run the caller passes new results at most 10 times a second.
 */
import { memo, useMemo, useState } from 'react';
import type { Document } from '../../shared/document';
import type { RunResults } from '../../shared/results';
import { fiCurve, networkStatistics, trainsByPopulation } from '../../engine/analysis';
import { Chart } from './Chart';
import { TIME_GROUP } from './echarts';
import { fiOption, isiOption, rasterOption, ratesOption, spectrumOption, voltageOption, type PlotTheme } from './options';
import { isiHistogram, populationColors, rasterOf, rateCurves, rateSpectra, traceCurves } from './shaping';
import { ratesCsv, seriesCsv, spikesCsv, toCsv } from './csv';
import { findSweep, thresholdLines } from './docLookups';
import { parseQuantity } from '../../shared/units';

export interface PlotsPanelProps {
  readonly results: RunResults | null;
  /** True while the run goes on (plots skip their animations). */
  readonly live: boolean;
  /** The document that produced the results (threshold lines, F-I inputs). */
  readonly document?: Document | null;
  /** Earlier runs whose rates are overlaid, newest last. */
  readonly history?: readonly { readonly label: string; readonly results: RunResults }[];
  /** Bumped when the colour theme changes. */
  readonly themeKey?: string;
}

function cssTheme(): PlotTheme {
  const s = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => s.getPropertyValue(name).trim() || fallback;
  return { text: v('--text-2', '#555'), grid: v('--border-strong', '#ccc'), background: v('--panel', '#fff') };
}

const WINDOWS_MS = [1, 5, 10, 20, 50, 100];
const MAX_V_CURVES = 8;
/** During a run: dots up to this many visible spikes, else a coarse density grid. */
const LIVE_DENSITY_THRESHOLD = 30_000;
const LIVE_GRID = { timeBins: 240, rowBins: 80 };

export const PlotsPanel = memo(function PlotsPanel({ results, live, document: doc = null, history = [], themeKey = '' }: PlotsPanelProps) {
  const [windowMs, setWindowMs] = useState(10);
  // themeKey is the dependency: the CSS variables change when the theme does.
  const theme = useMemo(() => {
    void themeKey;
    return cssTheme();
  }, [themeKey]);
  if (!results) return <div className="plots-empty" data-testid="plots-empty">Press Run (F5) to simulate; the raster, rates and statistics appear here as it runs.</div>;
  return <Plots results={results} live={live} doc={doc} history={history} theme={theme} windowMs={windowMs} setWindowMs={setWindowMs} />;
});

interface PlotsProps {
  results: RunResults;
  live: boolean;
  doc: Document | null;
  history: readonly { readonly label: string; readonly results: RunResults }[];
  theme: PlotTheme;
  windowMs: number;
  setWindowMs(ms: number): void;
}

function Plots({ results, live, doc, history, theme, windowMs, setWindowMs }: PlotsProps) {
  const maxMs = Math.max(results.dt, durationOf(results, doc));
  const [view, setView] = useState<{ range: [number, number] | null; width: number; height: number }>({ range: null, width: 1200, height: 300 });
  // While live, a coarser raster keeps each redraw short so the page keeps up with the worker.
  const raster = useMemo(
    () => rasterOf(results, live ? LIVE_DENSITY_THRESHOLD : undefined, { ...(view.range ? { fromMs: view.range[0], toMs: view.range[1] } : {}), ...(live ? LIVE_GRID : {}) }),
    [results, view.range, live],
  );
  const area = { width: Math.max(100, view.width - 80), height: Math.max(50, view.height - 82) };
  const visibleMs = view.range ? view.range[1] - view.range[0] : maxMs;
  const rasterOpt = useMemo(
    () => rasterOption(raster, maxMs, theme, false, area, visibleMs),
    // area is rebuilt each render; its numbers are the real dependencies.
    [raster, maxMs, theme, live, area.width, area.height, visibleMs],
  );
  const curves = useMemo(() => rateCurves(results, windowMs), [results, windowMs]);
  const past = useMemo(
    () => history.filter((h) => h.results !== results).map((h) => ({ label: h.label, curves: rateCurves(h.results, windowMs) })),
    [history, results, windowMs],
  );
  const ratesOpt = useMemo(() => ratesOption(curves, past, windowMs, maxMs, theme), [curves, past, windowMs, maxMs, theme]);
  const trains = trainsByPopulation(results);
  const colors = populationColors(trains.map((t) => t.population));
  const stats = useMemo(() => networkStatistics(results), [results]);
  // Every V monitor's neurons in one plot (the Izhikevich gallery has one per cell type), at most
  // MAX_V_CURVES lines; threshold and reset lines only when they belong to a single population.
  const vTraces = useMemo(() => results.traces.filter((t) => t.variable === 'V'), [results]);
  const vCurves = useMemo(() => vTraces.flatMap((t) => traceCurves(t, results.dt)).slice(0, MAX_V_CURVES), [vTraces, results.dt]);
  const vOpt = useMemo(() => {
    if (vTraces.length === 0) return null;
    const single = vTraces.every((t) => t.population === vTraces[0].population);
    return voltageOption(vCurves, single ? thresholdLines(doc, vTraces[0].population) : {}, vTraces[0].unit, maxMs, theme);
  }, [vTraces, vCurves, doc, maxMs, theme]);
  const [isiPop, setIsiPop] = useState<string | null>(null);
  const isiTrain = trains.find((t) => t.population === isiPop) ?? trains[0];
  const isi = useMemo(() => (isiTrain ? isiHistogram(isiTrain, results.dt) : null), [isiTrain, results.dt]);
  // The spectrum needs a few of its ~200 ms segments; during a run it would only flicker.
  const spectra = useMemo(() => (live || maxMs < 400 || trains.length === 0 ? null : rateSpectra(results)), [live, maxMs, trains.length, results]);
  const sweep = useMemo(() => findSweep(doc, new Map(trains.map((t) => [t.population, t.size]))), [doc, trains]);
  const fi = useMemo(() => {
    const t = sweep && trains.find((x) => x.population === sweep.population);
    if (!sweep || !t) return null;
    const c = fiCurve(t, sweep.values, results.steps, results.dt);
    return Array.from(c.input, (x, i) => [x, c.rateHz[i]] as [number, number]);
  }, [sweep, trains, results]);

  return (
    <div className="plots" data-testid="plots" data-live={live ? 'yes' : 'no'} data-spikes={stats.totalSpikes} data-raster-mode={raster.mode}>
      <Chart name="raster" option={rasterOpt} group={TIME_GROUP} height={300} csv={() => spikesCsv(results)} onView={setView}
        svgOption={() => rasterOption(raster.mode === 'points' && raster.total > 50_000 ? rasterOf(results, 0) : raster, maxMs, theme)} />
      <div className="plot-controls">
        <label>
          Smoothing window{' '}
          <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))} data-testid="rate-window">
            {WINDOWS_MS.map((w) => <option key={w} value={w}>{w} ms</option>)}
          </select>
        </label>
        {past.length > 0 && <span className="muted">dashed: {past.map((p) => p.label).join(', ')}</span>}
      </div>
      <Chart name="rates" option={ratesOpt} group={TIME_GROUP} height={200} csv={() => ratesCsv(curves)} />
      {vOpt && <Chart name="voltage" option={vOpt} group={TIME_GROUP} height={200} csv={() => seriesCsv('time_ms', 'V_mV', vCurves)} />}
      <div className="plot-pair">
        {isi && isiTrain && (
          <div>
            {trains.length > 1 && (
              <select className="plot-pick" value={isiTrain.population} onChange={(e) => setIsiPop(e.target.value)} aria-label="Population for the ISI histogram">
                {trains.map((t) => <option key={t.population}>{t.population}</option>)}
              </select>
            )}
            <Chart name="isi" option={isiOption(isi, isiTrain.population, colors.get(isiTrain.population) ?? '#888', theme)} height={200}
              csv={() => toCsv(['isi_left_ms', 'count'], Array.from(isi.counts, (c, k) => [isi.edges[k], c]))} />
          </div>
        )}
        {spectra && (
          <Chart name="spectrum" option={spectrumOption(spectra, colors, theme)} height={200}
            csv={() => toCsv(['frequency_hz', ...spectra.map((x) => `${x.population}_power`)], (spectra[0]?.points ?? []).map(([f], k) => [f, ...spectra.map((x) => x.points[k]?.[1] ?? 0)]))} />
        )}
        {fi && sweep && (
          <Chart name="fi" option={fiOption(fi, sweep.population, 'nA', theme)} height={200} csv={() => toCsv(['input_nA', 'rate_hz'], fi)} />
        )}
      </div>
      <table className="stats" data-testid="stats">
        <caption>Network statistics over {stats.durationMs.toFixed(1)} ms</caption>
        <thead>
          <tr><th>Population</th><th>Neurons</th><th>Spikes</th><th>Mean rate (Hz)</th><th>ISI CV</th></tr>
        </thead>
        <tbody>
          {stats.populations.map((p) => (
            <tr key={p.population} data-population={p.population}>
              <td><span className="swatch" style={{ background: colors.get(p.population) }} />{p.population}</td>
              <td>{p.size}</td>
              <td data-field="spikes">{p.spikes}</td>
              <td data-field="rate">{p.rateHz.toFixed(2)}</td>
              <td data-field="cv">{p.cvIsi === null ? '—' : p.cvIsi.toFixed(3)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td>Total</td><td>{stats.populations.reduce((a, p) => a + p.size, 0)}</td><td data-field="total-spikes">{stats.totalSpikes}</td><td data-field="mean-rate">{stats.meanRateHz.toFixed(2)}</td><td /></tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Planned duration of the run (ms) so the time axis does not jump while it fills. */
function durationOf(results: RunResults, doc: Document | null): number {
  const text = doc?.simulation.duration;
  const q = text === undefined ? null : parseQuantity(text, 'time');
  return Math.max(q?.ok ? q.value : 0, results.steps * results.dt);
}
