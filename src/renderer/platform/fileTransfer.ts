/**
 * Moving a text file in and out of a browser page without the File System Access API: a hidden
 * <input type=file> to pick one, a download to save one. The browser Platform (projects) and the
 * model files (src/renderer/models/modelFileIO.ts) share them.
 */

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
