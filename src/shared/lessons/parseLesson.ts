/**
 * Lesson files: text -> Lesson, or every mistake with its line. The file is a series of sections,
 * each a small YAML block between two `---` lines followed by Markdown; the first section is the
 * lesson's header, the others its steps (docs/lesson-format.md). YAML is read by the `yaml`
 * package (its LineCounter gives every key's line, so a wrong key is reported where it is).
 */
import { isMap, LineCounter, parseDocument, type Document as YamlDocument } from 'yaml';
import { dimensionOf, parseQuantity, parseRaw, isUnitError, type DimensionName } from '../units';
import type { Bound, CheckRange, Lesson, LessonCheck, LessonEdit, LessonError, LessonProject, LessonStep, ParsedLesson, ResultCheckKind } from './types';
import { DOCUMENT_CHECKS, RESULT_CHECKS } from './types';

/** A lesson file larger than this is not a lesson (a wrong file picked). */
export const MAX_LESSON_BYTES = 512 * 1024;

const FENCE = /^---\s*$/;

interface Section {
  /** YAML text and the 1-based line of its first line. */
  readonly yaml: string;
  readonly yamlLine: number;
  readonly body: string;
  /** Line of the opening `---`. */
  readonly line: number;
}

/** Split the file into header + steps at its `---` lines. */
function sections(text: string, errors: LessonError[]): Section[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) {
    errors.push({ line: 1, message: 'The lesson file is empty. It starts with a `---` line, the header (title:, project:), and another `---` line.' });
    return [];
  }
  if (!FENCE.test(lines[first])) {
    errors.push({ line: first + 1, message: 'A lesson file starts with a `---` line that opens its header (title:, project:); found text instead.' });
    return [];
  }
  const out: Section[] = [];
  let i = first;
  while (i < lines.length) {
    const open = i;
    let close = open + 1;
    while (close < lines.length && !FENCE.test(lines[close])) close++;
    if (close >= lines.length) {
      errors.push({ line: open + 1, message: 'This `---` opens a block of settings that is never closed: add a `---` line after them, then the step\'s text.' });
      return out;
    }
    let end = close + 1;
    while (end < lines.length && !FENCE.test(lines[end])) end++;
    out.push({ yaml: lines.slice(open + 1, close).join('\n'), yamlLine: open + 2, body: lines.slice(close + 1, end).join('\n').trim(), line: open + 1 });
    i = end;
  }
  return out;
}

type Path = readonly (string | number)[];

/** Reads one section's YAML, reporting mistakes at the line of the key concerned. */
class Block {
  readonly value: Record<string, unknown>;
  /** The YAML itself is broken (already reported): its keys are not checked further. */
  readonly broken: boolean;
  private readonly doc: YamlDocument;
  private readonly counter: LineCounter;

  constructor(
    readonly section: Section,
    private readonly errors: LessonError[],
  ) {
    this.counter = new LineCounter();
    this.doc = parseDocument(section.yaml, { lineCounter: this.counter, prettyErrors: false, uniqueKeys: true });
    for (const e of this.doc.errors) {
      const line = this.counter.linePos(e.pos[0]).line;
      errors.push({ line: section.yamlLine + line - 1, message: `The settings are not valid YAML: ${e.message.split('\n')[0]}` });
    }
    this.broken = this.doc.errors.length > 0;
    const js: unknown = this.broken ? null : this.doc.toJS();
    this.value = js !== null && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
    if (!this.doc.errors.length && js !== null && (typeof js !== 'object' || Array.isArray(js))) {
      this.error([], 'The settings between the `---` lines must be `key: value` lines.');
    }
  }

