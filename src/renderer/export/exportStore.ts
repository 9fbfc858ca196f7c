/**
 * The export dialog's state (session state: never saved, never undone). `open(target)` asks the
 * engine for the script of the current document; the dialog shows it or the problems that
 * refused it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { ExportTargetName } from '../../shared/protocol';
import type { Problem } from '../../shared/problems';
import type { EngineClient } from '../engine/EngineClient';

export type ExportView =
  | { readonly state: 'closed' }
  | { readonly state: 'working'; readonly target: ExportTargetName }
  | { readonly state: 'ready'; readonly target: ExportTargetName; readonly script: string; readonly warnings: readonly Problem[] }
  | { readonly state: 'refused'; readonly target: ExportTargetName; readonly problems: readonly Problem[] }
  | { readonly state: 'failed'; readonly target: ExportTargetName; readonly message: string };

export interface ExportStore {
  readonly view: ExportView;
  /** Export `document` to `target` with `engine` and show the dialog. */
  open(engine: EngineClient, document: unknown, target: ExportTargetName): void;
  close(): void;
}

/** Library names as users know them. */
export const TARGET_LABEL: Readonly<Record<ExportTargetName, string>> = { brian2: 'Brian2', brainpy: 'BrainPy', pynest: 'PyNEST' };

export function createExportStore() {
  let request = 0;
  return createStore<ExportStore>()((set) => ({
    view: { state: 'closed' },
    open(engine, document, target) {
      const mine = ++request;
      set({ view: { state: 'working', target } });
      const current = (): boolean => mine === request;
      engine.send({ type: 'export', document, target }, (ev) => {
        if (!current()) return;
        if (ev.type === 'exported') {
          set({ view: ev.script !== null ? { state: 'ready', target, script: ev.script, warnings: ev.problems } : { state: 'refused', target, problems: ev.problems } });
        } else if (ev.type === 'error') {
          set({ view: { state: 'failed', target, message: ev.message } });
        }
      });
    },
    close() {
      request++;
      set({ view: { state: 'closed' } });
    },
  }));
}

export const exportStore = createExportStore();

export function useExport<T>(selector: (s: ExportStore) => T): T {
  return useStore(exportStore, selector);
}
