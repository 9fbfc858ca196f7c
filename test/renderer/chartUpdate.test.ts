/**
 * What a chart sends to ECharts on a redraw (chartUpdate.ts): the whole option first, then only
 * what changed, the series merged by id; and a run's live redraws sent that way draw exactly what
 * the whole option of the same moment draws (real ECharts, server-side SVG).
 */
import { describe, expect, it } from 'vitest';
import { chartUpdate, holdTitle, sameValue } from '../../src/renderer/plots/chartUpdate';
import { echarts, type Option } from '../../src/renderer/plots/echarts';
import { rasterOption, ratesOption } from '../../src/renderer/plots/options';
import { LIGHT_FALLBACK } from '../../src/renderer/plots/plotTheme';
import { rasterOf, rateCurves, type RasterPixels } from '../../src/renderer/plots/shaping';
import type { RunResults } from '../../src/shared/results';

describe('sameValue', () => {
  it('compares plain values deeply and typed arrays by identity', () => {
    const data = Float32Array.from([1, 2]);
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(sameValue({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue(data, data)).toBe(true);
    expect(sameValue(data, Float32Array.from([1, 2]))).toBe(false);
  });
});

describe('chartUpdate', () => {
  const base = {
    title: { text: '10 spikes' },
    xAxis: { type: 'value', max: 100 },
    series: [
      { type: 'scatter', id: 'a', data: Float32Array.from([1, 1]), symbolSize: [2, 2] },
      { type: 'scatter', id: 'b', data: Float32Array.from([2, 2]), symbolSize: [2, 2] },
    ],
  };

  it('sends the whole option, series replaced, before anything was drawn', () => {
    expect(chartUpdate(null, base)).toEqual({ option: base, replaceSeries: true });
  });

  it('sends nothing when nothing changed (equal values in new objects included)', () => {
    const again = { ...base, title: { text: '10 spikes' }, series: base.series.map((s) => ({ ...s, symbolSize: [2, 2] })) };
    expect(chartUpdate(base, again)).toBeNull();
  });

  it('a live redraw sends the new title and only the data of the series that changed, merged by id', () => {
    const data = Float32Array.from([1, 1, 3, 3]);
    const next = { ...base, title: { text: '12 spikes' }, series: [{ ...base.series[0], data }, { ...base.series[1] }] };
    const u = chartUpdate(base, next);
    expect(u).not.toBeNull();
    expect(u!.replaceSeries).toBe(false);
    expect(Object.keys(u!.option).sort()).toEqual(['series', 'title']);
    expect(u!.option.series).toEqual([{ id: 'a', data }]);
    expect((u!.option.series as { data: unknown }[])[0].data).toBe(data);
  });

  it('replaces the series when their ids differ, one lacks an id, or a field went away', () => {
    const otherIds = { ...base, series: [base.series[0], { ...base.series[1], id: 'c' }] };
    expect(chartUpdate(base, otherIds)).toEqual({ option: otherIds, replaceSeries: true });
    const fewer = { ...base, series: [base.series[0]] };
    expect(chartUpdate(base, fewer)?.replaceSeries).toBe(true);
    const noIds = { ...base, series: base.series.map(({ id: _id, ...s }) => s) };
    expect(chartUpdate(noIds, { ...noIds, series: noIds.series.map((s) => ({ ...s, data: Float32Array.from([0, 0]) })) })?.replaceSeries).toBe(true);
    const lost = { ...base, series: [{ ...base.series[0], symbolSize: undefined as unknown as number[] }, base.series[1]].map(({ symbolSize, ...s }, i) => (i === 0 ? s : { ...s, symbolSize })) };
    expect(chartUpdate(base, lost)?.replaceSeries).toBe(true);
    const noTitle = { xAxis: base.xAxis, series: base.series };
    expect(chartUpdate(base, noTitle)).toEqual({ option: noTitle, replaceSeries: true });
  });
});

/** A run of two populations whose spikes grow chunk by chunk (seeded, deterministic). */
function runUpTo(toStep: number): RunResults {
  const spikes = ['E', 'I'].map((population, p) => {
    const size = p === 0 ? 3200 : 800;
    const steps: number[] = [];
    const ids: number[] = [];
    let s = 12345 + p;
    for (let step = 0; step < toStep; step++) {
      for (let k = 0; k < 4 + p; k++) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        if (s % 3 === 0) {
          steps.push(step);
          ids.push(s % size);
        }
      }
    }
    return { monitor: `${population} spikes`, population, size, steps: Int32Array.from(steps), ids: Int32Array.from(ids) };
  });
  return { dt: 0.1, seed: 1, backend: 'typed', steps: toStep, spikes, traces: [], counts: [] };
}

/** The SVG without zrender's per-instance names (class zr<instance>-cls-<n>, clip paths zr<instance>-c<n>), which differ between two charts of one picture. */
const normalised = (svg: string): string => svg.replace(/ class="zr\d+-cls-\d+"/g, '').replace(/zr\d+-cls-\d+/g, 'cls').replace(/zr\d+-c(\d+)/g, 'clip$1');

/** Send `options` one after the other as the Chart does (first whole, then chartUpdate's patches); the SVG of each step. */
function drawSequence(options: readonly Option[]): string[] {
  const c = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 1000, height: 300 });
  const out: string[] = [];
  try {
    let sent: Option | null = null;
    for (const o of options) {
      const u = chartUpdate(sent, o);
      if (u) c.setOption(u.option, u.replaceSeries ? { replaceMerge: ['series'] } : {});
      sent = o;
      out.push(normalised(c.renderToSVGString()));
    }
  } finally {
    c.dispose();
  }
  return out;
}

