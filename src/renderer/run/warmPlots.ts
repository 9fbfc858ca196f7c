/**
 * A throwaway raster and rate chart drawn off screen while the app is idle after start, so the
 * first Run's plots find ECharts' code (options, large scatter, lines, zoom) already compiled.
 * Without it the first plots of a 7-spike run took 1.2 s from setOption to the next frame
 * (Chromium on the shared, heavily loaded 2-core machine, read with bench/ui's page probe).
 */
import type { RunResults } from '../../shared/results';
import { echarts } from '../plots/echarts';
import { RASTER_IMAGE_FROM, rasterOption, ratesOption } from '../plots/options';
import { paintPixels } from '../plots/paintPixels';
import { LIGHT_FALLBACK } from '../plots/plotTheme';
import { rasterOf, rateCurves } from '../plots/shaping';


/** `n` spikes of each of two populations: a few hundred take every path of a small raster, RASTER_IMAGE_FROM those of an image. */
function sample(n = 400): RunResults {
  const steps = Int32Array.from({ length: n }, (_, k) => Math.floor((k * 2000) / n));
  const ids = Int32Array.from({ length: n }, (_, k) => (k * 37) % 50);
  return {
    dt: 0.1, seed: 1, backend: 'typed', steps: 2000,
    spikes: [
      { monitor: 'a', population: 'E', size: 50, steps, ids },
      { monitor: 'b', population: 'I', size: 50, steps, ids },
    ],
    traces: [], counts: [],
  };
}

/** How long the throwaway charts live: ECharts paints in later frames, and disposing before that throws. */
const WARM_CHART_LIFETIME_MS = 2000;

export function warmPlots(): void {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;left:-10000px;top:0;width:800px;height:600px;pointer-events:none';
  document.body.appendChild(host);
  const charts: echarts.ECharts[] = [];
  try {
    const results = sample();
    const image = { paint: paintPixels, pixelRatio: window.devicePixelRatio || 1, fromMs: 0, toMs: 200 };
    const many = rasterOption(rasterOf(sample(RASTER_IMAGE_FROM)), 200, LIGHT_FALLBACK, false, { width: 800, height: 300 }, 200, image);
    for (const option of [rasterOption(rasterOf(results), 200, LIGHT_FALLBACK), rasterOption(rasterOf(results, 10), 200, LIGHT_FALLBACK), many, ratesOption(rateCurves(results, 10), [], 10, 200, LIGHT_FALLBACK)]) {
      const node = document.createElement('div');
      node.style.cssText = 'width:800px;height:300px';
      host.appendChild(node);
      const chart = echarts.init(node, undefined, { renderer: 'canvas' });
      charts.push(chart);
      chart.setOption(option);
    }
  } finally {
    setTimeout(() => {
      for (const c of charts) c.dispose();
      host.remove();
      performance.mark('snn-plots-warm');
    }, WARM_CHART_LIFETIME_MS);
  }
}
