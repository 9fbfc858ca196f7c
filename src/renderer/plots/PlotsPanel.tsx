/**
 * The plots of a run: raster (density above DENSITY_THRESHOLD spikes), population rates with an
 * adjustable window and, when the user asks, the earlier runs of the project overlaid, voltage
 * traces with threshold and reset, ISI histogram and CV, the F-I curve of a swept population,
 * and the tutorial's statistics table. Time plots zoom together. During a run the caller passes
 * new results at most 10 times a second. Each plot, and the panel as a whole, sits behind a
 * PlotBoundary: a failing plot shows what failed and a Redraw button, never a blank app.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Document } from '../../shared/document';
import type { DerivedFacts } from '../../shared/derivedFacts';
import type { RunResults } from '../../shared/results';
import { fiCurve, findSweep, networkStatistics, trainsByPopulation } from '../../shared/analysis';
import { Chart } from './Chart';
import { PlotBoundary } from './PlotBoundary';
import { usePlotTheme } from './usePlotTheme';
import { runsToCompare, type PastRun } from '../run/runHistory';
import { TIME_GROUP } from './echarts';
import { fiOption, isiOption, rasterOption, ratesOption, spectrumOption, voltageOption, type PlotTheme } from './options';
import { isiHistogram, populationColors, rasterOf, rateCurves, rateSpectra, traceCurves } from './shaping';
import { canvasPainter } from './paintPixels';
import { ratesCsv, seriesCsv, spikesCsv, toCsv } from './csv';
import { thresholdLines } from './docLookups';
import { parseQuantity } from '../../shared/units';

export interface PlotsPanelProps {
  readonly results: RunResults | null;
  /** True while the run goes on (plots skip their animations). */
  readonly live: boolean;
  /**
   * Draw the ISI histogram and CV and the spectrum too (default: when not live). The run store
   * turns them on a frame after a run's whole results, so the raster and rates paint first.
   */
  readonly extras?: boolean;
  /**
   * A new run has started and these are still the previous run's results (until its first
   * data): shown dimmed, data-live="pending", and not redrawn.
   */
  readonly pending?: boolean;
  /** The document that produced the results (its duration). */
  readonly document?: Document | null;
  /** The derived facts of that document's build (threshold lines, F-I inputs). */
  readonly facts?: DerivedFacts | null;
  /** Earlier runs of this project, newest last; their rates are overlaid when `compare` is on. */
  readonly history?: readonly PastRun[];
  /** Overlay the earlier runs (default off; uncontrolled when `onCompareChange` is not given). */
  readonly compare?: boolean;
  onCompareChange?(on: boolean): void;
  /** Changes when the colour theme or presentation mode does (the plots re-read their CSS variables). */
  readonly themeKey?: string;
  /** A first run is under way (no results yet): the placeholder says the plots are coming. */
  readonly waiting?: boolean;
}

const WINDOWS_MS = [1, 5, 10, 20, 50, 100];
const MAX_V_CURVES = 8;
/**
 * During a run: dots up to this many visible spikes, else a coarse density grid of about one cell
 * per LIVE_CELL_PX square (at most LIVE_GRID_MAX cells a side). From RASTER_IMAGE_FROM spikes the
 * dots are one image (rasterPixels: one write per pixel of a dot), cheaper than the density's
 * scatter cells, so a run such as brette-coba (71 000 spikes) shows its dots all along; the
 * density is for runs past this many (the page shares the CPU with the engine's worker; bench/ui).
 */
const LIVE_DENSITY_THRESHOLD = 80_000;
const LIVE_CELL_PX = 4;
const LIVE_GRID_MAX = { timeBins: 240, rowBins: 80 };
/**
 * While live, the rates take new results at most this often, ms: each redraw of the rate plot is a
 * whole setOption (~25-30 ms of the page's CPU on brette-coba, bench/ui/liveDrawCost.ts), taken from
 * the engine's worker on a two-core machine; the raster, repainted in place, keeps the run's pace.
 */
const LIVE_RATES_MS = 500;
const liveGrid = (width: number, height: number): { timeBins: number; rowBins: number } => ({
  timeBins: Math.max(30, Math.min(LIVE_GRID_MAX.timeBins, Math.round(width / LIVE_CELL_PX))),
  rowBins: Math.max(10, Math.min(LIVE_GRID_MAX.rowBins, Math.round(height / LIVE_CELL_PX))),
});

export const PlotsPanel = memo(function PlotsPanel(props: PlotsPanelProps) {
  return (
    <PlotBoundary name="plots" label="plots panel">
      <PlotsContent {...props} />
    </PlotBoundary>
  );
});

