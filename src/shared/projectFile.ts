/**
 * Reading and writing `.snn` project files: {format: "snn-studio", version, document, results?}.
 * Loading checks the whole file and reports every problem with its JSON path (from the file's
 * root, e.g. "document.nodes[2].size") and a sentence a student can act on; a bad file is refused
 * whole, never half-loaded. Writing is stable: the same document gives byte-identical text.
 * Unit and model checks are the engine build's job; this file checks structure only.
 */
import type { z } from 'zod';
import { Document, InputNode, LIMITS, MonitorNode, PopulationNode, ProjectionNode } from './document';
import { CURRENT_VERSION, MIGRATIONS, formatVersionFor, migrate, type JsonObject } from './migrations';
import { customModelProblems, customModelsForFile } from './customModels';
import { jsonPath, problem, type Problem } from './problems';
import type { RunResults } from './results';
import { CodecError, decodeResults, documentFingerprint, encodeResults, storedFingerprint } from './resultsCodec';
import { readJson, stableStringify } from './stableJson';
import { article, sizeProblem, STRUCTURE_TEXT, wireProblem } from './structure';

export { CURRENT_VERSION, formatVersionFor } from './migrations';

export const FILE_FORMAT = 'snn-studio';
/** Deeper than any valid file (envelope > document > nodes > node > params > distribution is 6). */
export const MAX_JSON_DEPTH = 32;
/** Reporting stops here: a file with 50,000 bad wires needs the first few, not all of them. */
export const MAX_PROBLEMS = 100;

export type ParseResult =
  | { ok: true; document: Document; results?: RunResults; migratedFrom?: number; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

const ROOT = '(document)';
const ENVELOPE_KEYS = new Set(['format', 'version', 'document', 'results']);
const NODE_SCHEMAS = { population: PopulationNode, input: InputNode, projection: ProjectionNode, monitor: MonitorNode } as const;
type Kind = keyof typeof NODE_SCHEMAS;

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse and check a project file. Never throws. */
export function parseProjectFile(text: string): ParseResult {
  try {
    return parseUnsafe(text);
  } catch (e) {
    // a bug here must not take the app down with the user's file; report it like any problem
    return { ok: false, problems: [problem('invalid_structure', ROOT, `The file could not be read (${(e as Error).message}). Please report this with the file attached.`)] };
  }
}

function parseUnsafe(text: string): ParseResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows add a BOM
  const read = readJson(body, MAX_JSON_DEPTH);
  if (!read.ok) {
    const { line, column, reason } = read.error;
    const hint = read.tooDeep
      ? 'A project never nests this deep; the file is damaged or is not a project.'
      : 'Fix the text there in an editor, or open a backup of the project.';
    return { ok: false, problems: [problem('file_json', ROOT, `Line ${line}, column ${column}: ${reason}. ${hint}`)] };
  }
  const file = read.value;
  if (!isObj(file)) return refuse(problem('file_format', ROOT, 'The file holds JSON but not an SNN Studio project (it should be an object with "format": "snn-studio"). Open a .snn file saved by SNN Studio.'));
  if (file.format !== FILE_FORMAT) {
    const bare = 'nodes' in file && !('format' in file);
    return refuse(problem('file_format', 'format', bare
      ? 'This looks like a bare document without the project envelope. Wrap it as {"format": "snn-studio", "version": 1, "document": ...}.'
      : `"format" is ${describe(file.format)}, not "${FILE_FORMAT}": this is not an SNN Studio project.`));
  }
  const version = file.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return refuse(problem('file_format', 'version', `"version" is ${describe(version)}; it should be a whole number such as ${CURRENT_VERSION}. The file is damaged: open a backup.`));
  }
  if (version > CURRENT_VERSION) {
    return refuse(problem('file_version', 'version', `This project was written by a newer SNN Studio (version ${version}); this one reads up to ${CURRENT_VERSION}. Update SNN Studio to open it.`));
  }
  // A file in the version this release writes for its document (version 1 without custom models)
  // was not converted in any way the user needs to hear of, though it passes the version steps.
  const current = version < CURRENT_VERSION ? migrate(file, version) : file;
  const converted = version < formatVersionFor(isObj(current.document) ? current.document : {});
  const migratedFrom = converted ? version : undefined;
  const after = migratedFrom === undefined ? '' : ` (after upgrading the file from version ${migratedFrom}: ${MIGRATIONS.slice(migratedFrom).map((m) => m.title).join('; ')})`;

  const problems: Problem[] = [];
  for (const key of Object.keys(current)) {
    if (!ENVELOPE_KEYS.has(key)) problems.push(problem('invalid_structure', key, `"${key}" is not part of a project file; remove it.`));
  }
  const raw = current.document;
  if (!isObj(raw)) {
    problems.push(problem('invalid_structure', 'document', `"document" is ${describe(raw)}; it should be an object with "nodes" and "wires".${after}`));
    return refuse(...problems);
  }
  const parsed = Document.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(...zodProblems(issue, raw, ['document']));
  problems.push(...structuralProblems(raw));
  const models = customModelProblems(raw.customModels);
  problems.push(...models.problems);
  if (problems.length > 0) return refuse(...problems.map((p) => (after ? { ...p, message: p.message + after } : p)));
  if (!parsed.success) return refuse(problem('invalid_structure', 'document', 'The document is invalid.'));

  const document = inMemory(parsed.data);
  const warnings: Problem[] = [...models.warnings];
  let results: RunResults | undefined;
  if (current.results !== undefined) {
    const fp = storedFingerprint(current.results);
    if (fp !== documentFingerprint(document)) {
      warnings.push(problem('results_mismatch', 'results.fingerprint', 'The stored results were produced by a different version of this network, so they were not loaded. Run the simulation again to see results.'));
    } else {
      try {
        results = decodeResults(current.results);
      } catch (e) {
        if (!(e instanceof CodecError)) throw e;
        const path = e.path ? `results.${e.path}` : 'results';
        warnings.push(problem('results_mismatch', path, `The stored results are damaged (${e.message}), so they were not loaded; the network itself is fine. Run the simulation again to see results.`));
      }
    }
  }
  return { ok: true, document, ...(results ? { results } : {}), ...(migratedFrom !== undefined ? { migratedFrom } : {}), warnings };
}

