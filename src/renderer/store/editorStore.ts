/**
 * The editor's state, in a framework-free zustand vanilla store. The document is the only
 * saved state and the only thing undo touches; selection, focus, problems, theme and toasts
 * are session state. React components subscribe through useEditor (src/renderer/store/useEditor.ts).
 */
import { createStore } from 'zustand/vanilla';
import type { Document, Node, Wire } from '../../shared/document';
import type { Problem } from '../../shared/problems';
import { applyChanges, type Change, type Position } from './changes';
import { commit, EMPTY_HISTORY, redo, undo, type History } from './history';
import { cloneNodes, createNode, idsOf, PASTE_OFFSET, type PaletteItem } from './nodes';
import { checkWire, type WireCheck } from './wiring';
import { needsLayout, tidyLayout } from './layout';
import { cardSize, type CardSize } from '../canvas/cardSize';
import { freeSpot, type FlowRect } from '../canvas/freeSpot';
import type { DerivedFacts } from '../../shared/derivedFacts';

export const EMPTY_DOCUMENT: Document = { simulation: { dt: '0.1 ms', duration: '500 ms', seed: 42, backend: 'auto' }, nodes: [], wires: [] };

export type Theme = 'dark' | 'light';

export interface Selection {
  readonly nodes: readonly string[];
  readonly wires: readonly Wire[];
}
export const NO_SELECTION: Selection = { nodes: [], wires: [] };