/** Results of no run: what the premounted, hidden plots draw before the first run. */
const NO_RESULTS: RunResults = { dt: 0.1, seed: 0, backend: '', steps: 0, spikes: [], traces: [], counts: [] };

/**
 * Until the first run the plots are mounted hidden (no test ids, inert, out of the layout) once
 * the page is idle, so the first Run's data find their charts created and drawn once, as every
 * later run does, instead of creating them while the engine's messages wait (bench/ui: the
 * first Run of 05-ei-balanced took 615 ms against 39 ms for the second).
 */
function usePremount(): boolean {
  const [premount, setPremount] = useState(false);
  useEffect(() => {
    const idle = window.requestIdleCallback;
    if (idle) {
      const handle = idle(() => setPremount(true), { timeout: 5000 });
      return () => window.cancelIdleCallback(handle);
    }
    const t = setTimeout(() => setPremount(true), 1000);
    return () => clearTimeout(t);
  }, []);
  return premount;
}

function PlotsContent({ results, live, extras = !live, pending = false, document: doc = null, facts = null, history = [], compare, onCompareChange, themeKey = '', waiting = false }: PlotsPanelProps) {
  const premount = usePremount();
  const [windowMs, setWindowMs] = useState(10);
  const [ownCompare, setOwnCompare] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const theme = usePlotTheme(themeKey, root);
  const comparing = onCompareChange ? !!compare : ownCompare;
  const setComparing = onCompareChange ?? setOwnCompare;
  return (
    // display: contents: a hook for the CSS variables the plots read, without a box of its own.
    <div ref={root} className="plots-root" style={{ display: 'contents' }}>
      {/* Two slots, so the premounted Plots stay the same element when the first results come. */}
      {!results && <div className="plots-empty" data-testid="plots-empty">{waiting ? 'Running: the raster, rates and statistics appear here with the first results.' : 'Press Run (F5) to simulate; the raster, rates and statistics appear here as it runs.'}</div>}
      {(results || premount) && <Plots results={results ?? NO_RESULTS} hidden={!results} live={live} extras={extras && !live} pending={pending} doc={doc} facts={facts} history={history} compare={comparing} setCompare={setComparing} theme={theme} windowMs={windowMs} setWindowMs={setWindowMs} />}
    </div>
  );
}

interface PlotsProps {
  results: RunResults;
  /** Premounted before the first run: drawn but invisible, inert and without test ids. */
  hidden: boolean;
  live: boolean;
  extras: boolean;
  pending: boolean;
  doc: Document | null;
  facts: DerivedFacts | null;
  history: readonly PastRun[];
  compare: boolean;
  setCompare(on: boolean): void;
  theme: PlotTheme;
  windowMs: number;
  setWindowMs(ms: number): void;
}

/**
 * The premounted plots: in the panel's flow, so at the width they will have when shown (showing
 * them resizes no chart, which would redraw each), but no height, so they take no room.
 */
const HIDDEN_STYLE = { height: 0, overflow: 'hidden', visibility: 'hidden', pointerEvents: 'none' } as const;