/** A custom model's parsed form lives in the file only: in memory the text is the one source of truth. */
function inMemory(doc: Document): Document {
  if (!doc.customModels) return doc;
  return { ...doc, customModels: doc.customModels.map(({ name, source }) => ({ name, source })) };
}

function refuse(...problems: Problem[]): ParseResult {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.code}|${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length <= MAX_PROBLEMS) return { ok: false, problems: unique };
  const shown = unique.slice(0, MAX_PROBLEMS - 1);
  shown.push(problem('invalid_structure', ROOT, `…and ${unique.length - shown.length} more problems. Fix the ones above first.`));
  return { ok: false, problems: shown };
}

// ---------- writing ----------

/** A document that would not load back: saving refuses it so the previous file survives. */
export class ProjectSaveError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`The project cannot be saved: ${problems.map((p) => `${p.path}: ${p.message}`).join(' ')}`);
  }
}

/** Only the fields the schema knows, so React Flow session state (selected, measured, ...) is never saved. */
function knownFields(node: unknown): unknown {
  if (!isObj(node) || typeof node.kind !== 'string' || !(node.kind in NODE_SCHEMAS)) return node;
  const shape = NODE_SCHEMAS[node.kind as Kind].shape as Record<string, unknown>;
  return Object.fromEntries(Object.entries(node).filter(([k]) => k in shape));
}

/** Problems that would make parseProjectFile refuse this document (empty when it can be saved). */
export function checkDocumentForSave(document: Document): Problem[] {
  const plain = { ...document, nodes: document.nodes.map(knownFields) };
  const parsed = Document.safeParse(plain);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap((i) => zodProblems(i, plain, ['document']));
  return [...problems, ...structuralProblems(plain), ...customModelProblems(plain.customModels).problems];
}

/**
 * The text of a project file: stable key order, shortest round-trip numbers, 2-space indent,
 * trailing newline. Throws ProjectSaveError when the document would not load back.
 */
export function serializeProject(document: Document, results?: RunResults): string {
  const problems = checkDocumentForSave(document);
  if (problems.length > 0) throw new ProjectSaveError(problems);
  const customModels = customModelsForFile(document);
  const { customModels: _inMemory, ...rest } = document;
  const plain = { ...rest, nodes: document.nodes.map(knownFields), ...(customModels ? { customModels } : {}) };
  const envelope = {
    format: FILE_FORMAT,
    version: formatVersionFor(document),
    document: plain,
    ...(results ? { results: encodeResults(document, results) } : {}),
  };
  return `${stableStringify(envelope)}\n`;
}

// ---------- structure beyond the schema ----------

