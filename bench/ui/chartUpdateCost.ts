/**
 * CPU cost of a run's live redraws in ECharts (model, layout, component render; SSR, so no paint):
 * a brette-coba-like raster (4000 neurons, ~60 spikes per ms) and its rates redrawn every 20 ms of
 * simulated time, each redraw sent whole (series replaced, as before chartUpdate.ts) or as
 * chartUpdate's patch. Process CPU time, so a loaded machine inflates it less than wall time.
 *
 *   npx tsx bench/ui/chartUpdateCost.ts [--reps 3]
 */
import { cpuUsage } from 'node:process';
import { chartUpdate } from '../../src/renderer/plots/chartUpdate';
import { echarts, type Option } from '../../src/renderer/plots/echarts';
import { rasterOption, ratesOption } from '../../src/renderer/plots/options';
import { LIGHT_FALLBACK } from '../../src/renderer/plots/plotTheme';
import { rasterOf, rateCurves } from '../../src/renderer/plots/shaping';
import type { RunResults } from '../../src/shared/results';

const args = process.argv.slice(2);
const REPS = Number(args[args.indexOf('--reps') + 1] || 3);

function runUpTo(toStep: number): RunResults {
  const spikes = [['E', 3200], ['I', 800]].map(([population, size], p) => {
    const steps: number[] = [];
    const ids: number[] = [];
    let s = 99 + p;
    for (let step = 0; step < toStep; step++) {
      for (let k = 0; k < (p === 0 ? 5 : 2); k++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        steps.push(step);
        ids.push(s % (size as number));
      }
    }
    return { monitor: `${population}`, population: population as string, size: size as number, steps: Int32Array.from(steps), ids: Int32Array.from(ids) };
  });
  return { dt: 0.1, seed: 1, backend: 'typed', steps: toStep, spikes, traces: [], counts: [] };
}

const area = { width: 1300, height: 300 };
const moments = Array.from({ length: 12 }, (_, k) => 800 + k * 200);
const raster = moments.map((to) => rasterOption(rasterOf(runUpTo(to), 10_000, { timeBins: 240, rowBins: 60 }), 1000, LIGHT_FALLBACK, false, area));
const rates = moments.map((to) => ratesOption(rateCurves(runUpTo(to), 10), [], 10, 1000, LIGHT_FALLBACK));

function cost(options: readonly Option[], patched: boolean): number {
  const c = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: area.width, height: area.height });
  let sent: Option | null = null;
  let cpu = 0;
  for (const o of options) {
    const t = cpuUsage();
    if (!patched || sent === null) {
      const { dataZoom: _z, ...rest } = o as Option & { dataZoom?: unknown };
      c.setOption(sent === null ? o : rest, { replaceMerge: ['series'] });
    } else {
      const u = chartUpdate(sent, o);
      if (u) c.setOption(u.option, u.replaceSeries ? { replaceMerge: ['series'] } : {});
    }
    const d = cpuUsage(t);
    if (sent !== null) cpu += (d.user + d.system) / 1000;
    sent = o;
  }
  c.dispose();
  return cpu / (options.length - 1);
}

for (let r = 0; r < REPS; r++) {
  for (const [name, opts] of [['raster', raster], ['rates', rates]] as const) {
    console.log(`${name}: whole ${cost(opts, false).toFixed(1)} ms, patch ${cost(opts, true).toFixed(1)} ms CPU per redraw`);
  }
}