const wholeSvg = (o: Option): string => drawSequence([o])[0];

describe('live redraws sent as patches', () => {
  const area = { width: 1000, height: 300 };
  it('draw the same raster (points, then coarse density, then the final points) and rates as the whole option', () => {
    const moments = [300, 900, 4000, 7000, 10_000];
    const rasters = moments.map((to, k) => {
      const live = k < moments.length - 1;
      const r = rasterOf(runUpTo(to), live ? 10_000 : undefined, live ? { timeBins: 240, rowBins: 80 } : {});
      return rasterOption(r, 1000, LIGHT_FALLBACK, false, area);
    });
    // The sequence takes the density path in the middle (the case that matters: many series merged by id).
    expect(rasters.map((o) => ((o.series as { id: string }[])[0].id.split(':')[0]))).toEqual(['spikes', 'spikes', 'density', 'density', 'spikes']);
    const patched = drawSequence(rasters);
    rasters.forEach((o, k) => expect(patched[k]).toBe(wholeSvg(o)));

    const rates = moments.map((to) => ratesOption(rateCurves(runUpTo(to), 10), [], 10, 1000, LIGHT_FALLBACK));
    const patchedRates = drawSequence(rates);
    rates.forEach((o, k) => expect(patchedRates[k]).toBe(wholeSvg(o)));
  });
});

describe('a live raster drawn as an image into one canvas', () => {
  const area = { width: 1000, height: 300 };
  it('is the same option from one live redraw to the next but for its title, dots or density alike; the pixels change', () => {
    // One object stands for the page's canvas (canvasPainter): every paint goes into it.
    const canvas = { painted: [] as RasterPixels[] };
    const image = { paint: (px: RasterPixels) => (canvas.painted.push(px), canvas), pixelRatio: 1, fromMs: 0, toMs: 1000 };
    const live = (to: number) => rasterOption(rasterOf(runUpTo(to), 10_000, { timeBins: 240, rowBins: 80 }), 1000, LIGHT_FALLBACK, false, area, 1000, image);
    const [a, b, c] = [2000, 2600, 4000].map(live);
    expect(chartUpdate(a, b)).toEqual({ option: { title: b.title }, replaceSeries: false });
    // 2600 steps are dots (under 10 000 spikes), 4000 a density: still the same series.
    expect(rasterOf(runUpTo(2600), 10_000).mode).toBe('points');
    expect(rasterOf(runUpTo(4000), 10_000).mode).toBe('density');
    expect(chartUpdate(b, c)).toEqual({ option: { title: c.title }, replaceSeries: false });
    expect(canvas.painted).toHaveLength(3);
    const lit = (px: RasterPixels): number => px.data.filter((x, i) => i % 4 === 3 && x > 0).length;
    expect(lit(canvas.painted[1])).toBeGreaterThan(lit(canvas.painted[0]));
    // A zoom is a change of the image's window: its series data, merged by id.
    const zoomed = rasterOption(rasterOf(runUpTo(4000), 10_000, { fromMs: 100, toMs: 300 }), 1000, LIGHT_FALLBACK, false, area, 200, { ...image, fromMs: 100, toMs: 300 });
    expect((chartUpdate(c, zoomed)?.option.series as { id: string; data: unknown }[]).map((x) => [x.id, x.data])).toEqual([['spikes:image', [[100, 300, 4000]]]]);
  });

  it('holds a change of the title alone back while live, until everyMs since the last setOption', () => {
    const title = { option: { title: { text: '12 spikes' } }, replaceSeries: false };
    expect(holdTitle(title, true, 100, 1000)).toBe(true);
    expect(holdTitle(title, true, 1000, 1000)).toBe(false);
    expect(holdTitle(title, false, 100, 1000)).toBe(false);
    expect(holdTitle({ option: { title: { text: 'x' }, series: [] }, replaceSeries: false }, true, 100, 1000)).toBe(false);
    expect(holdTitle({ option: { title: { text: 'x' } }, replaceSeries: true }, true, 100, 1000)).toBe(false);
    expect(holdTitle(null, true, 100, 1000)).toBe(false);
  });
});