/** Duplicate ids, wires to missing or unsuitable nodes, absurd sizes; works on raw data so it reports alongside schema problems. */
function structuralProblems(doc: JsonObject): Problem[] {
  const out: Problem[] = [];
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const byId = new Map<string, { index: number; kind: string }>();
  nodes.forEach((n, i) => {
    if (!isObj(n)) return;
    const id = typeof n.id === 'string' ? n.id : undefined;
    const kind = typeof n.kind === 'string' ? n.kind : '';
    const where = id !== undefined ? { nodeId: id } : {};
    if (id !== undefined) {
      const first = byId.get(id);
      if (first) out.push(problem('duplicate_id', `document.nodes[${i}].id`, STRUCTURE_TEXT.duplicateId(id, first.index), { ...where, field: 'id' }));
      else byId.set(id, { index: i, kind });
    }
    if (kind === 'population' && typeof n.size === 'number' && Number.isFinite(n.size)) {
      const why = sizeProblem(n.size);
      if (why) out.push(problem('bad_size', `document.nodes[${i}].size`, why, { ...where, field: 'size' }));
    }
    if (kind === 'monitor' && Array.isArray(n.neurons)) {
      n.neurons.forEach((k, j) => {
        if (typeof k === 'number' && !(Number.isInteger(k) && k >= 0)) {
          out.push(problem('bad_value', `document.nodes[${i}].neurons[${j}]`, STRUCTURE_TEXT.badNeuronIndex(k), { ...where, field: `neurons[${j}]` }));
        }
      });
    }
  });
  // without a list of nodes every wire would dangle: the schema problem about nodes says enough
  const wires = Array.isArray(doc.wires) && Array.isArray(doc.nodes) ? doc.wires : [];
  wires.forEach((w, i) => {
    if (!isObj(w) || typeof w.from !== 'string' || typeof w.to !== 'string') return;
    const path = `document.wires[${i}]`;
    const a = byId.get(w.from);
    const b = byId.get(w.to);
    if (w.from !== w.to) {
      if (!a) out.push(problem('dangling_wire', `${path}.from`, STRUCTURE_TEXT.danglingWire(w.from)));
      if (!b) out.push(problem('dangling_wire', `${path}.to`, STRUCTURE_TEXT.danglingWire(w.to)));
    }
    // without models: whether a population is a spike source is a model question, the build's
    const bad = a && b && a.kind in NODE_SCHEMAS && b.kind in NODE_SCHEMAS ? wireProblem({ id: w.from, kind: a.kind }, { id: w.to, kind: b.kind })
      : w.from === w.to ? STRUCTURE_TEXT.selfWire(w.from) : null;
    if (bad) out.push(problem('bad_wire', path, bad, { nodeId: w.from }));
  });
  longKeys(doc, ['document'], out);
  return out;
}

/** Field names are ids of parameters and models: refuse the 100,000-character ones the schema's records let through. */
function longKeys(v: unknown, at: PropertyKey[], out: Problem[]): void {
  if (Array.isArray(v)) {
    v.forEach((x, i) => { if (typeof x === 'object' && x !== null) longKeys(x, [...at, i], out); });
  } else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.length > LIMITS.idLength) {
        out.push(problem('invalid_structure', path([...at, k]), `A field name of ${k.length} characters; names have at most ${LIMITS.idLength}. Rename or remove it.`));
      } else if (typeof x === 'object' && x !== null) longKeys(x, [...at, k], out);
    }
  }
}

// ---------- schema problems in words ----------

