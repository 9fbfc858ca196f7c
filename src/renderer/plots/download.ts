/**
 * Save a generated file through the browser's download mechanism (works in Electron's renderer
 * too). Files are named after the open project: Chart's "raster.png" is saved as
 * "brette-cuba-raster.png".
 */
import { editorStore } from '../store/useEditor';
import { projectStem, safeFileStem } from '../project/fileStem';

/** "raster.png" for the project open now -> "brette-cuba-raster.png" (name and extension made safe). */
export function projectFileName(name: string, state: { doc: { meta?: { title?: string } }; fileName: string } = editorStore.getState()): string {
  const dot = name.lastIndexOf('.');
  const base = safeFileStem(dot > 0 ? name.slice(0, dot) : name);
  const ext = dot > 0 ? safeFileStem(name.slice(dot + 1)) : '';
  const stem = projectStem(state.doc.meta?.title, state.fileName);
  return `${base ? `${stem}-${base}` : stem}${ext ? `.${ext}` : ''}`;
}

export function downloadText(name: string, text: string, type: string): void {
  downloadUrl(name, URL.createObjectURL(new Blob([text], { type })), true);
}

export function downloadUrl(name: string, url: string, revoke = false): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = projectFileName(name);
  document.body.appendChild(a);
  a.click();
  a.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