  /** 1-based line in the lesson file of the value at `path` (or of the nearest enclosing one). */
  lineOf(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? this.doc.contents : this.doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
      if (range) return this.section.yamlLine + this.counter.linePos(range[0]).line - 1;
    }
    return this.section.line;
  }

  /** Line of the key `path[last]` itself (a mapping's key, so a wrong key is pointed at). */
  keyLine(path: Path): number {
    const parent = path.length > 1 ? this.doc.getIn(path.slice(0, -1), true) : this.doc.contents;
    if (isMap(parent)) {
      const item = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[path.length - 1]);
      const range = (item?.key as { range?: [number, number, number] } | null)?.range;
      if (range) return this.section.yamlLine + this.counter.linePos(range[0]).line - 1;
    }
    return this.lineOf(path);
  }

  error(path: Path, message: string): void {
    this.errors.push({ line: this.lineOf(path), message });
  }

  /** Keys of `obj` (at `path`) outside `allowed` are reported with what is allowed. */
  onlyKeys(obj: Record<string, unknown>, path: Path, allowed: readonly string[], what: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.errors.push({ line: this.keyLine([...path, key]), message: `Unknown key "${key}" in ${what} (allowed: ${allowed.join(', ')}).` });
    }
  }

  text(path: Path, value: unknown, what: string, required: boolean): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.error(path, `${what} is missing.`);
      return undefined;
    }
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value.trim() === '') {
      this.error(path, `${what} must be a text.`);
      return undefined;
    }
    return value.trim();
  }

  list(path: Path, value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(path, `"${String(path[path.length - 1])}" is a list: write each entry on its own line starting with "- ".`);
      return [];
    }
    return value;
  }
}

const HEADER_KEYS = ['title', 'summary', 'project'] as const;
const STEP_KEYS = ['step', 'ask', 'setup', 'check', 'hint', 'show'] as const;
const EDIT_KINDS = ['load', 'set', 'simulation', 'add', 'remove', 'wire', 'unwire'] as const;
const RANGE_KEYS = ['between', 'at-least', 'at-most', 'equals'] as const;

/** The unit a result check measures in (null: whatever the bound's unit says). */
const CHECK_DIMENSION: Record<ResultCheckKind, DimensionName | null> = {
  rate: 'rate',
  spikes: 'dimensionless',
  cv: 'dimensionless',
  rheobase: 'current',
  'peak-frequency': 'rate',
  'first-spike': 'time',
  latency: 'time',
  'trace-max': null,
  'trace-min': null,
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function projectOf(block: Block, path: Path, value: unknown): LessonProject | undefined {
  if (typeof value === 'string' && value.trim() !== '') {
    const name = value.trim();
    if (!/\.snn$/.test(name) || /[\\/]/.test(name)) {
      block.error(path, `project: "${name}" is not an example's file name; write one of resources/examples (e.g. 01-single-lif.snn), or the project inline as a YAML mapping.`);
      return undefined;
    }
    return { kind: 'example', name };
  }
  if (isRecord(value)) return { kind: 'inline', document: value };
  block.error(path, 'project: write the file name of an example (01-single-lif.snn) or a document as a YAML mapping.');
  return undefined;
}

/** One bound in `dim` (or in the dimension its unit names when dim is null). */
function boundOf(block: Block, path: Path, value: unknown, dim: DimensionName | null): { bound: Bound; dim: DimensionName } | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    block.error(path, 'A bound is a number, with its unit where it has one (60 Hz, -50 mV, 1.5 nA).');
    return undefined;
  }
  const text = String(value).trim();
  let want = dim;
  if (want === null) {
    const raw = typeof value === 'number' ? { number: value, unit: null } : parseRaw(text);
    if (isUnitError(raw)) {
      block.error(path, `"${text}" is not a quantity.`);
      return undefined;
    }
    want = raw.unit === null ? 'dimensionless' : (dimensionOf(raw.unit) ?? null);
    if (want === null) {
      block.error(path, `"${text}": its unit is not one the app uses (mV, ms, nA, µS, MΩ, nF, Hz).`);
      return undefined;
    }
  }
  const q = parseQuantity(typeof value === 'number' ? value : text, want);
  if (!q.ok) {
    block.error(path, `"${text}": ${q.reason}`);
    return undefined;
  }
  return { bound: { text, value: q.value }, dim: want };
}

