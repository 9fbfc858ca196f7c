/**
 * What the model editor's buttons do to the document, as pure functions: the draft checked as
 * typed (spec diagnostics with line and column, the name's problem), Save as one list of changes
 * (one undo step; a rename carries the populations or projections that use the model along),
 * Delete refused while populations or projections use the model.
 */
import type { CustomModel, Document } from '../../shared/document';
import { modelLine, modelNameProblem, populationsUsing } from '../../shared/customModels';
import { specModelFromSource } from '../../shared/modelspec/registry';
import type { Change } from '../store/changes';

/** One thing wrong with the draft; line and column (1-based) when it concerns the text. */
export interface Diagnostic {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

export interface DraftCheck {
  readonly nameProblem: string | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The draft can be saved. */
  readonly ok: boolean;
  /** What the text declares, when it compiles ("parameters: a, b · states: V"). */
  readonly summary?: string;
}

const modelsOf = (doc: Document): readonly CustomModel[] => doc.customModels ?? [];

/** Check a draft: `original` is the name of the model being edited (null for a new one). */
export function checkDraft(doc: Document, original: string | null, name: string, source: string): DraftCheck {
  const others = modelsOf(doc).map((m) => m.name).filter((n) => n !== original);
  const nameProblem = modelNameProblem(name, others);
  const r = specModelFromSource(source);
  const diagnostics: Diagnostic[] = r.ok ? [] : r.diagnostics.map((d) => ({ message: d.message, line: d.line, column: d.column }));
  const line = modelLine(source);
  if (r.ok && !line) diagnostics.push({ message: `The text needs a line "model ${name}" (a neuron) or "synapse ${name}" (a synapse) naming the model.`, line: 1, column: 1 });
  if (r.ok && line && line.name !== name) diagnostics.push({ message: `The text says "${line.keyword} ${line.name}" but the model is named "${name}"; make them agree.`, line: line.line, column: 1 });
  const summary = r.ok
    ? [['parameters', r.model.spec.params.map((p) => p.name)], ['inputs', r.model.spec.inputs.map((x) => x.name)], ['states', r.model.spec.states.map((x) => x.name)]]
      .filter(([, names]) => names.length > 0).map(([what, names]) => `${String(what)}: ${(names as string[]).join(', ')}`).join(' · ')
    : undefined;
  return { nameProblem, diagnostics, ok: nameProblem === null && diagnostics.length === 0, ...(summary !== undefined ? { summary } : {}) };
}

/** The changes that save the draft (add, or replace `original` and rename its populations). */
export function saveChanges(doc: Document, original: string | null, name: string, source: string): Change[] {
  const models = [...modelsOf(doc)];
  const at = original === null ? -1 : models.findIndex((m) => m.name === original);
  if (at < 0) models.push({ name, source });
  else models[at] = { name, source };
  const changes: Change[] = [{ type: 'set-custom-models', models }];
  if (original !== null && original !== name) {
    for (const node of doc.nodes) {
      if (node.kind === 'population' && node.model === original) changes.push({ type: 'replace-node', node: { ...node, model: name } });
      if (node.kind === 'projection' && node.synapse.model === original) changes.push({ type: 'replace-node', node: { ...node, synapse: { ...node.synapse, model: name } } });
    }
  }
  return changes;
}

/** The changes that delete model `name`, or why it cannot be deleted (the populations that use it). */
export function deleteChanges(doc: Document, name: string): { ok: true; changes: Change[] } | { ok: false; message: string } {
  const users = populationsUsing(doc, name);
  if (users.length > 0) {
    const list = users.map((id) => `"${id}"`).join(', ');
    // A neuron model is used by populations, a synapse model by projections.
    const what = doc.nodes.some((n) => n.kind === 'projection' && users.includes(n.id)) ? 'projection' : 'population';
    return { ok: false, message: `${name} cannot be deleted: ${users.length === 1 ? what : `${what}s`} ${list} ${users.length === 1 ? 'uses' : 'use'} it. Give ${users.length === 1 ? 'it' : 'them'} another model first.` };
  }
  return { ok: true, changes: [{ type: 'set-custom-models', models: modelsOf(doc).filter((m) => m.name !== name) }] };
}
