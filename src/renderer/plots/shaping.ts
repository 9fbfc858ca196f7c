/**
 * Turns run results into what the plots draw: flat typed arrays for the raster (one series per
 * population, stacked in bands), a binned density above DENSITY_THRESHOLD spikes, smoothed
 * population rates thinned to screen resolution, voltage traces, ISI histograms. Pure functions,
 * no ECharts, so they are unit-tested in Node.
 */
import type { RunResults, SpikeTrain, StateTrace } from '../../shared/results';
import { isiCv, populationRate, rateSpectrum, RATE_SPECTRUM_MAX_HZ, spikesPerStep, trainsByPopulation } from '../../shared/analysis';

/** Above this many spikes the raster draws a binned density instead of one dot per spike. */
export const DENSITY_THRESHOLD = 100_000;
/** Rate curves are thinned to about this many points (more than a wide screen has pixels). */
export const MAX_CURVE_POINTS = 2000;

/**
 * Colours for populations, twelve that differ at a glance: six warm (excitatory populations take
 * these first), six cool (inhibitory first). The plots use the theme's palette (PlotTheme.populations,
 * the same order); this one is the light theme's, for exports and tests.
 */
export const POPULATION_PALETTE: readonly string[] = ['#e4572e', '#f28e2b', '#c9a227', '#c2477e', '#8c564b', '#e377c2', '#3b7dd8', '#17a2b8', '#6f5bd3', '#2e9e6a', '#7f9c52', '#7f7f7f'];
/** Order in which each sign takes the palette's colours (indices into it). */
const PREFERENCE: Readonly<Record<'E' | 'I' | 'other', readonly number[]>> = {
  E: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  I: [6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5],
  other: [8, 2, 5, 10, 4, 9, 1, 7, 3, 11, 0, 6],
};

/** Guess a population's sign from its id (E, exc, pyr... vs I, inh, pv...). */
export function populationSign(id: string): 'E' | 'I' | 'other' {
  if (/^(e\b|e[-_\d]|exc|pyr)/i.test(id) || id === 'E') return 'E';
  if (/^(i\b|i[-_\d]|inh|pv|sst|int)/i.test(id) || id === 'I') return 'I';
  return 'other';
}

/**
 * A stable colour for each population id: by sign (E warm, I cool), and no two populations alike
 * while there are unused colours in the palette (twelve); past that the colours repeat.
 */
export function populationColors(ids: readonly string[], palette: readonly string[] = POPULATION_PALETTE): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<number>();
  ids.forEach((id, k) => {
    const order = PREFERENCE[populationSign(id)].filter((i) => i < palette.length);
    const pick = order.find((i) => !used.has(i)) ?? order[k % order.length] ?? 0;
    used.add(pick);
    out.set(id, palette[pick] ?? POPULATION_PALETTE[pick % POPULATION_PALETTE.length]);
  });
  return out;
}

export interface RasterBand {
  readonly population: string;
  readonly color: string;
  /** First row of the band (neuron 0 of the population). */
  readonly offset: number;
  readonly size: number;
  readonly spikes: number;
}

export interface RasterPoints {
  readonly mode: 'points';
  readonly bands: readonly RasterBand[];
  /** Per band: interleaved [t_ms, row, t_ms, row, ...]; neuron k of a band sits at the middle of its row, offset + k + 0.5. */
  readonly data: readonly Float32Array[];
  readonly total: number;
}

export interface RasterDensity {
  readonly mode: 'density';
  readonly bands: readonly RasterBand[];
  /** Per band: interleaved [t_center_ms, row_center, count] of non-empty cells. */
  readonly data: readonly Float32Array[];
  readonly total: number;
  /** Cell size: ms and rows. */
  readonly cellMs: number;
  readonly cellRows: number;
  readonly maxCount: number;
}

export type Raster = RasterPoints | RasterDensity;

function bandsOf(trains: readonly SpikeTrain[], palette?: readonly string[]): RasterBand[] {
  const colors = populationColors(trains.map((t) => t.population), palette);
  let offset = 0;
  return trains.map((t) => {
    const band = { population: t.population, color: colors.get(t.population) ?? POPULATION_PALETTE[11], offset, size: t.size, spikes: t.steps.length };
    offset += t.size;
    return band;
  });
}

export interface RasterView {
  /** Visible time window, ms (default: the whole run). */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** Density grid: cells along time and along neurons (about one cell per 3 pixels). */
  readonly timeBins?: number;
  readonly rowBins?: number;
  /** Population colours (the theme's; default POPULATION_PALETTE). */
  readonly palette?: readonly string[];
}

/**
 * Raster of every population, stacked bottom-up in document order, for the visible window only:
 * one dot per spike up to `threshold` visible spikes, a binned density above it. Zooming in
 * thus brings back single spikes.
 */
