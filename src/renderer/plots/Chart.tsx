/**
 * One ECharts instance with export buttons (PNG, SVG, CSV). Time charts join TIME_GROUP, so a
 * zoom in one zooms all. The time of the last redraw is written to data-render-ms for the
 * benchmark and the end-to-end tests. Whatever fails in ECharts (an update, a resize, a paint
 * on zrender's own animation frame) is thrown into React's render, where the plot's
 * PlotBoundary catches it: a failing chart never throws into the rest of the page.
 *
 * A live redraw costs what setOption costs: ECharts renders every component again (axes, legend,
 * title, zoom slider) whatever changed (bench/ui/BREAKDOWN.md). So a chart whose image was painted
 * again in place (imageVersion) and whose option did not change only repaints that image, and
 * while live a change of the title alone (the raster's spike count) waits up to LIVE_TITLE_MS.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { echarts, repaintImages, type Option } from './echarts';
import { downloadText, downloadUrl } from './download';
import { chartUpdate, holdTitle, LIVE_TITLE_MS } from './chartUpdate';

export interface ChartProps {
  readonly name: string;
  readonly option: Option;
  readonly group?: string;
  readonly height: number;
  readonly csv?: () => string;
  /** Option for the SVG export when the on-screen one is too heavy for SVG (a 1M-dot raster). */
  readonly svgOption?: () => Option;
  /** Told the visible x range (null: all) after a zoom, and the chart's pixel size after a resize. */
  readonly onView?: (view: { range: [number, number] | null; width: number; height: number }) => void;
  /** Told the legend's selection (name -> shown) after the user toggles an entry. */
  readonly onLegend?: (selected: Readonly<Record<string, boolean>>) => void;
  /**
   * Changes when an image the option draws (a canvas of paintPixels.ts canvasPainter) was painted
   * again in place: the chart then repaints it even when the option is the same object's equal.
   */
  readonly imageVersion?: number;
  /** A run goes on: a change of the title alone is sent at most every LIVE_TITLE_MS. */
  readonly live?: boolean;
}


