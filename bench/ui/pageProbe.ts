/**
 * What the UI benchmark and the live end-to-end test read from the page: a probe installed before
 * the app loads records, with the page's own clock, every raster redraw (the plots write
 * data-render-ms on each draw) with the spike count shown then, the run panel's status and
 * phase changes, and the app's performance marks (snn-run-start, snn-build-start,
 * snn-run-started, snn-run-done). Times are ms of performance.now() in the page.
 */

/** One raster redraw: when it was painted and how many spikes the plots held then. */
export interface RedrawSample {
  readonly t: number;
  readonly spikes: number;
  readonly live: boolean;
  readonly renderMs: number;
}

/** A change of the run panel's data-status or the progress line's data-phase / data-build-fraction. */
export interface StateSample {
  readonly t: number;
  readonly status: string;
  readonly phase: string;
  readonly buildFraction: number;
}

export interface ProbeRecord {
  readonly redraws: RedrawSample[];
  readonly states: StateSample[];
  readonly marks: { readonly name: string; readonly t: number }[];
}

/**
 * Source of the probe, run in the page by addInitScript. Plain JavaScript in a string: a function
 * compiled by tsx would carry helpers (__name) that do not exist in the page.
 */
export const PROBE_SCRIPT = `(() => {
  const record = { redraws: [], states: [], marks: [] };
  globalThis.__snnProbe = record;
  const start = () => {
    const observer = new MutationObserver((changes) => {
      const now = performance.now();
      for (const c of changes) {
        const el = c.target;
        if (c.attributeName === 'data-render-ms' && el.matches('[data-testid="chart-raster"]')) {
          const plots = el.closest('[data-testid="plots"]');
          record.redraws.push({
            t: now,
            spikes: Number(plots?.getAttribute('data-spikes') ?? 0),
            live: plots?.getAttribute('data-live') === 'yes',
            renderMs: Number(el.getAttribute('data-render-ms')),
          });
        } else if (el.matches('[data-testid="run-panel"], [data-testid="run-progress"]')) {
          const panel = document.querySelector('[data-testid="run-panel"]');
          const progress = document.querySelector('[data-testid="run-progress"]');
          const last = record.states[record.states.length - 1];
          const s = { t: now, status: panel?.getAttribute('data-status') ?? '', phase: progress?.getAttribute('data-phase') ?? '', buildFraction: Number(progress?.getAttribute('data-build-fraction') ?? 0) };
          if (!last || last.status !== s.status || last.phase !== s.phase || last.buildFraction !== s.buildFraction) record.states.push(s);
        }
      }
    });
    observer.observe(document.documentElement, { subtree: true, attributes: true, attributeFilter: ['data-render-ms', 'data-status', 'data-phase', 'data-build-fraction'] });
  };
  if (document.documentElement) start();
  else addEventListener('DOMContentLoaded', start);
})();`;

/** Read the probe's record and the app's marks (call from Node with page.evaluate). */
export function readProbe(): ProbeRecord {
  const g = globalThis as unknown as { __snnProbe: ProbeRecord; performance: { getEntriesByType(t: string): { name: string; startTime: number }[] } };
  const marks = g.performance.getEntriesByType('mark').filter((m) => m.name.startsWith('snn-')).map((m) => ({ name: m.name, t: m.startTime }));
  return { redraws: [...g.__snnProbe.redraws], states: [...g.__snnProbe.states], marks };
}

/** Forget what was recorded (between runs in one page). */
export function resetProbe(): void {
  const g = globalThis as unknown as { __snnProbe: ProbeRecord; performance: { clearMarks(): void } };
  g.__snnProbe.redraws.length = 0;
  g.__snnProbe.states.length = 0;
  g.performance.clearMarks();
}

/** The timings of one run, from its probe record. */
export interface RunTimings {
  /** Run pressed -> the engine reported the network built and instantiated ('started'), ms. */
  readonly buildMs: number | null;
  /** Build end -> the first raster redraw showing spikes, ms. */
  readonly firstSpikeMs: number | null;
  /** Whether that first drawing happened while the run was still live. */
  readonly firstSpikeLive: boolean;
  /** Intervals between live raster redraws after the first spikes (and to the final draw), ms. */
  readonly redrawIntervals: number[];
  /** Raster draw times of those live redraws (setOption to the next frame, the chart's data-render-ms), ms. */
  readonly liveDrawMs: number[];
  /** Run pressed -> done, ms. */
  readonly totalMs: number | null;
  /** Whether the run panel showed the building phase. */
  readonly sawBuilding: boolean;
  /** Distinct build fractions the panel showed. */
  readonly buildSteps: number;
}

const markAt = (r: ProbeRecord, name: string): number | null => r.marks.find((m) => m.name === name)?.t ?? null;

export function timingsOf(r: ProbeRecord): RunTimings {
  const start = markAt(r, 'snn-run-start');
  const started = markAt(r, 'snn-run-started');
  const done = markAt(r, 'snn-run-done');
  const first = r.redraws.find((d) => d.spikes > 0 && (started === null || d.t >= started));
  const from = first?.t ?? Infinity;
  const draws = r.redraws.filter((d) => d.t >= from && (d.live || done === null || d.t <= done + 1000));
  // Live draws, then the first full-quality draw after done (the end of the live period).
  const until = draws.findIndex((d) => !d.live);
  const seq = until >= 0 ? draws.slice(0, until + 1) : draws;
  const redrawIntervals = seq.slice(1).map((d, k) => d.t - seq[k].t);
  const building = r.states.filter((s) => s.phase === 'building');
  return {
    buildMs: start !== null && started !== null ? started - start : null,
    firstSpikeMs: first && started !== null ? first.t - started : null,
    firstSpikeLive: first?.live ?? false,
    redrawIntervals,
    liveDrawMs: seq.filter((d) => d.live).map((d) => d.renderMs),
    totalMs: start !== null && done !== null ? done - start : null,
    sawBuilding: building.length > 0,
    buildSteps: new Set(building.map((s) => s.buildFraction)).size,
  };
}