export function rasterOf(results: RunResults, threshold = DENSITY_THRESHOLD, view: RasterView = {}): Raster {
  const trains = trainsByPopulation(results);
  const bands = bandsOf(trains, view.palette);
  const dt = results.dt;
  const fromStep = view.fromMs !== undefined ? Math.max(0, Math.floor(view.fromMs / dt)) : 0;
  const toStep = view.toMs !== undefined ? Math.ceil(view.toMs / dt) + 1 : Infinity;
  const ranges = trains.map((t) => {
    const lo = fromStep > 0 ? lowerBound(t.steps, fromStep) : 0;
    const hi = Number.isFinite(toStep) ? lowerBound(t.steps, toStep) : t.steps.length;
    return [lo, hi] as const;
  });
  const total = ranges.reduce((a, [lo, hi]) => a + hi - lo, 0);
  if (total <= threshold) {
    const data = trains.map((t, k) => {
      const [lo, hi] = ranges[k];
      const out = new Float32Array((hi - lo) * 2);
      const off = bands[k].offset;
      for (let i = lo; i < hi; i++) {
        out[2 * (i - lo)] = t.steps[i] * dt;
        out[2 * (i - lo) + 1] = off + t.ids[i] + 0.5;
      }
      return out;
    });
    return { mode: 'points', bands, data, total };
  }
  const timeBins = view.timeBins ?? 400;
  const rowBins = view.rowBins ?? 120;
  const rows = Math.max(1, bands.reduce((a, b) => a + b.size, 0));
  const startMs = fromStep * dt;
  const endMs = Math.min(Number.isFinite(toStep) ? toStep * dt : Infinity, Math.max(dt, results.steps * dt));
  const cellMs = Math.max(dt, (endMs - startMs) / timeBins);
  const cellRows = Math.max(1, Math.ceil(rows / rowBins));
  let maxCount = 0;
  const data = trains.map((t, k) => {
    const [lo, hi] = ranges[k];
    const off = bands[k].offset;
    // A dense count grid over the band's row bins (a Map per spike cost ~10 times more on a live redraw).
    const firstRow = Math.floor(off / cellRows);
    const rowCells = Math.floor((off + Math.max(0, t.size - 1)) / cellRows) - firstRow + 1;
    const grid = new Int32Array(rowCells * timeBins);
    let cells = 0;
    for (let i = lo; i < hi; i++) {
      const tb = Math.min(timeBins - 1, Math.floor((t.steps[i] * dt - startMs) / cellMs));
      const key = (Math.floor((off + t.ids[i]) / cellRows) - firstRow) * timeBins + tb;
      if (grid[key]++ === 0) cells++;
    }
    const out = new Float32Array(cells * 3);
    let j = 0;
    for (let key = 0; key < grid.length; key++) {
      const count = grid[key];
      if (count === 0) continue;
      out[j++] = startMs + ((key % timeBins) + 0.5) * cellMs;
      out[j++] = (firstRow + Math.floor(key / timeBins) + 0.5) * cellRows;
      out[j++] = count;
      if (count > maxCount) maxCount = count;
    }
    return out;
  });
  return { mode: 'density', bands, data, total, cellMs, cellRows, maxCount };
}

/** Opacity of a raster's dots: ECharts' default for scatter marks, which the dots drawn as scatter series have. */
export const DOT_OPACITY = 0.8;

/** A raster drawn into pixels: RGBA, row-major from the top left (ImageData's layout). */
export interface RasterPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface RasterPixelsView {
  /** Size of the plot area in device pixels. */
  readonly width: number;
  readonly height: number;
  /** Time window across the width, ms, and rows up the height (rows 0 at the bottom). */
  readonly fromMs: number;
  readonly toMs: number;
  readonly rows: number;
  /** One spike's mark, device pixels (width, height), centred on the spike. */
  readonly mark: readonly [number, number];
  /** Per band, its colour as [r, g, b] (0-255). */
  readonly colors: readonly (readonly [number, number, number])[];
  /** Per band, true when it is hidden (its legend entry switched off): its spikes are left out. */
  readonly hidden?: readonly boolean[];
}

/**
 * The raster's dots as an image: each spike fills its mark, at least one device pixel, centred on
 * the pixel its time and row fall in, in its band's colour at DOT_OPACITY, overlaps darker (a later
 * band's colour over an earlier one's, as ECharts stacks the series). Every spike in the window lights its own pixel, so nothing is lost,
 * and the cost is one write per pixel of a mark instead of ECharts' layout and fillRect per
 * spike (brette-coba's 71 000 spikes; issue 13).
 */
