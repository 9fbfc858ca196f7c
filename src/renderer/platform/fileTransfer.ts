/**
 * Moving a text file in and out of a browser page: the File System Access save picker where the
 * page has it, else a download; a hidden <input type=file> to pick one. The browser Platform
 * (projects), the model files (src/renderer/models/modelFileIO.ts) and exported scripts
 * (src/renderer/export/saveScript.ts) share them.
 */

interface SaveHandle {
  readonly name: string;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
/** File types for the save picker, e.g. [{description: 'Python script', accept: {'text/x-python': ['.py']}}]. */
export type PickerTypes = readonly { readonly description: string; readonly accept: Readonly<Record<string, readonly string[]>> }[];

/**
 * Save `text` as `fileName` through the page's save picker, or as a download where there is none;
 * resolves with the saved file's name, or null when the user cancelled the picker.
 */
export async function saveTextFile(win: Window, text: string, fileName: string, types: PickerTypes, mime: string): Promise<string | null> {
  const picker = (win as unknown as { showSaveFilePicker?: (opts: unknown) => Promise<SaveHandle> }).showSaveFilePicker;
  if (!picker) {
    downloadText(win, text, fileName, mime);
    return fileName;
  }
  try {
    const h = await picker({ suggestedName: fileName, types });
    const w = await h.createWritable();
    await w.write(text);
    await w.close();
    return h.name;
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
}

/** Ask the user for one file through a hidden file input; null when they cancelled. */
export function pickTextFile(win: Window, accept: string): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve) => {
    const input = win.document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      void file.text().then((text) => resolve({ name: file.name, text }));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    win.document.body.append(input);
    input.click();
  });
}

/** Offer `text` as a download named `name`. */
export function downloadText(win: Window, text: string, name: string, mime = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const a = win.document.createElement('a');
  a.href = url;
  a.download = name;
  win.document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
