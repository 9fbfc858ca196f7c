/**
 * Undo/redo over typed changes. An entry holds the changes that redo it and those that undo it.
 * Consecutive commits with the same group key merge into one entry, so typing into one field
 * or one drag is a single undo step. Selection and viewport never come here.
 */
import type { Document } from '../../shared/document';
import { applyChanges, type Change } from './changes';

export interface HistoryEntry {
  readonly redo: readonly Change[];
  readonly undo: readonly Change[];
  readonly group?: string;
}

export interface History {
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };

/** Most undo steps kept; older ones are dropped. */
export const HISTORY_LIMIT = 500;

/** Apply user changes and record them; returns the new document and history. */
export function commit(doc: Document, history: History, changes: readonly Change[], group?: string): { doc: Document; history: History } {
  const applied = applyChanges(doc, changes);
  if (applied.inverse.length === 0) return { doc, history };
  const last = history.past[history.past.length - 1];
  let entry: HistoryEntry = { redo: changes, undo: applied.inverse, group };
  let past = history.past;
  if (group !== undefined && last?.group === group) {
    entry = { redo: [...last.redo, ...changes], undo: [...applied.inverse, ...last.undo], group };
    past = past.slice(0, -1);
  }
  return { doc: applied.doc, history: { past: [...past, entry].slice(-HISTORY_LIMIT), future: [] } };
}

export function undo(doc: Document, history: History): { doc: Document; history: History } | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  const applied = applyChanges(doc, entry.undo);
  // an undone entry loses its group key, so a later edit never merges into it
  return { doc: applied.doc, history: { past: history.past.slice(0, -1), future: [{ redo: entry.redo, undo: entry.undo }, ...history.future] } };
}

export function redo(doc: Document, history: History): { doc: Document; history: History } | null {
  const entry = history.future[0];
  if (!entry) return null;
  const applied = applyChanges(doc, entry.redo);
  return { doc: applied.doc, history: { past: [...history.past, { redo: entry.redo, undo: applied.inverse }], future: history.future.slice(1) } };
}
