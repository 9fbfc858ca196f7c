/**
 * Saving an exported script. The Platform interface saves projects (.snn) only, so scripts take
 * their own route: Electron's `saveScript` (a native dialog filtered to .py), else the browser's
 * File System Access save picker, else a download.
 */
import type { SnnDesktopApi } from '../../shared/ipc';
import { saveTextFile } from '../platform/fileTransfer';

const PY_TYPES = [{ description: 'Python script', accept: { 'text/x-python': ['.py'] } }];

export { scriptFileName } from '../project/fileStem';

/** Save `text`; resolves with the saved file's name, or null when the user cancelled. */
export async function saveScript(text: string, fileName: string, win: Window = window): Promise<string | null> {
  const api = (win as unknown as { snn?: SnnDesktopApi }).snn;
  if (api?.saveScript) return (await api.saveScript(text, fileName))?.name ?? null;
  return saveTextFile(win, text, fileName, PY_TYPES, 'text/x-python');
}

/** Put `text` on the clipboard; falls back to a hidden textarea where the async API is refused. */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Headless or unfocused pages refuse the async clipboard; the old command still works there.
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.appendChild(area);
  area.select();
  const ok = doc.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('the clipboard is not available here; select the script and copy it by hand');
}
