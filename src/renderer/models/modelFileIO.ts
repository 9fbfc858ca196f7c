/**
 * Exporting and importing `.snnmodel` files. The desktop app and the browser both use the page's
 * file routes: the File System Access pickers where the page has them, else a hidden file input
 * to open and a download to save (the browser Platform's fallback, src/renderer/platform/fileTransfer.ts).
 */
import { MODEL_FILE_EXTENSION, parseModelFile, serializeModelFile, type ModelFileResult } from '../../shared/modelFile';
import { pickTextFile, saveTextFile } from '../platform/fileTransfer';

interface PickerWindow {
  showOpenFilePicker?: (opts: unknown) => Promise<{ getFile(): Promise<File> }[]>;
}

const TYPES = [{ description: 'SNN Studio model', accept: { 'application/json': [MODEL_FILE_EXTENSION] } }];
const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** Save a model as `<name>.snnmodel`; resolves with the file's name, or null when the user cancelled. */
export function exportModelFile(name: string, source: string, win: Window = window): Promise<string | null> {
  return saveTextFile(win, serializeModelFile(name, source), `${name}${MODEL_FILE_EXTENSION}`, TYPES, 'application/json');
}

/** Ask for a .snnmodel file and read it; null when the user cancelled. */
export async function importModelFile(win: Window = window): Promise<(ModelFileResult & { fileName: string }) | null> {
  const picker = (win as unknown as PickerWindow).showOpenFilePicker;
  let file: { name: string; text: string } | null;
  if (picker) {
    try {
      const [h] = await picker({ types: TYPES, multiple: false });
      const f = await h.getFile();
      file = { name: f.name, text: await f.text() };
    } catch (e) {
      if (isAbort(e)) return null;
      throw e;
    }
  } else {
    file = await pickTextFile(win, `${MODEL_FILE_EXTENSION},application/json`);
  }
  return file && { ...parseModelFile(file.text), fileName: file.name };
}
