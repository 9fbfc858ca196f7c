/**
 * Rules about the user's own models (issue 16), written once for the file loader, the saver and
 * the model editor: which names a model may have, the spec text's `model` line, the problems of
 * a document's models (named by model and line, never half-loaded) and the "parsed form" a file
 * stores beside the text.
 *
 * The text is the source of truth. The parsed form is the interface the text declared when it
 * was saved: parameters (dimension, default in the coherent internal unit), inputs and states.
 * It lets a reader of the file see what the model declares without a parser, and on loading it
 * tells whether this SNN Studio reads the text as the one that saved it did: when they differ
 * (a hand-edited file, or a parser that changed) the text wins and a warning names every
 * difference; nothing changes silently.
 */
import { modelsOf } from './catalog';
import type { CustomModel, Document } from './document';
import { compileSpec, type NeuronSpec } from './modelspec/check';
import { formatDim } from './modelspec/dimension';
import { NEURON_SPECS, SPEC_ONLY_NEURONS } from './modelspec/neurons';
import { SYNAPSE_SPECS } from './modelspec/synapses';
import { problem, type Problem } from './problems';
import { stableStringify } from './stableJson';

export type ParsedModel = NonNullable<CustomModel['parsed']>;

/** A model name: a letter or "_", then letters, digits or "_" (it is an identifier in every export). */
export const MODEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MODEL_NAME_LENGTH = 40;

/** Population, synapse and output models bundled with the app; taken when this module loads, before any custom model is registered. */
const BUNDLED = new Set([...modelsOf('neuron'), ...modelsOf('source'), ...modelsOf('synapse'), ...modelsOf('output')].map((m) => m.name));

export const isBundledModel = (name: string): boolean => BUNDLED.has(name);

/** Why `name` cannot name a custom model among `others` (the other custom models' names), or null. */
export function modelNameProblem(name: string, others: readonly string[]): string | null {
  if (name.length === 0) return 'Give the model a name, e.g. MyLIF.';
  if (name.length > MODEL_NAME_LENGTH) return `A model name has at most ${MODEL_NAME_LENGTH} characters.`;
  if (!MODEL_NAME.test(name)) return `"${name}" is not a valid name: start with a letter and use letters, digits and _ only (e.g. MyLIF).`;
  if (BUNDLED.has(name)) return `"${name}" is a bundled model; choose another name (e.g. My${name}).`;
  if (others.includes(name)) return `Another custom model is already called "${name}".`;
  return null;
}

/** The name a `model` (neuron) or `synapse` line in the text gives, with its line (1-based) and keyword, or undefined. */
export function modelLine(source: string): { name: string; line: number; keyword: 'model' | 'synapse' } | undefined {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*(model|synapse)\s+([^\s#]+)/.exec(lines[i]);
    if (m) return { name: m[2], line: i + 1, keyword: m[1] as 'model' | 'synapse' };
  }
  return undefined;
}

/** The text with its `model` (or `synapse`) line naming `name` (a `model` line added first when there is none). */
export function withModelName(source: string, name: string): string {
  const at = modelLine(source);
  if (!at) return `model ${name}\n${source}`;
  const lines = source.split('\n');
  lines[at.line - 1] = lines[at.line - 1].replace(/^(\s*(?:model|synapse)\s+)[^\s#]+/, `$1${name}`);
  return lines.join('\n');
}

/** The parsed form of a checked spec. */
export function parsedForm(spec: NeuronSpec): ParsedModel {
  return {
    params: Object.fromEntries(spec.params.map((p) => [p.name, { dim: formatDim(p.dim), ...(p.default !== undefined ? { default: p.default } : {}) }])),
    inputs: Object.fromEntries(spec.inputs.map((x) => [x.name, formatDim(x.dim)])),
    states: Object.fromEntries(spec.states.map((x) => [x.name, formatDim(x.dim)])),
  };
}

/** The differences between a stored parsed form and the one the text gives now, in words (empty: they agree). */
export function parsedDifferences(stored: ParsedModel, now: ParsedModel): string[] {
  const out: string[] = [];
  const fmt = (v: unknown): string => (v === undefined ? 'none' : typeof v === 'object' ? stableStringify(v).replace(/\s+/g, ' ') : String(v));
  for (const section of ['params', 'inputs', 'states'] as const) {
    const a = stored[section] as Record<string, unknown>;
    const b = now[section] as Record<string, unknown>;
    const word = section === 'params' ? 'parameter' : section === 'inputs' ? 'input' : 'state';
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(k in b)) out.push(`${word} ${k} was saved but the text no longer declares it`);
      else if (!(k in a)) out.push(`${word} ${k} is declared by the text but was not saved`);
      else if (stableStringify(a[k]) !== stableStringify(b[k])) out.push(`${word} ${k} was saved as ${fmt(a[k])}, the text now gives ${fmt(b[k])}`);
    }
  }
  return out;
}

/** A custom model's text checked: the spec, or the problems (each naming the model and the line). */
export function checkCustomModel(model: Pick<CustomModel, 'name' | 'source'>, path: string): { ok: true; spec: NeuronSpec } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const r = compileSpec(model.source, model.name);
  if (!r.ok) {
    for (const e of r.errors) problems.push(problem('bad_custom_model', `${path}.source`, `Model "${model.name}", line ${e.line}, column ${e.column}: ${e.message}`));
  }
  const line = modelLine(model.source);
  if (!line) {
    problems.push(problem('bad_custom_model', `${path}.source`, `Model "${model.name}", line 1: the text needs a line "model ${model.name}" (a neuron) or "synapse ${model.name}" (a synapse) naming the model.`));
  } else if (line.name !== model.name) {
    problems.push(problem('bad_custom_model', `${path}.source`, `Model "${model.name}", line ${line.line}: the text says "${line.keyword} ${line.name}"; the name and the text must agree (rename one of them).`));
  }
  return r.ok && problems.length === 0 ? { ok: true, spec: r.spec } : { ok: false, problems };
}