export function rasterPixels(r: RasterPoints, v: RasterPixelsView): RasterPixels {
  const width = Math.max(1, Math.round(v.width));
  const height = Math.max(1, Math.round(v.height));
  const data = new Uint8ClampedArray(width * height * 4);
  const pxPerMs = width / Math.max(1e-9, v.toMs - v.fromMs);
  const pxPerRow = height / Math.max(1, v.rows);
  const mw = Math.max(1, Math.round(v.mark[0]));
  const mh = Math.max(1, Math.round(v.mark[1]));
  // The mark's pixels left of / above the spike's pixel (a 2-px mark covers the pixel and the next).
  const left = (mw - 1) >> 1;
  const up = (mh - 1) >> 1;
  // A mark rounded up to whole pixels (a 1.5-px dot fills 2 × 2) lets less through per pixel, so a
  // pixel is as dark on average as the antialiased dot ECharts draws; overlapping marks darken a
  // pixel as overlapping translucent dots do.
  const through = 1 - DOT_OPACITY * Math.min(1, (Math.max(0, v.mark[0]) * Math.max(0, v.mark[1])) / (mw * mh));
  r.data.forEach((d, k) => {
    if (v.hidden?.[k]) return;
    const [cr, cg, cb] = v.colors[k] ?? [0, 0, 0];
    for (let i = 0; i < d.length; i += 2) {
      const px = Math.floor((d[i] - v.fromMs) * pxPerMs);
      const py = Math.floor(height - d[i + 1] * pxPerRow);
      if (px < 0 || px >= width || py < 0 || py >= height) continue;
      const x0 = Math.max(0, px - left);
      const x1 = Math.min(width, px - left + mw);
      const y1 = Math.min(height, py - up + mh);
      for (let y = Math.max(0, py - up); y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const o = (y * width + x) * 4;
          data[o] = cr;
          data[o + 1] = cg;
          data[o + 2] = cb;
          data[o + 3] = 255 - (255 - data[o + 3]) * through;
        }
      }
    }
  });
  return { width, height, data };
}

/** Density levels: a cell's count maps to one of these opacities (a scatter series or an image's alpha per level). */
export const DENSITY_LEVELS: readonly number[] = [0.2, 0.45, 0.7, 1];

/** The DENSITY_LEVELS index of a cell of `count` spikes when the fullest cell has `maxCount`. */
export function densityLevel(count: number, maxCount: number): number {
  return Math.min(DENSITY_LEVELS.length - 1, Math.floor((count / (maxCount + 1)) * DENSITY_LEVELS.length));
}

/**
 * A density raster's cells as an image: each cell fills its rectangle (time × rows, edge to edge)
 * in its band's colour at its level's opacity. The cost is one write per pixel of the plot at most,
 * not ECharts' layout and fill per cell (brunel-sr's live density: ~19 000 cells a band per redraw).
 */
export function densityPixels(r: RasterDensity, v: Omit<RasterPixelsView, 'mark'>): RasterPixels {
  const width = Math.max(1, Math.round(v.width));
  const height = Math.max(1, Math.round(v.height));
  const data = new Uint8ClampedArray(width * height * 4);
  const pxPerMs = width / Math.max(1e-9, v.toMs - v.fromMs);
  const pxPerRow = height / Math.max(1, v.rows);
  r.data.forEach((d, k) => {
    if (v.hidden?.[k]) return;
    const [cr, cg, cb] = v.colors[k] ?? [0, 0, 0];
    for (let j = 0; j < d.length; j += 3) {
      const alpha = Math.round(255 * DENSITY_LEVELS[densityLevel(d[j + 2], r.maxCount)]);
      const x0 = Math.max(0, Math.floor((d[j] - r.cellMs / 2 - v.fromMs) * pxPerMs));
      const x1 = Math.min(width, Math.ceil((d[j] + r.cellMs / 2 - v.fromMs) * pxPerMs));
      const y0 = Math.max(0, Math.floor(height - (d[j + 1] + r.cellRows / 2) * pxPerRow));
      const y1 = Math.min(height, Math.ceil(height - (d[j + 1] - r.cellRows / 2) * pxPerRow));
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const o = (y * width + x) * 4;
          data[o] = cr;
          data[o + 1] = cg;
          data[o + 2] = cb;
          data[o + 3] = Math.max(data[o + 3], alpha);
        }
      }
    }
  });
  return { width, height, data };
}

/** First index whose value is >= x in a sorted array (spike steps are in time order). */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Average consecutive blocks so a curve has at most `maxPoints` points; returns [t_ms, value] pairs. */
export function thinCurve(values: ArrayLike<number>, dt: number, maxPoints = MAX_CURVE_POINTS, startStep = 0): [number, number][] {
  const n = values.length;
  const block = Math.max(1, Math.ceil(n / maxPoints));
  const out: [number, number][] = [];
  for (let i = 0; i < n; i += block) {
    const end = Math.min(n, i + block);
    let s = 0;
    for (let k = i; k < end; k++) s += values[k];
    out.push([(startStep + (i + end - 1) / 2) * dt, s / (end - i)]);
  }
  return out;
}