function Plots({ results, hidden, live, extras, pending, doc, facts, history, compare, setCompare, theme, windowMs, setWindowMs }: PlotsProps) {
  const maxMs = Math.max(results.dt, durationOf(results, doc));
  const [view, setView] = useState<{ range: [number, number] | null; width: number; height: number }>({ range: null, width: 1200, height: 300 });
  // While live, a coarser raster keeps each redraw short so the page keeps up with the worker.
  const raster = useMemo(
    () => rasterOf(results, live ? LIVE_DENSITY_THRESHOLD : undefined, { ...(view.range ? { fromMs: view.range[0], toMs: view.range[1] } : {}), ...(live ? liveGrid(view.width, view.height) : {}), palette: theme.populations }),
    [results, view.range, live, view.width, view.height, theme.populations],
  );
  const visibleMs = view.range ? view.range[1] - view.range[0] : maxMs;
  const [fromMs, toMs] = view.range ?? [0, maxMs];
  // One canvas for the raster's images: a live redraw paints into it and the chart repaints it in place.
  const painter = useMemo(canvasPainter, []);
  // Populations switched off in the raster's legend: the image raster leaves them out.
  const [hiddenBands, setHiddenBands] = useState<ReadonlySet<string>>(() => new Set());
  const onRasterLegend = useCallback((selected: Readonly<Record<string, boolean>>) => {
    setHiddenBands(new Set(Object.keys(selected).filter((n) => !selected[n])));
  }, []);
  const rasterOpt = useMemo(
    () => rasterOption(raster, maxMs, theme, false, { width: view.width, height: view.height }, visibleMs, { paint: painter.paint, pixelRatio: window.devicePixelRatio || 1, fromMs, toMs, hidden: hiddenBands }),
    [raster, maxMs, theme, view.width, view.height, visibleMs, fromMs, toMs, hiddenBands, painter],
  );
  const rasterImageVersion = painter.paints();
  const ratesResults = useLiveThrottle(results, live, LIVE_RATES_MS);
  const curves = useMemo(() => rateCurves(ratesResults, windowMs, undefined, theme.populations), [ratesResults, windowMs, theme.populations]);
  const compared = useMemo(() => runsToCompare(history, ratesResults, compare), [history, ratesResults, compare]);
  const past = useMemo(() => {
    // Matched by population id: an earlier run's curve takes the colour of the same population now.
    const colorOf = new Map(curves.map((c) => [c.population, c.color]));
    return compared.map((h) => {
      const keep = new Set(h.populations);
      const pastCurves = rateCurves(h.results, windowMs).filter((c) => keep.has(c.population)).map((c) => ({ ...c, color: colorOf.get(c.population) ?? c.color }));
      return { label: h.label, curves: pastCurves };
    });
  }, [compared, curves, windowMs]);
  const earlier = history.filter((h) => h.results !== results).length;
  const ratesOpt = useMemo(() => ratesOption(curves, past, windowMs, maxMs, theme), [curves, past, windowMs, maxMs, theme]);
  const trains = useMemo(() => trainsByPopulation(results), [results]);
  const colors = useMemo(() => populationColors(trains.map((t) => t.population), theme.populations), [trains, theme.populations]);
  // While live, leave out what re-reads every spike by neuron (ISI CV, ISI histogram) and the
  // spectrum: the page shares the CPU with the engine's worker, and on a busy machine every ms
  // drawn here is a ms the run waits. After the run they follow once the raster and rates are
  // painted (`extras`), so the full-quality raster is not held up by them (a short run's first spikes).
  const stats = useMemo(() => networkStatistics(results, { cv: extras }), [results, extras]);
  // Every V monitor's neurons in one plot (the Izhikevich gallery has one per cell type), at most
  // MAX_V_CURVES lines; threshold and reset lines only when they belong to a single population.
  const vTraces = useMemo(() => results.traces.filter((t) => t.variable === 'V'), [results]);
  const vCurves = useMemo(() => vTraces.flatMap((t) => traceCurves(t, results.dt)).slice(0, MAX_V_CURVES), [vTraces, results.dt]);
  const vOpt = useMemo(() => {
    if (vTraces.length === 0) return null;
    const single = vTraces.every((t) => t.population === vTraces[0].population);
    const neurons = vTraces.flatMap((t) => Array.from(t.neurons));
    return voltageOption(vCurves, single ? thresholdLines(facts, vTraces[0].population, neurons) : {}, vTraces[0].unit, maxMs, theme);
  }, [vTraces, vCurves, facts, maxMs, theme]);
  const [isiPop, setIsiPop] = useState<string | null>(null);
  const isiTrain = trains.find((t) => t.population === isiPop) ?? trains[0];
  const isi = useMemo(() => (isiTrain && extras ? isiHistogram(isiTrain, results.dt) : null), [isiTrain, results.dt, extras]);
  // The spectrum needs a few of its ~200 ms segments; during a run it would only flicker.
  const spectra = useMemo(() => (!extras || maxMs < 400 || trains.length === 0 ? null : rateSpectra(results)), [extras, maxMs, trains.length, results]);
  const sweep = useMemo(() => findSweep(facts, new Map(trains.map((t) => [t.population, t.size]))), [facts, trains]);
  const fi = useMemo(() => {
    const t = sweep && trains.find((x) => x.population === sweep.population);
    if (!sweep || !t) return null;
    const c = fiCurve(t, sweep.values, results.steps, results.dt);
    return Array.from(c.input, (x, i) => [x, c.rateHz[i]] as [number, number]);
  }, [sweep, trains, results]);
  // Options are memoised: a new option object is a redraw of its chart (setOption).
  const isiColor = isiTrain ? colors.get(isiTrain.population) ?? '#888' : '#888';
  const isiOpt = useMemo(() => (isi && isiTrain ? isiOption(isi, isiTrain.population, isiColor, theme) : null), [isi, isiTrain, isiColor, theme]);
  const spectrumOpt = useMemo(() => (spectra ? spectrumOption(spectra, colors, theme) : null), [spectra, colors, theme]);
  const fiOpt = useMemo(() => (fi && sweep ? fiOption(fi, sweep.population, 'nA', theme) : null), [fi, sweep, theme]);

  return (
    <div className="plots" {...(hidden ? { style: HIDDEN_STYLE, inert: true, 'aria-hidden': true } : { 'data-testid': 'plots' })} data-live={pending ? 'pending' : live ? 'yes' : 'no'} data-extras={extras ? 'yes' : 'no'} data-spikes={stats.totalSpikes} data-raster-mode={raster.mode}>
      <PlotBoundary name="raster" label="spike raster">
        <Chart name="raster" option={rasterOpt} group={TIME_GROUP} height={300} csv={() => spikesCsv(results)} onView={setView} onLegend={onRasterLegend} imageVersion={rasterImageVersion} live={live}
          svgOption={() => rasterOption(raster.mode === 'points' && raster.total > 50_000 ? rasterOf(results, 0, { palette: theme.populations }) : raster, maxMs, theme)} />
      </PlotBoundary>
      <PlotBoundary name="rates" label="population rate plot">
        <Chart name="rates" option={ratesOpt} group={TIME_GROUP} height={200} csv={() => ratesCsv(curves)} />
      </PlotBoundary>
      {/* Below the rates, so raster and rates sit together in the dock's first screen. */}
      <div className="plot-controls">
        <label>
          Smoothing window{' '}
          <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))} data-testid="rate-window">
            {WINDOWS_MS.map((w) => <option key={w} value={w}>{w} ms</option>)}
          </select>
        </label>
        <label title="Overlay the rates of this project's earlier runs (dashed), matched by population">
          <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="rate-compare" />
          {' '}Compare with earlier runs{earlier === 0 ? ' (none yet)' : ` (${earlier})`}
        </label>
        {past.length > 0 && <span className="muted" data-testid="rate-compared">dashed: {past.map((p) => p.label).join(', ')}</span>}
      </div>
      {vOpt && (
        <PlotBoundary name="voltage" label="membrane potential plot">
          <Chart name="voltage" option={vOpt} group={TIME_GROUP} height={200} csv={() => seriesCsv('time_ms', 'V_mV', vCurves)} />
        </PlotBoundary>
      )}
      <div className="plot-pair">
        {isi && isiTrain && isiOpt && (
          <div>
            {trains.length > 1 && (
              <select className="plot-pick" value={isiTrain.population} onChange={(e) => setIsiPop(e.target.value)} aria-label="Population for the ISI histogram">
                {trains.map((t) => <option key={t.population}>{t.population}</option>)}
              </select>
            )}
            <PlotBoundary name="isi" label="ISI histogram">
              <Chart name="isi" option={isiOpt} height={200}
                csv={() => toCsv(['isi_left_ms', 'count'], Array.from(isi.counts, (c, k) => [isi.edges[k], c]))} />
            </PlotBoundary>
          </div>
        )}
        {spectra && spectrumOpt && (
          <PlotBoundary name="spectrum" label="power spectrum">
            <Chart name="spectrum" option={spectrumOpt} height={200}
              csv={() => toCsv(['frequency_hz', ...spectra.map((x) => `${x.population}_power`)], (spectra[0]?.points ?? []).map(([f], k) => [f, ...spectra.map((x) => x.points[k]?.[1] ?? 0)]))} />
          </PlotBoundary>
        )}
        {fi && sweep && fiOpt && (
          <PlotBoundary name="fi" label="F-I curve">
            <Chart name="fi" option={fiOpt} height={200} csv={() => toCsv(['input_nA', 'rate_hz'], fi)} />
          </PlotBoundary>
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
              <td data-field="cv">{p.cvIsi === null ? (extras ? '—' : '…') : p.cvIsi.toFixed(3)}</td>
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

/**
 * `value`, but while `live` a new value only every `everyMs` (the one held meanwhile); at once when
 * not live, and the first value of a live period at once (never the previous run's held into a new
 * one). The clock is read during render: a held value is let go at the first render after its time
 * (the next live redraw), not by a timer of its own.
 */
function useLiveThrottle<T>(value: T, live: boolean, everyMs: number): T {
  const taken = useRef<{ value: T; at: number; live: boolean } | null>(null);
  const now = performance.now();
  const last = taken.current;
  if (live && last !== null && last.live && last.value !== value && now - last.at < everyMs) return last.value;
  if (last === null || last.value !== value || last.live !== live) taken.current = { value, at: now, live };
  return value;
}

/** Planned duration of the run (ms) so the time axis does not jump while it fills. */
function durationOf(results: RunResults, doc: Document | null): number {
  const text = doc?.simulation.duration;
  const q = text === undefined ? null : parseQuantity(text, 'time');
  return Math.max(q?.ok ? q.value : 0, results.steps * results.dt);
}