/**
 * Every problem of a raw document's custom models (names, duplicates, texts), and the warnings
 * of stored parsed forms that disagree with their texts. Works on raw (unvalidated) data so it
 * reports alongside the schema's problems.
 */
export function customModelProblems(rawModels: unknown): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (!Array.isArray(rawModels)) return { problems, warnings };
  const seen: string[] = [];
  rawModels.forEach((m: unknown, i) => {
    if (typeof m !== 'object' || m === null) return;
    const { name, source, parsed } = m as { name?: unknown; source?: unknown; parsed?: ParsedModel };
    if (typeof name !== 'string' || typeof source !== 'string') return; // the schema says what is missing
    const path = `document.customModels[${i}]`;
    const why = modelNameProblem(name, seen);
    if (why) problems.push(problem('bad_custom_model', `${path}.name`, `Custom model ${i + 1}: ${why}`));
    seen.push(name);
    const checked = checkCustomModel({ name, source }, path);
    if (!checked.ok) {
      problems.push(...checked.problems);
      return;
    }
    if (parsed && typeof parsed === 'object' && parsed.params && parsed.inputs && parsed.states) {
      const diff = parsedDifferences(parsed, parsedForm(checked.spec));
      if (diff.length > 0) {
        warnings.push(problem('custom_model_changed', `${path}.parsed`, `Model "${name}": the text reads differently from when the file was saved (${diff.join('; ')}). The text is used; check the populations that use ${name}. Saving updates the stored form.`));
      }
    }
  });
  return { problems, warnings };
}

/** The document's custom models as the file stores them: name, text and the parsed form of the text. */
export function customModelsForFile(doc: Document): CustomModel[] | undefined {
  if (!doc.customModels || doc.customModels.length === 0) return undefined;
  return doc.customModels.map(({ name, source }) => {
    const r = compileSpec(source, name);
    return r.ok ? { name, source, parsed: parsedForm(r.spec) } : { name, source };
  });
}

/** The populations (ids) that use model `name`, and the projections whose synapse is `name`. */
export function populationsUsing(doc: Document, name: string): string[] {
  return doc.nodes.filter((n) => (n.kind === 'population' && n.model === name) || (n.kind === 'projection' && n.synapse.model === name)).map((n) => n.id);
}

/** The spec text of a bundled neuron or synapse model (what "Copy as custom model" starts from), or undefined. */
export function bundledSpecSource(name: string): string | undefined {
  return [...NEURON_SPECS, ...SPEC_ONLY_NEURONS, ...SYNAPSE_SPECS].find((s) => s.name === name)?.source;
}

/** The bundled neuron models a custom model can start from, in catalogue order. */
export const COPYABLE_MODELS: readonly string[] = [...NEURON_SPECS, ...SPEC_ONLY_NEURONS].map((s) => s.name);

/** The bundled synapse models a custom synapse model can start from. */
export const COPYABLE_SYNAPSES: readonly string[] = SYNAPSE_SPECS.map((s) => s.name);

/** True when the text declares a synapse model (`synapse Name`), not a neuron model. */
export const isSynapseSource = (source: string): boolean => modelLine(source)?.keyword === 'synapse';

/** A free name for a copy of `base`: "MyLIF", then "MyLIF2", ... */
export function freeModelName(base: string, taken: readonly string[]): string {
  const stem = `My${base}`.replace(/[^A-Za-z0-9_]/g, '_').slice(0, MODEL_NAME_LENGTH - 3);
  for (let k = 1; ; k++) {
    const name = k === 1 ? stem : `${stem}${k}`;
    if (!BUNDLED.has(name) && !taken.includes(name)) return name;
  }
}
