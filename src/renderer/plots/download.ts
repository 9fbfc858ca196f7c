/**
 * Save a generated file through the browser's download mechanism (works in Electron's renderer
 * too). Files are named after the open project: Chart's "raster.png" is saved as
 * "brette-cuba-raster.png".
 */
import { editorStore } from '../store/useEditor';
import { projectFileName } from '../project/fileStem';

export function downloadText(name: string, text: string, type: string): void {
  downloadUrl(name, URL.createObjectURL(new Blob([text], { type })), true);
}

export function downloadUrl(name: string, url: string, revoke = false): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = projectFileName(name, editorStore.getState());
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
