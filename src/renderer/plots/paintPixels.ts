/** A raster's pixels as a canvas ECharts draws as an image (options.ts RasterImage; the page only). */
import type { RasterPixels } from './shaping';

export function paintPixels(px: RasterPixels): HTMLCanvasElement {
  return paintInto(document.createElement('canvas'), px);
}

function paintInto(canvas: HTMLCanvasElement, px: RasterPixels): HTMLCanvasElement {
  if (canvas.width !== px.width) canvas.width = px.width;
  if (canvas.height !== px.height) canvas.height = px.height;
  // putImageData replaces every pixel (transparent ones too): nothing of the last image is left.
  canvas.getContext('2d')?.putImageData(new ImageData(px.data as Uint8ClampedArray<ArrayBuffer>, px.width, px.height), 0, 0);
  return canvas;
}

/** A painter that draws every image into the same canvas, and counts its paints. */
export interface CanvasPainter {
  readonly paint: (px: RasterPixels) => HTMLCanvasElement;
  /** Paints so far: a chart repaints its image in place when this changes and its option did not. */
  readonly paints: () => number;
}

/**
 * One canvas for a chart's images: a live redraw paints the new pixels into the canvas the chart
 * already draws, so the raster's option stays the same and the chart repaints the image without a
 * setOption (which renders every component again; issue 13, bench/ui/BREAKDOWN.md).
 */
export function canvasPainter(): CanvasPainter {
  let canvas: HTMLCanvasElement | null = null;
  let paints = 0;
  return {
    paint: (px) => {
      paints++;
      canvas = paintInto(canvas ?? document.createElement('canvas'), px);
      return canvas;
    },
    paints: () => paints,
  };
}
