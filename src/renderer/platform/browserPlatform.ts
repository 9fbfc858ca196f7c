/**
 * The browser Platform: open with the File System Access API (or an <input type=file> where it is
 * missing), save back to the same file handle (or download), autosave to IndexedDB.
 */
import type { MenuCommand, OpenedFile, Platform, Recovery } from './Platform';
import { idbDelete, idbGet, idbSet } from './idb';
import { downloadText, pickTextFile } from './fileTransfer';

const RECOVERY_KEY = 'recovery';
const SNN_TYPES = [{ description: 'SNN Studio project', accept: { 'application/json': ['.snn'] } }];

interface FsHandle {
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void> }>;
}
interface FsWindow {
  showOpenFilePicker?: (opts: unknown) => Promise<FsHandle[]>;
  showSaveFilePicker?: (opts: unknown) => Promise<FsHandle>;
}

const isAbort = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';

export function createBrowserPlatform(win: Window = window): Platform {
  const fsWin = win as unknown as FsWindow;
  const handles = new Map<string, FsHandle>();
  let handleCounter = 0;
  const openListeners = new Set<(file: OpenedFile) => void>();
  const remember = (h: FsHandle): string => {
    const id = `fs:${++handleCounter}:${h.name}`;
    handles.set(id, h);
    return id;
  };

  const pickWithInput = async (): Promise<OpenedFile | null> => {
    const file = await pickTextFile(win, '.snn,application/json');
    return file && { name: file.name, handle: null, text: file.text };
  };
  const download = (text: string, name: string): void => downloadText(win, text, name);

  // a file dropped anywhere on the page opens like File > Open
  win.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  win.addEventListener('drop', (e) => {
    const file = e.dataTransfer?.files[0];
    if (!file) return;
    e.preventDefault();
    void file.text().then((text) => openListeners.forEach((l) => l({ name: file.name, handle: null, text })));
  });

  return {
    kind: 'browser',
    async openFile() {
      if (!fsWin.showOpenFilePicker) return pickWithInput();
      try {
        const [h] = await fsWin.showOpenFilePicker({ types: SNN_TYPES, multiple: false });
        const file = await h.getFile();
        return { name: file.name, handle: remember(h), text: await file.text() };
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
    },
    async openHandle(handle) {
      const h = handles.get(handle);
      if (!h) throw new Error('That file is no longer available in this browser tab; open it again.');
      const file = await h.getFile();
      return { name: file.name, handle, text: await file.text() };
    },
    async saveFile(text, handle, suggestedName, saveAs) {
      let h = !saveAs && handle ? handles.get(handle) : undefined;
      let id = h ? handle : null;
      if (!h && fsWin.showSaveFilePicker) {
        try {
          h = await fsWin.showSaveFilePicker({ suggestedName, types: SNN_TYPES });
          id = remember(h);
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
      }
      if (!h) {
        download(text, suggestedName);
        return { handle: null, name: suggestedName };
      }
      const w = await h.createWritable();
      await w.write(text);
      await w.close();
      return { handle: id, name: h.name };
    },
    autosave: (recovery: Recovery) => idbSet(RECOVERY_KEY, recovery),
    clearAutosave: () => idbDelete(RECOVERY_KEY),
    async loadAutosave() {
      const r = await idbGet<Recovery>(RECOVERY_KEY);
      return r && typeof r.text === 'string' ? r : null;
    },
    async recentFiles() {
      return [...handles.entries()].map(([handle, h]) => ({ handle, name: h.name }));
    },
    setDocumentState(title, dirty) {
      win.document.title = `${dirty ? '● ' : ''}${title} — SNN Studio`;
    },
    onCommand(_listener: (command: MenuCommand) => void) {
      // the browser has no native menu; the toolbar and shortcuts call the same actions directly
      return () => {};
    },
    onOpenFile(listener) {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
  };
}
