/** ECharts with only the charts and components the plots use (keeps the bundle small). */
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, ToolboxComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

echarts.use([ScatterChart, CustomChart, LineChart, BarChart, GridComponent, TooltipComponent, DataZoomComponent, LegendComponent, MarkLineComponent, TitleComponent, ToolboxComponent, CanvasRenderer, SVGRenderer]);

export { echarts };
export type Option = echarts.EChartsCoreOption;
/** Charts sharing a time axis join this group: zooming one zooms all. */
export const TIME_GROUP = 'snn-time';

/**
 * Repaint the chart's images in place: their canvases were painted again, the elements drawing them
 * are the same. zrender repaints a layer when one of its elements is marked; the paint follows on
 * zrender's next frame (through the guarded painter).
 */
export function repaintImages(c: echarts.ECharts): void {
  const zr = c.getZr();
  for (const el of zr.storage.getDisplayList()) if (el.type === 'image') el.markRedraw();
  zr.refresh();
}