export interface Toast {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export interface EditorState {
  readonly view: 'start' | 'editor';
  readonly doc: Document;
  readonly history: History;
  /** The document as last saved or opened; dirty when doc differs from it. */
  readonly savedDoc: Document;
  readonly fileName: string;
  readonly handle: string | null;
  readonly selection: Selection;
  /** A field the inspector should focus (a click in the problems list); nonce makes repeats fire. */
  readonly focus: { readonly nodeId: string | null; readonly field: string; readonly nonce: number } | null;
  readonly problems: readonly Problem[];
  /** The document the problems were computed for: the list is current when this is `doc`. */
  readonly problemsFor: Document | null;
  /** The derived facts of the same build (rheobase, V∞, ... for the inspector). */
  readonly facts: DerivedFacts;
  readonly theme: Theme;
  readonly toasts: readonly Toast[];
  readonly clipboard: { readonly nodes: readonly Node[]; readonly wires: readonly Wire[] } | null;
  /** Incremented to ask the canvas to fit the view (after open, on F). */
  readonly fitRequest: number;
  /** Incremented each time a project is opened, created or restored (runs of different projects are not compared). */
  readonly project: number;
}

export interface EditorActions {
  /** Apply user changes as one undo step (merged with the previous one when `group` matches). */
  apply(changes: readonly Change[], group?: string): void;
  undo(): void;
  redo(): void;
  /**
   * Replace the document (open, new, restore): history cleared. A document without positions is
   * laid out (resolves when it is); the layout is part of opening, not an undoable edit.
   */
  load(doc: Document, fileName: string, handle: string | null, opts?: { dirty?: boolean }): Promise<void>;
  /** Lay the whole network out left to right as one undoable change, then fit the view; `sizes`: measured card sizes by id. */
  tidy(sizes?: ReadonlyMap<string, CardSize>): Promise<void>;
  markSaved(fileName: string, handle: string | null): void;
  select(selection: Selection): void;
  selectAll(): void;
  /** A new card at `position` (a drop: where the user put it), or with `within` (the canvas on screen; a palette click) the free place nearest to it, inside `within` where there is room. */
  addNode(item: PaletteItem, position: Position, within?: FlowRect): Node;
  connect(from: string, to: string): WireCheck;
  deleteSelection(): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  focusField(nodeId: string | null, field: string): void;
  setProblems(problems: readonly Problem[], forDoc: Document, facts?: DerivedFacts): void;
  setTheme(theme: Theme): void;
  showStart(): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
  requestFit(): void;
}

export type EditorStore = EditorState & EditorActions;

const jsonCache = new WeakMap<Document, string>();
function jsonOf(doc: Document): string {
  let text = jsonCache.get(doc);
  if (text === undefined) jsonCache.set(doc, (text = JSON.stringify(doc)));
  return text;
}

/** Unsaved changes: the document differs from the saved one (undoing back to it is clean again). */
export const isDirty = (s: Pick<EditorState, 'doc' | 'savedDoc'>): boolean => s.doc !== s.savedDoc && jsonOf(s.doc) !== jsonOf(s.savedDoc);

let toastCounter = 0;
let loadCounter = 0;
/** How long a toast stays, ms. */
export const TOAST_MS = 5000;

export function createEditorStore(initial: Partial<EditorState> = {}) {
  return createStore<EditorStore>()((set, get) => ({
    view: 'start',
    doc: EMPTY_DOCUMENT,
    history: EMPTY_HISTORY,
    savedDoc: EMPTY_DOCUMENT,
    fileName: 'untitled.snn',
    handle: null,
    selection: NO_SELECTION,
    focus: null,
    problems: [],
    facts: [],
    problemsFor: null,
    theme: 'dark',
    toasts: [],
    clipboard: null,
    fitRequest: 0,
    project: 0,
    ...initial,

    apply(changes, group) {
      const s = get();
      const r = commit(s.doc, s.history, changes, group);
      if (r.doc !== s.doc) set({ doc: r.doc, history: r.history, selection: pruneSelection(s.selection, r.doc) });
    },
    undo() {
      const s = get();
      const r = undo(s.doc, s.history);
      if (r) set({ doc: r.doc, history: r.history, selection: pruneSelection(s.selection, r.doc) });
    },
    redo() {
      const s = get();
      const r = redo(s.doc, s.history);
      if (r) set({ doc: r.doc, history: r.history, selection: pruneSelection(s.selection, r.doc) });
    },
    async load(doc, fileName, handle, opts = {}) {
      const token = ++loadCounter;
      // a positioned document opens at once (no await); the others once laid out
      const placed = needsLayout(doc) ? applyChanges(doc, [{ type: 'move-nodes', positions: await layoutOrNothing(doc, get().toast) }]).doc : doc;
      if (token !== loadCounter) return; // another document was opened meanwhile: that one wins
      set({
        view: 'editor', doc: placed, savedDoc: opts.dirty ? EMPTY_DOCUMENT : placed, history: EMPTY_HISTORY, fileName, handle,
        selection: NO_SELECTION, focus: null, problems: [], facts: [], fitRequest: get().fitRequest + 1, project: get().project + 1,
      });
    },
    async tidy(sizes) {
      const doc = get().doc;
      const positions = await layoutOrNothing(doc, get().toast, sizes && ((n) => sizes.get(n.id) ?? cardSize(n)));
      // nothing to do after a failed layout; edited while it ran: a stale layout would undo that edit's moves
      if (Object.keys(positions).length === 0 || get().doc !== doc) return;
      get().apply([{ type: 'move-nodes', positions }]);
      get().requestFit();
    },
    markSaved(fileName, handle) {
      set({ savedDoc: get().doc, fileName, handle });
    },
    select(selection) {
      set({ selection });
    },
    selectAll() {
      const doc = get().doc;
      set({ selection: { nodes: doc.nodes.map((n) => n.id), wires: [...doc.wires] } });
    },
    addNode(item, position, within) {
      const doc = get().doc;
      const made = createNode(item, [position[0], position[1]], idsOf(doc));
      // A palette click never lands on another card: the free place nearest to the canvas's centre.
      const cards = doc.nodes.flatMap((n) => (n.position ? [{ x: n.position[0], y: n.position[1], ...cardSize(n) }] : []));
      const node: Node = { ...made, position: within ? freeSpot(position, cardSize(made), cards, within) : [position[0], position[1]] };
      get().apply([{ type: 'insert-nodes', entries: [{ node }] }]);
      set({ selection: { nodes: [node.id], wires: [] } });
      return node;
    },
    connect(from, to) {
      const check = checkWire(get().doc, from, to);
      if (check.ok) get().apply([{ type: 'insert-wires', entries: [{ wire: { from, to } }] }]);
      return check;
    },
    deleteSelection() {
      const { selection } = get();
      const changes: Change[] = [];
      if (selection.wires.length) changes.push({ type: 'remove-wires', wires: selection.wires });
      if (selection.nodes.length) changes.push({ type: 'remove-nodes', ids: selection.nodes });
      if (changes.length) get().apply(changes);
      set({ selection: NO_SELECTION });
    },
    copy() {
      const { doc, selection } = get();
      const ids = new Set(selection.nodes);
      if (ids.size === 0) return;
      set({ clipboard: { nodes: doc.nodes.filter((n) => ids.has(n.id)), wires: doc.wires.filter((w) => ids.has(w.from) && ids.has(w.to)) } });
    },
    paste() {
      const { clipboard, doc } = get();
      if (!clipboard) return;
      const copies = cloneNodes(clipboard.nodes, clipboard.wires, idsOf(doc), PASTE_OFFSET);
      get().apply([{ type: 'insert-nodes', entries: copies.nodes.map((node) => ({ node })) }, { type: 'insert-wires', entries: copies.wires.map((wire) => ({ wire })) }]);
      // a second paste lands further along instead of on top of the first
      set({ selection: { nodes: copies.nodes.map((n) => n.id), wires: copies.wires }, clipboard: { nodes: copies.nodes, wires: copies.wires } });
    },
    duplicate() {
      const { doc, selection } = get();
      const ids = new Set(selection.nodes);
      if (ids.size === 0) return;
      const copies = cloneNodes(doc.nodes.filter((n) => ids.has(n.id)), doc.wires, idsOf(doc), PASTE_OFFSET);
      get().apply([{ type: 'insert-nodes', entries: copies.nodes.map((node) => ({ node })) }, { type: 'insert-wires', entries: copies.wires.map((wire) => ({ wire })) }]);
      set({ selection: { nodes: copies.nodes.map((n) => n.id), wires: copies.wires } });
    },
    focusField(nodeId, field) {
      set({ selection: nodeId ? { nodes: [nodeId], wires: [] } : NO_SELECTION, focus: { nodeId, field, nonce: (get().focus?.nonce ?? 0) + 1 } });
    },
    setProblems(problems, forDoc, facts = []) {
      set({ problems, problemsFor: forDoc, facts });
    },
    setTheme(theme) {
      set({ theme });
    },
    showStart() {
      set({ view: 'start' });
    },
    toast(kind, text) {
      const id = ++toastCounter;
      set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, kind, text }].slice(-4) });
    },
    dismissToast(id) {
      set({ toasts: get().toasts.filter((t) => t.id !== id) });
    },
    requestFit() {
      set({ fitRequest: get().fitRequest + 1 });
    },
  }));
}

/** The layout's positions, or none (and a toast saying so) when it fails: a failed layout never loses a document. */
async function layoutOrNothing(doc: Document, toast: EditorActions['toast'], sizeOf?: (node: Node) => CardSize): Promise<Record<string, Position>> {
  try {
    return await tidyLayout(doc, sizeOf);
  } catch (e) {
    toast('error', `The network could not be laid out automatically (${(e as Error).message}); move the cards by hand.`);
    return {};
  }
}

function pruneSelection(selection: Selection, doc: Document): Selection {
  const ids = idsOf(doc);
  const nodes = selection.nodes.filter((id) => ids.has(id));
  const wires = selection.wires.filter((w) => doc.wires.some((x) => x.from === w.from && x.to === w.to));
  return nodes.length === selection.nodes.length && wires.length === selection.wires.length ? selection : { nodes, wires };
}