function rangeOf(block: Block, path: Path, check: Record<string, unknown>, dim: DimensionName | null): CheckRange | undefined {
  const given = RANGE_KEYS.filter((k) => check[k] !== undefined);
  if (given.length === 0) {
    block.error(path, `This check needs a range: between: [low, high], at-least:, at-most: or equals:.`);
    return undefined;
  }
  if (given.length > 1 && !(given.length === 2 && given.includes('at-least') && given.includes('at-most'))) {
    block.error([...path, given[1]], `Give one range per check (${given.join(' and ')} both given).`);
    return undefined;
  }
  let d = dim;
  const one = (key: string, v: unknown, index?: number): Bound | undefined => {
    const r = boundOf(block, index === undefined ? [...path, key] : [...path, key, index], v, d);
    if (r) d = r.dim;
    return r?.bound;
  };
  if (given[0] === 'between') {
    const b = check.between;
    if (!Array.isArray(b) || b.length !== 2) {
      block.error([...path, 'between'], 'between: takes two bounds in brackets, e.g. between: [60 Hz, 80 Hz].');
      return undefined;
    }
    const min = one('between', b[0], 0);
    const max = one('between', b[1], 1);
    if (!min || !max) return undefined;
    if (min.value > max.value) {
      block.error([...path, 'between'], `between: the low bound ${min.text} is above the high bound ${max.text}.`);
      return undefined;
    }
    return { dim: d ?? 'dimensionless', min, max };
  }
  if (given[0] === 'equals') {
    const v = one('equals', check.equals);
    return v ? { dim: d ?? 'dimensionless', min: v, max: v } : undefined;
  }
  const min = check['at-least'] !== undefined ? one('at-least', check['at-least']) : undefined;
  const max = check['at-most'] !== undefined ? one('at-most', check['at-most']) : undefined;
  if ((check['at-least'] !== undefined && !min) || (check['at-most'] !== undefined && !max)) return undefined;
  return { dim: d ?? 'dimensionless', ...(min ? { min } : {}), ...(max ? { max } : {}) };
}

const CHECK_KINDS = [...Object.keys(RESULT_CHECKS), ...Object.keys(DOCUMENT_CHECKS)];

function checkOf(block: Block, path: Path, value: unknown): LessonCheck | undefined {
  if (!isRecord(value)) {
    block.error(path, `A check is a mapping such as "- rate: E" with a range on the next line (kinds: ${CHECK_KINDS.join(', ')}).`);
    return undefined;
  }
  // In a param check, node: names the node (it is not the node check).
  const kinds = Object.keys(value).filter((k) => CHECK_KINDS.includes(k) && !(k === 'node' && 'param' in value));
  if (kinds.length !== 1) {
    block.error(path, kinds.length === 0 ? `This check says nothing to measure: start it with one of ${CHECK_KINDS.join(', ')}.` : `One measurement per check (${kinds.join(' and ')} given); make two checks.`);
    return undefined;
  }
  const kind = kinds[0];
  const line = block.lineOf(path);
  if (kind === 'wire') {
    block.onlyKeys(value, path, ['wire'], 'a wire check');
    const w = value.wire;
    if (!isRecord(w) || typeof w.from !== 'string' || typeof w.to !== 'string') {
      block.error([...path, 'wire'], 'wire: names both ends, e.g. wire: {from: pre, to: "pre->post"}.');
      return undefined;
    }
    return { kind: 'wire', from: w.from, to: w.to, line };
  }
  if (kind === 'node') {
    block.onlyKeys(value, path, ['node', 'kind', 'model'], 'a node check');
    const node = block.text([...path, 'node'], value.node, 'node:', true);
    const nodeKind = block.text([...path, 'kind'], value.kind, 'kind:', false);
    const model = block.text([...path, 'model'], value.model, 'model:', false);
    if (!node) return undefined;
    return { kind: 'node', node, ...(nodeKind ? { nodeKind } : {}), ...(model ? { model } : {}), line };
  }
  if (kind === 'param') {
    block.onlyKeys(value, path, ['param', 'node', ...RANGE_KEYS], 'a param check');
    const field = block.text([...path, 'param'], value.param, 'param: (the field, e.g. params.R)', true);
    const node = block.text([...path, 'node'], value.node, 'node: (the node whose field is checked)', true);
    const range = rangeOf(block, path, value, null);
    if (!field || !node || !range) return undefined;
    return { kind: 'param', node, field, range, line };
  }
  const rk = kind as ResultCheckKind;
  const traces = rk === 'trace-max' || rk === 'trace-min';
  const windowed = rk === 'rate' || rk === 'cv' || rk === 'peak-frequency' || rk === 'latency';
  const latency = rk === 'latency';
  block.onlyKeys(value, path, [kind, ...RANGE_KEYS, ...(traces ? ['variable'] : []), ...(windowed ? ['from'] : []), ...(latency ? ['to', 'period'] : [])], `a ${kind} check`);
  const population = block.text([...path, kind], value[kind], `${kind}: (the population measured)`, true);
  const variable = traces ? (block.text([...path, 'variable'], value.variable, 'variable:', false) ?? 'V') : undefined;
  const dim = traces ? (variable === 'V' ? 'voltage' : null) : CHECK_DIMENSION[rk];
  const range = rangeOf(block, path, value, dim);
  let fromMs: number | undefined;
  if (windowed && value.from !== undefined) fromMs = boundOf(block, [...path, 'from'], value.from, 'time')?.bound.value;
  const toMs = latency && value.to !== undefined ? boundOf(block, [...path, 'to'], value.to, 'time')?.bound.value : undefined;
  let periodMs: number | undefined;
  if (latency) {
    if (value.period === undefined) block.error(path, 'A latency check needs period: (the time the pattern repeats with, e.g. period: 100 ms).');
    else periodMs = boundOf(block, [...path, 'period'], value.period, 'time')?.bound.value;
    if (periodMs !== undefined && !(periodMs > 0)) block.error([...path, 'period'], 'period: must be longer than 0 ms.');
  }
  if (!population || !range || (latency && !(periodMs !== undefined && periodMs > 0))) return undefined;
  return {
    kind: rk, population, range, ...(variable !== undefined ? { variable } : {}), ...(fromMs !== undefined ? { fromMs } : {}),
    ...(toMs !== undefined ? { toMs } : {}), ...(periodMs !== undefined ? { periodMs } : {}), line,
  };
}