const HINTS: Record<string, string> = {
  id: 'a short unique name such as "E"',
  kind: '"population", "input", "projection" or "monitor"',
  model: 'a model name such as "LIF"',
  size: 'a whole number of neurons, e.g. 100',
  nodes: 'a list of nodes',
  wires: 'a list of wires like {"from": "E", "to": "E->I"}',
  from: 'the id of a node',
  to: 'the id of a node',
  conn: 'a connectivity rule like {"rule": "fixed_prob", "p": 0.1}',
  synapse: 'a synapse like {"model": "Expon", "tau": "5 ms"}',
  output: 'an output like {"model": "CUBA"}',
  weight: 'a quantity such as "0.5 nA"',
  record: '"spikes", "state" or "rate"',
  position: 'two numbers [x, y]',
  params: 'an object of parameters like {"tau": "10 ms"}',
  dt: 'a time step such as "0.1 ms"',
  duration: 'a duration such as "500 ms"',
  seed: 'a whole number from 0 to 4294967295',
  customModels: 'a list of models like {"name": "MyLIF", "source": "model MyLIF ..."}',
  source: 'the model\'s spec text',
};

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return v.length > 40 ? `a text of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return 'an object';
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = root;
  for (const k of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function locate(doc: unknown, at: ReadonlyArray<PropertyKey>): { nodeId?: string; field?: string } {
  if (at[0] !== 'nodes' || typeof at[1] !== 'number') return {};
  const id = valueAt(doc, at.slice(0, 2).concat('id'));
  const field = at.length > 2 ? jsonPath(at.slice(2).map(shortKey)) : undefined;
  return { ...(typeof id === 'string' ? { nodeId: id } : {}), ...(field ? { field } : {}) };
}

type Issue = z.core.$ZodIssue;

function originMatches(origin: string, value: unknown): boolean {
  if (origin === 'array') return Array.isArray(value);
  if (origin === 'string') return typeof value === 'string';
  if (origin === 'number' || origin === 'int') return typeof value === 'number';
  return true;
}

/** A path part as shown to people: a 100,000-character key is named by its start. */
function shortKey(part: PropertyKey): PropertyKey {
  return typeof part === 'string' && part.length > LIMITS.idLength ? `${part.slice(0, 24)}…(${part.length} characters)` : part;
}

const path = (parts: ReadonlyArray<PropertyKey>): string => jsonPath(parts.map(shortKey));

/** Turn one zod issue into problems; `doc` is the raw document the issue's path points into. */
function zodProblems(issue: Issue, doc: unknown, prefix: PropertyKey[], inner: PropertyKey[] = []): Problem[] {
  const rel = [...inner, ...issue.path];
  const issuePath = path([...prefix, ...rel]);
  const key = rel.length > 0 ? String(rel[rel.length - 1]) : '';
  const value = valueAt(doc, rel);
  const where = locate(doc, rel);
  const hint = HINTS[key];
  const say = (text: string): Problem[] => [problem('invalid_structure', issuePath || ROOT, text, where)];
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return say(`"${key}" is missing; add ${hint ?? `a value (${issue.expected})`}.`);
      return say(`Expected ${hint ?? issue.expected} here, but found ${describe(value)}.`);
    case 'unrecognized_keys': {
      const schema = isObj(value) && typeof value.kind === 'string' && value.kind in NODE_SCHEMAS ? NODE_SCHEMAS[value.kind as Kind] : undefined;
      const a = schema && isObj(value) ? article(String(value.kind)) : '';
      const allowed = schema ? ` ${a.charAt(0).toUpperCase()}${a.slice(1)} node has: ${Object.keys(schema.shape).join(', ')}.` : '';
      return issue.keys.map((k) =>
        problem('invalid_structure', path([...prefix, ...rel, k]), `"${String(shortKey(k))}" is not a field here; remove it or check its spelling.${allowed}`, where));
    }
    case 'too_big':
      if (!originMatches(issue.origin, value)) return []; // the invalid_type issue at the same path says it
      if (typeof value === 'string') return say(`This text has ${value.length} characters; at most ${String(issue.maximum)} are allowed. Shorten it.`);
      if (Array.isArray(value)) return say(`This list has ${value.length} entries; at most ${String(issue.maximum)} are allowed.`);
      return say(`${describe(value)} is too large; the largest allowed is ${String(issue.maximum)}.`);
    case 'too_small':
      if (!originMatches(issue.origin, value)) return [];
      if (typeof value === 'string') return say(issue.minimum === 1 ? `"${key}" cannot be empty.` : `This text is too short.`);
      if (Array.isArray(value)) return say(`This list needs at least ${String(issue.minimum)} entries (${hint ?? 'see the documentation'}).`);
      return say(`${describe(value)} is too small; the smallest allowed is ${String(issue.minimum)}.`);
    case 'invalid_value':
      return say(`${describe(value)} is not allowed here; use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`);
    case 'invalid_union': {
      const disc = (issue as { discriminator?: string }).discriminator;
      if (disc !== undefined) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map((o) => JSON.stringify(o)).join(', ');
        const what = disc === 'kind' ? 'node kind' : `"${disc}"`;
        // zod puts the discriminator key on the path when the object has one
        if (key === disc) return say(value === undefined ? `"${disc}" is missing; add one of ${options}.` : `Unknown ${what} ${describe(value)}; use one of ${options}.`);
        return say(`Expected an object with "${disc}" (one of ${options}), but found ${describe(value)}.`);
      }
      if (value === undefined) return say(`"${key}" is missing; add ${hint ?? 'a quantity with a unit such as "5 ms"'}.`);
      // a value that got past the first level of one alternative failed deeper inside it: report that
      const deep = issue.errors.filter((errs) => errs.some((e) => e.path.length > 0));
      if (deep.length === 1) return deep[0].flatMap((e) => zodProblems(e, doc, prefix, rel));
      const valueSpec = issue.errors.length > 2;
      return say(`${describe(value)} is not a valid value here; write ${valueSpec
        ? 'a quantity with a unit such as "5 ms", a plain number, a list of quantities, or a distribution such as {"dist": "normal", "mean": "-55 mV", "std": "5 mV"}'
        : 'a quantity with a unit such as "5 ms" (as text) or a plain number'}.`);
    }
    default:
      return say(`${issue.message}${hint ? ` (expected ${hint})` : ''}.`);
  }
}
