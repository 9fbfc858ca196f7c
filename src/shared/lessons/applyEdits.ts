/**
 * A step's edits (its set-up, its "show me") applied to a document: pure, each failure named with
 * the lesson line it comes from. The app turns the resulting document into undoable changes; the
 * CLI runs it. Loading a project needs the caller's resolver (bundled examples, or files on disk).
 */
import { Document, type Node } from '../document';
import type { LessonEdit, LessonError, LessonProject } from './types';

/** Finds a lesson's project: the document, or why not. */
export type ProjectResolver = (project: LessonProject) => { ok: true; document: Document } | { ok: false; message: string };

export type EditOutcome = { ok: true; document: Document } | { ok: false; error: LessonError };

function fail(line: number, message: string): EditOutcome {
  return { ok: false, error: { line, message } };
}

/** The value at a dotted field path of a node ("params.R", "synapse.tau", "weight"), or undefined. */
export function fieldValue(node: Node, field: string): unknown {
  let cur: unknown = node;
  for (const key of field.split('.')) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Fields a lesson may set, per node kind: the first segment of the path. */
const SETTABLE: Record<Node['kind'], readonly string[]> = {
  population: ['params', 'init', 'size', 'model', 'label'],
  input: ['params', 'model', 'label'],
  projection: ['weight', 'delay', 'conn', 'synapse', 'output', 'plasticity', 'label'],
  monitor: ['record', 'variables', 'neurons', 'interval', 'label'],
};

function withField(node: Node, field: string, value: unknown): Node {
  const keys = field.split('.');
  const copy = structuredClone(node) as unknown as Record<string, unknown>;
  let cur = copy;
  keys.slice(0, -1).forEach((k) => {
    const next = cur[k];
    cur[k] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    cur = cur[k] as Record<string, unknown>;
  });
  cur[keys[keys.length - 1]] = value;
  return copy as unknown as Node;
}

function checked(doc: unknown, line: number, what: string): EditOutcome {
  const parsed = Document.safeParse(doc);
  if (parsed.success) return { ok: true, document: parsed.data };
  const issue = parsed.error.issues[0];
  return fail(line, `${what} makes the project invalid: ${issue.path.join('.')}: ${issue.message}.`);
}

/** Apply one edit. */
export function applyEdit(doc: Document, edit: LessonEdit, resolve: ProjectResolver): EditOutcome {
  const node = (id: string): Node | undefined => doc.nodes.find((n) => n.id === id);
  switch (edit.type) {
    case 'load': {
      const r = resolve(edit.project);
      return r.ok ? { ok: true, document: r.document } : fail(edit.line, r.message);
    }
    case 'set': {
      const target = node(edit.node);
      if (!target) return fail(edit.line, `set: there is no node "${edit.node}" in the project (nodes: ${doc.nodes.map((n) => n.id).join(', ')}).`);
      const head = edit.field.split('.')[0];
      if (!SETTABLE[target.kind].includes(head) || edit.field.split('.').some((k) => k === '' || k === '__proto__')) {
        return fail(edit.line, `set: "${edit.field}" is not a field of ${target.kind} "${edit.node}" (fields start with ${SETTABLE[target.kind].join(', ')}).`);
      }
      const replaced = withField(target, edit.field, edit.value);
      return checked({ ...doc, nodes: doc.nodes.map((n) => (n.id === edit.node ? replaced : n)) }, edit.line, `set ${edit.node} ${edit.field}`);
    }
    case 'simulation':
      return checked({ ...doc, simulation: { ...doc.simulation, ...edit.values } }, edit.line, 'simulation:');
    case 'add': {
      const id = String(edit.node.id);
      if (node(id)) return fail(edit.line, `add: the project already has a node "${id}".`);
      return checked({ ...doc, nodes: [...doc.nodes, edit.node] }, edit.line, `add ${id}`);
    }
    case 'remove':
      if (!node(edit.node)) return fail(edit.line, `remove: there is no node "${edit.node}" in the project.`);
      return { ok: true, document: { ...doc, nodes: doc.nodes.filter((n) => n.id !== edit.node), wires: doc.wires.filter((w) => w.from !== edit.node && w.to !== edit.node) } };
    case 'wire':
      for (const end of [edit.from, edit.to]) if (!node(end)) return fail(edit.line, `wire: there is no node "${end}" in the project.`);
      if (doc.wires.some((w) => w.from === edit.from && w.to === edit.to)) return { ok: true, document: doc };
      return { ok: true, document: { ...doc, wires: [...doc.wires, { from: edit.from, to: edit.to }] } };
    case 'unwire':
      if (!doc.wires.some((w) => w.from === edit.from && w.to === edit.to)) return fail(edit.line, `unwire: there is no wire from "${edit.from}" to "${edit.to}".`);
      return { ok: true, document: { ...doc, wires: doc.wires.filter((w) => !(w.from === edit.from && w.to === edit.to)) } };
  }
}

/** Apply edits in order; the first failure stops (later edits would act on a document the teacher did not mean). */
export function applyEdits(doc: Document, edits: readonly LessonEdit[], resolve: ProjectResolver): EditOutcome {
  let cur = doc;
  for (const e of edits) {
    const r = applyEdit(cur, e, resolve);
    if (!r.ok) return r;
    cur = r.document;
  }
  return { ok: true, document: cur };
}