function endsOf(block: Block, path: Path, v: unknown, what: string): { from: string; to: string } | undefined {
  if (isRecord(v) && typeof v.from === 'string' && typeof v.to === 'string') return { from: v.from, to: v.to };
  block.error(path, `${what}: names both ends, e.g. ${what}: {from: drive, to: neuron}.`);
  return undefined;
}

/** A list of edits (setup: or show:); `run` is allowed in show: only. */
function editsOf(block: Block, path: Path, value: unknown, allowRun: boolean): { edits: LessonEdit[]; run: boolean } {
  const edits: LessonEdit[] = [];
  let run = false;
  block.list(path, value).forEach((item, i) => {
    const at = [...path, i];
    const line = block.lineOf(at);
    if (item === 'run') {
      if (allowRun) run = true;
      else block.error(at, '"run" belongs in show: (the solution runs the network); setup: only changes the project.');
      return;
    }
    if (!isRecord(item) || Object.keys(item).length !== 1 || !(EDIT_KINDS as readonly string[]).includes(Object.keys(item)[0])) {
      block.error(at, `Each entry is one of: ${EDIT_KINDS.map((k) => `${k}:`).join(', ')}${allowRun ? ', or the word run' : ''}.`);
      return;
    }
    const [kind, v] = Object.entries(item)[0];
    const vp = [...at, kind];
    switch (kind) {
      case 'load': {
        const project = projectOf(block, vp, v);
        if (project) edits.push({ type: 'load', project, line });
        return;
      }
      case 'set': {
        if (!isRecord(v) || typeof v.node !== 'string' || typeof v.field !== 'string' || v.value === undefined || v.value === null) {
          block.error(vp, 'set: needs node, field and value, e.g. set: {node: neuron, field: params.R, value: 10 MOhm}.');
          return;
        }
        block.onlyKeys(v, vp, ['node', 'field', 'value'], 'set:');
        edits.push({ type: 'set', node: v.node, field: v.field, value: v.value as never, line });
        return;
      }
      case 'simulation': {
        if (!isRecord(v) || Object.values(v).some((x) => typeof x !== 'string' && typeof x !== 'number')) {
          block.error(vp, 'simulation: takes run settings, e.g. simulation: {duration: 200 ms}.');
          return;
        }
        block.onlyKeys(v, vp, ['duration', 'dt', 'seed'], 'simulation:');
        edits.push({ type: 'simulation', values: v as Record<string, string | number>, line });
        return;
      }
      case 'add': {
        if (!isRecord(v) || typeof v.id !== 'string' || typeof v.kind !== 'string') {
          block.error(vp, 'add: takes a node as in a project file, with at least id and kind.');
          return;
        }
        edits.push({ type: 'add', node: v, line });
        return;
      }
      case 'remove': {
        if (typeof v !== 'string') {
          block.error(vp, 'remove: takes the id of the node to remove.');
          return;
        }
        edits.push({ type: 'remove', node: v, line });
        return;
      }
      default: {
        const ends = endsOf(block, vp, v, kind);
        if (ends) edits.push({ type: kind as 'wire' | 'unwire', ...ends, line });
      }
    }
  });
  return { edits, run };
}

