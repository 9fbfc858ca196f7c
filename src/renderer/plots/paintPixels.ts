/** A raster's pixels as a canvas ECharts draws as an image (options.ts RasterImage; the page only). */
import type { RasterPixels } from './shaping';

export function paintPixels(px: RasterPixels): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = px.width;
  canvas.height = px.height;
  canvas.getContext('2d')?.putImageData(new ImageData(px.data as Uint8ClampedArray<ArrayBuffer>, px.width, px.height), 0, 0);
  return canvas;
}