export interface RateCurve {
  readonly population: string;
  readonly color: string;
  /** [t_ms, rate_Hz] pairs. */
  readonly points: [number, number][];
}

/** Smoothed population rate (Hz per neuron) of each population, thinned for drawing. */
export function rateCurves(results: RunResults, windowMs: number, maxPoints = MAX_CURVE_POINTS, palette?: readonly string[]): RateCurve[] {
  const trains = trainsByPopulation(results);
  const colors = populationColors(trains.map((t) => t.population), palette);
  return trains.map((t) => ({
    population: t.population,
    color: colors.get(t.population) ?? POPULATION_PALETTE[11],
    points: thinCurve(populationRate(t, results.steps, results.dt, windowMs), results.dt, maxPoints),
  }));
}

export interface VoltageCurve {
  readonly label: string;
  /** [t_ms, value] pairs. */
  readonly points: [number, number][];
}

/** One curve per recorded neuron of a state trace (at most `maxNeurons`), thinned by sampling. */
export function traceCurves(trace: StateTrace, dt: number, maxNeurons = 8, maxPoints = 4000): VoltageCurve[] {
  const n = trace.neurons.length;
  const samples = trace.steps.length;
  const stride = Math.max(1, Math.ceil(samples / maxPoints));
  const curves: VoltageCurve[] = [];
  for (let j = 0; j < Math.min(n, maxNeurons); j++) {
    const points: [number, number][] = [];
    for (let s = 0; s < samples; s += stride) points.push([trace.steps[s] * dt, trace.values[s * n + j]]);
    curves.push({ label: `${trace.population}[${trace.neurons[j]}]`, points });
  }
  return curves;
}

export interface IsiHistogram {
  /** Left edge of each bin, ms. */
  readonly edges: Float64Array;
  readonly counts: Int32Array;
  readonly binMs: number;
  /** Mean ISI CV over neurons with >= 3 spikes (null if none). */
  readonly cv: number | null;
  readonly intervals: number;
}

/** Histogram of inter-spike intervals (ms) pooled over a population's neurons. */
export function isiHistogram(train: SpikeTrain, dt: number, bins = 50): IsiHistogram {
  const last = new Int32Array(train.size).fill(-1);
  // Typed, preallocated: this runs on every live redraw, over every spike so far.
  const isis = new Float64Array(train.steps.length);
  let n = 0;
  let max = 0;
  for (let i = 0; i < train.steps.length; i++) {
    const id = train.ids[i];
    if (last[id] >= 0) {
      const x = (train.steps[i] - last[id]) * dt;
      isis[n++] = x;
      if (x > max) max = x;
    }
    last[id] = train.steps[i];
  }
  const binMs = max > 0 ? max / bins : dt;
  const counts = new Int32Array(bins);
  for (let k = 0; k < n; k++) counts[Math.min(bins - 1, Math.floor(isis[k] / binMs))]++;
  const edges = Float64Array.from({ length: bins }, (_, k) => k * binMs);
  return { edges, counts, binMs, cv: isiCv(train), intervals: n };
}

/** Largest frequency the spectrum plot shows, Hz. */
export const SPECTRUM_MAX_HZ = RATE_SPECTRUM_MAX_HZ;

export interface RateSpectrum {
  readonly population: string;
  /** [Hz, power (Hz²/Hz)] up to SPECTRUM_MAX_HZ, without the 0 Hz bin. */
  readonly points: [number, number][];
  /** Frequency of the largest power above 5 Hz, or null. */
  readonly peakHz: number | null;
}

/**
 * Power spectra of each population's rate (spikes per step in Hz), Welch-averaged with ~200 ms
 * segments so a few hundred ms of run already show a rhythm such as PING's gamma peak.
 */
export function rateSpectra(results: RunResults): RateSpectrum[] {
  const dt = results.dt;
  return trainsByPopulation(results).map((train) => {
    const perStep = spikesPerStep(train, results.steps);
    const scale = train.size > 0 ? 1000 / (dt * train.size) : 0;
    const rate = Float64Array.from(perStep, (c) => c * scale);
    const { spectrum: s, peakHz } = rateSpectrum(rate, dt);
    const points: [number, number][] = [];
    for (let k = 1; k < s.freqHz.length && s.freqHz[k] <= SPECTRUM_MAX_HZ; k++) points.push([s.freqHz[k], s.power[k]]);
    return { population: train.population, points, peakHz };
  });
}