function hintsOf(block: Block, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value.trim()];
  if (Array.isArray(value) && value.every((h) => typeof h === 'string')) return value.map((h: string) => h.trim());
  block.error(['hint'], 'hint: is a text, or a list of texts shown one more after each wrong try.');
  return [];
}

function stepOf(section: Section, errors: LessonError[]): LessonStep | undefined {
  const block = new Block(section, errors);
  if (block.broken) return undefined;
  const v = block.value;
  block.onlyKeys(v, [], STEP_KEYS, 'a step');
  const title = block.text(['step'], v.step, 'step: (the step\'s title)', true);
  const ask = block.text(['ask'], v.ask, 'ask:', false);
  const setup = editsOf(block, ['setup'], v.setup, false);
  const show = editsOf(block, ['show'], v.show, true);
  const checks = block.list(['check'], v.check).flatMap((c, i) => checkOf(block, ['check', i], c) ?? []);
  const hints = hintsOf(block, v.hint);
  if (checks.length > 0 && show.edits.length === 0 && !show.run) block.error(['check'], 'A step with a check needs a show: solution (its edits, then run), so "Show me" can do it and `snn lesson check` can test it.');
  if (title === undefined) return undefined;
  if (section.body === '' && ask === undefined) block.error([], `Step "${title}" has no text: write it in Markdown after the closing \`---\`.`);
  return { title, text: section.body, ...(ask ? { ask } : {}), setup: setup.edits, checks, hints, show: show.edits, showRuns: show.run, line: section.line };
}

/** Parse a lesson file; every mistake is reported with its line, and nothing half-parsed is returned. */
export function parseLesson(text: string): ParsedLesson {
  const errors: LessonError[] = [];
  if (text.length > MAX_LESSON_BYTES) return { ok: false, errors: [{ line: 1, message: `The file is ${Math.round(text.length / 1024)} KiB; a lesson is at most ${MAX_LESSON_BYTES / 1024} KiB of text.` }] };
  const all = sections(text, errors);
  if (all.length === 0) return { ok: false, errors };
  const [head, ...rest] = all;
  const header = new Block(head, errors);
  if (header.broken) return { ok: false, errors };
  header.onlyKeys(header.value, [], HEADER_KEYS, 'the lesson header');
  const title = header.text(['title'], header.value.title, 'title:', true);
  const summary = header.text(['summary'], header.value.summary, 'summary:', false) ?? '';
  const project = header.value.project === undefined ? (header.error([], 'project: is missing (an example file name such as 01-single-lif.snn, or a document).'), undefined) : projectOf(header, ['project'], header.value.project);
  const steps: LessonStep[] = [];
  if (head.body !== '') steps.push({ title: 'Introduction', text: head.body, setup: [], checks: [], hints: [], show: [], showRuns: false, line: head.line });
  for (const s of rest) {
    const step = stepOf(s, errors);
    if (step) steps.push(step);
  }
  if (rest.length === 0 && errors.length === 0) errors.push({ line: head.line, message: 'The lesson has no steps: after the header, each step is a `---` block (step: its title) followed by its text.' });
  if (errors.length > 0 || !title || !project) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  const lesson: Lesson = { title, summary, project, steps };
  return { ok: true, lesson };
}

/** "line 12: ..." as the CLI and the app print a lesson error. */
export function formatLessonError(e: LessonError, file?: string): string {
  return `${file ? `${file}:` : 'line '}${e.line}: ${e.message}`;
}
