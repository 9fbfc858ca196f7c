/**
 * Exporting and importing `.snnmodel` files. The desktop app and the browser both use the page's
 * file routes: the File System Access pickers where the page has them, else a hidden file input
 * to open and a download to save (the browser Platform's fallback, src/renderer/platform/fileTransfer.ts).
 */
import { MODEL_FILE_EXTENSION, parseModelFile, serializeModelFile, type ModelFileResult } from '../../shared/modelFile';
import { downloadText, pickTextFile } from '../platform/fileTransfer';

interface PickerHandle {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
interface PickerWindow {
  showOpenFilePicker?: (opts: unknown) => Promise<PickerHandle[]>;
  showSaveFilePicker?: (opts: unknown) => Promise<PickerHandle>;
}

const TYPES = [{ description: 'SNN Studio model', accept: { 'application/json': [MODEL_FILE_EXTENSION] } }];
const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

/** Save a model as `<name>.snnmodel`; resolves with the file's name, or null when the user cancelled. */
export async function exportModelFile(name: string, source: string, win: Window = window): Promise<string | null> {
  const text = serializeModelFile(name, source);
  const fileName = `${name}${MODEL_FILE_EXTENSION}`;
  const picker = (win as unknown as PickerWindow).showSaveFilePicker;
  if (!picker) {
    downloadText(win, text, fileName);
    return fileName;
  }
  try {
    const h = await picker({ suggestedName: fileName, types: TYPES });
    const w = await h.createWritable();
    await w.write(text);
    await w.close();
    return h.name;
  } catch (e) {
    if (isAbort(e)) return null;
    throw e;
  }
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