export function Chart({ name, option, group, height, csv, svgOption, onView, onLegend, imageVersion = 0, live = false }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const initialised = useRef(false);
  const background = useRef<unknown>(undefined);
  /** The option ECharts has now (without dataZoom): what the next update is compared with. */
  const sent = useRef<Option | null>(null);
  /** The imageVersion drawn, and when setOption was last called (page ms). */
  const drawnImage = useRef(imageVersion);
  const lastSet = useRef(-Infinity);
  const viewListener = useRef(onView);
  viewListener.current = onView;
  const legendListener = useRef(onLegend);
  legendListener.current = onLegend;
  const [failure, setFailure] = useState<Error | null>(null);
  const fail = useCallback((e: unknown) => setFailure((f) => f ?? (e instanceof Error ? e : new Error(String(e)))), []);

  useEffect(() => {
    const node = el.current;
    if (!node) return;
    const c = echarts.init(node, undefined, { renderer: 'canvas' });
    guardPaint(c, fail);
    if (group) {
      c.group = group;
      echarts.connect(group);
    }
    chart.current = c;
    initialised.current = false;
    sent.current = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const report = (): void => {
      clearTimeout(timer);
      // Debounced: a wheel zoom fires many events; the plots re-shape once it settles.
      timer = setTimeout(() => {
        if (c.isDisposed()) return;
        const dz = (c.getOption() as { dataZoom?: { start?: number; end?: number; startValue?: number; endValue?: number }[] }).dataZoom?.[0];
        const whole = !dz || ((dz.start ?? 0) <= 0 && (dz.end ?? 100) >= 100);
        const range: [number, number] | null = whole || dz.startValue === undefined || dz.endValue === undefined ? null : [dz.startValue, dz.endValue];
        viewListener.current?.({ range, width: c.getWidth(), height: c.getHeight() });
      }, 120);
    };
    c.on('datazoom', report);
    c.on('legendselectchanged', (e) => legendListener.current?.((e as { selected: Record<string, boolean> }).selected));
    const ro = new ResizeObserver(() => {
      try {
        c.resize();
        report();
      } catch (e) {
        fail(e);
      }
    });
    ro.observe(node);
    return () => {
      clearTimeout(timer);
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [group, fail]);

  useEffect(() => {
    const c = chart.current;
    const node = el.current;
    if (!c || !node) return;
    const t0 = performance.now();
    // After the first draw, leave dataZoom out so an update never resets the user's zoom; a new
    // theme (another background) brings its slider colours with the zoom range kept. Later draws
    // send only what changed (chartUpdate.ts): a live redraw merges new data into the series.
    const { dataZoom, ...rest } = option as Option & { dataZoom?: object[] };
    const themed = initialised.current && dataZoom !== undefined && rest.backgroundColor !== background.current;
    background.current = rest.backgroundColor;
    const update = initialised.current ? chartUpdate(sent.current, rest) : { option, replaceSeries: true };
    const repaint = initialised.current && imageVersion !== drawnImage.current;
    drawnImage.current = imageVersion;
    // While live, the title alone (the spike count) is held back unless it has waited LIVE_TITLE_MS.
    const hold = !themed && holdTitle(update, live, t0 - lastSet.current, LIVE_TITLE_MS);
    const sets = themed || (update !== null && !hold);
    try {
      if (themed) c.setOption({ ...(update?.option ?? {}), dataZoom: keepRange(c, dataZoom) }, update?.replaceSeries ? { replaceMerge: ['series'] } : {});
      else if (sets && update) c.setOption(update.option, update.replaceSeries ? { replaceMerge: ['series'] } : {});
      if (repaint) repaintImages(c);
    } catch (e) {
      fail(e);
      return;
    }
    // A held title is not what ECharts has: the next update compares with the title it has.
    sent.current = hold && sent.current ? { ...rest, title: (sent.current as { title?: unknown }).title } : rest;
    if (sets) lastSet.current = t0;
    if (!sets && !repaint) return;
    initialised.current = true;
    // setOption renders synchronously for non-progressive series; measure to the end of the frame.
    requestAnimationFrame(() => node.setAttribute('data-render-ms', (performance.now() - t0).toFixed(1)));
  }, [option, imageVersion, live]);

  // Rethrown during render so the PlotBoundary around this chart shows it.
  if (failure) throw failure;

  const png = (): void => {
    const c = chart.current;
    if (c) downloadUrl(`${name}.png`, c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: String((option as { backgroundColor?: string }).backgroundColor ?? '#fff') }));
  };
  const svg = (): void => {
    const node = el.current;
    if (!node) return;
    const s = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: node.clientWidth || 800, height });
    s.setOption(svgOption ? svgOption() : option);
    downloadText(`${name}.svg`, s.renderToSVGString(), 'image/svg+xml');
    s.dispose();
  };

  return (
    <figure className="plot" data-testid={`plot-${name}`}>
      <div className="plot-tools">
        <button type="button" onClick={png} data-testid={`export-${name}-png`}>PNG</button>
        <button type="button" onClick={svg} data-testid={`export-${name}-svg`}>SVG</button>
        {csv && <button type="button" onClick={() => downloadText(`${name}.csv`, csv(), 'text/csv')} data-testid={`export-${name}-csv`}>CSV</button>}
      </div>
      <div ref={el} className="plot-canvas" style={{ height }} data-testid={`chart-${name}`} />
    </figure>
  );
}

/** The dataZoom entries with the range the user has now (start and end in %). */
function keepRange(c: echarts.ECharts, dataZoom: readonly object[]): object[] {
  const now = (c.getOption() as { dataZoom?: { start?: number; end?: number }[] }).dataZoom ?? [];
  return dataZoom.map((d, i) => ({ ...d, start: now[i]?.start ?? 0, end: now[i]?.end ?? 100 }));
}

/**
 * zrender paints on its own animation frame, outside React: an exception there would repeat on
 * every frame and never reach the plot's error boundary. The chart's painter reports it instead.
 */
function guardPaint(c: echarts.ECharts, fail: (e: unknown) => void): void {
  const painter = c.getZr().painter as { refresh(opts?: unknown): unknown };
  const refresh = painter.refresh.bind(painter);
  let failed = false;
  painter.refresh = (opts?: unknown) => {
    if (failed) return undefined;
    try {
      return refresh(opts);
    } catch (e) {
      failed = true;
      fail(e);
      return undefined;
    }
  };
}
