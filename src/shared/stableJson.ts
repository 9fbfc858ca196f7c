/**
 * JSON for project files: a writer whose output depends only on the value (so saving the same
 * document twice gives byte-identical files that diff well in git) and a careful reader that
 * bounds nesting and says where malformed text goes wrong. No Node builtins: this also runs in
 * browsers and workers.
 */

/** Keys that read best first, in this order; every other key follows alphabetically. */
const KEY_ORDER = [
  'format', 'version', 'document', 'results',
  'meta', 'title', 'description', 'simulation', 'nodes', 'wires',
  'id', 'kind', 'label', 'model', 'size', 'record', 'rule', 'from', 'to', 'position',
  'conn', 'weight', 'delay', 'synapse', 'output', 'plasticity', 'params', 'init',
  'variables', 'neurons', 'interval',
  'dt', 'duration', 'seed', 'backend', 'dist', 'mean', 'std', 'low', 'high',
] as const;
const KEY_RANK = new Map<string, number>(KEY_ORDER.map((k, i) => [k, i]));

/** Arrays of plain values this short are written on one line ("position": [0, 0]). */
const INLINE_ARRAY_CHARS = 100;
/** Small flat objects (wires, distributions, synapse models) too: {"from": "E", "to": "I"}. */
const INLINE_OBJECT_CHARS = 80;
const INLINE_OBJECT_KEYS = 3;
const INDENT = '  ';

function compareKeys(a: string, b: string): number {
  const ra = KEY_RANK.get(a);
  const rb = KEY_RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Numbers are written as ECMAScript's shortest round-trip form (the same on every engine),
 * with -0 written as 0. A non-finite number has no JSON form, so it is refused instead of
 * silently becoming null and making the file unloadable.
 */
function formatNumber(x: number, path: string): string {
  if (!Number.isFinite(x)) throw new Error(`cannot save ${String(x)} at ${path || '(document)'}: numbers in a project must be finite`);
  return Object.is(x, -0) ? '0' : String(x);
}

function isPlain(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function write(value: unknown, indent: string, path: string): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null) return 'null';
  if (typeof value === 'number') return formatNumber(value, path);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') throw new Error(`cannot save a bigint at ${path || '(document)'}`);
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v, i) => write(v, inner, `${path}[${i}]`) ?? 'null');
    if (value.every(isPlain)) {
      const line = `[${items.join(', ')}]`;
      if (line.length <= INLINE_ARRAY_CHARS) return line;
    }
    return `[\n${items.map((s) => inner + s).join(',\n')}\n${indent}]`;
  }
  const obj = value as Record<string, unknown>;
  const entries: string[] = [];
  let flat = true;
  for (const key of Object.keys(obj).sort(compareKeys)) {
    const s = write(obj[key], inner, path ? `${path}.${key}` : key);
    if (s === undefined) continue;
    entries.push(`${JSON.stringify(key)}: ${s}`);
    flat &&= isPlain(obj[key]);
  }
  if (entries.length === 0) return '{}';
  if (flat && entries.length <= INLINE_OBJECT_KEYS) {
    const line = `{${entries.join(', ')}}`;
    if (line.length <= INLINE_OBJECT_CHARS) return line;
  }
  return `{\n${entries.map((e) => inner + e).join(',\n')}\n${indent}}`;
}

/**
 * Serialise plain data (objects, arrays, strings, finite numbers, booleans, null) with a stable
 * key order, 2-space indentation and short value lists on one line. Undefined fields are left
 * out. Throws on values JSON cannot hold (non-finite numbers, bigint).
 */
export function stableStringify(value: unknown): string {
  return write(value, '', '') ?? 'null';
}

/** Where malformed JSON goes wrong: offset into the text, 1-based line and column, and why. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

export type JsonReadResult = { ok: true; value: unknown } | { ok: false; error: JsonSyntaxError; tooDeep: boolean };

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

type Scan = { offset: number; reason: string; tooDeep: boolean } | null;

/**
 * Check JSON syntax without recursion, refusing nesting deeper than maxDepth before
 * JSON.parse ever sees the text (a file of a million "[" must not exhaust the stack).
 */
function scan(text: string, maxDepth: number): Scan {
  const n = text.length;
  let i = 0;
  const stack: boolean[] = []; // true: object, false: array
  const fail = (reason: string, at = i): Scan => ({ offset: at, reason, tooDeep: false });
  const ws = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const str = (): Scan => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) return fail('a text in quotes is never closed', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return null;
      }
      if (c < 32) return fail('a line break or control character inside quotes must be escaped');
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!HEX4.test(text.slice(i + 2, i + 6))) return fail('"\\u" must be followed by four hex digits');
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) i += 2;
        else return fail('unknown escape after a backslash');
      } else i++;
    }
  };
  // state: 0 value, 1 value or ']', 2 key or '}', 3 key, 4 ':', 5 ',' or close
  let state = 0;
  for (;;) {
    ws();
    if (state === 0 || state === 1) {
      if (i >= n) return fail('the file ends where a value was expected');
      const ch = text[i];
      if (ch === ']' && state === 1) {
        stack.pop();
        i++;
      } else if (ch === '{' || ch === '[') {
        stack.push(ch === '{');
        if (stack.length > maxDepth) return { offset: i, reason: `values are nested more than ${maxDepth} levels deep`, tooDeep: true };
        i++;
        state = ch === '{' ? 2 : 1;
        continue;
      } else if (ch === '"') {
        const e = str();
        if (e) return e;
      } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) return fail('a number is malformed');
        i += m[0].length;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else return fail(`unexpected ${JSON.stringify(ch)} where a value was expected`);
      // a value is complete
      if (stack.length === 0) {
        ws();
        return i < n ? fail('unexpected text after the end of the project') : null;
      }
      state = 5;
    } else if (state === 2 || state === 3) {
      if (i < n && text[i] === '}' && state === 2) {
        stack.pop();
        i++;
        if (stack.length === 0) {
          ws();
          return i < n ? fail('unexpected text after the end of the project') : null;
        }
        state = 5;
        continue;
      }
      if (i >= n || text[i] !== '"') return fail(i >= n ? 'the file ends inside an object' : 'a field name in double quotes was expected');
      const e = str();
      if (e) return e;
      state = 4;
    } else if (state === 4) {
      if (i >= n || text[i] !== ':') return fail('a ":" was expected after the field name');
      i++;
      state = 0;
    } else {
      const inObject = stack[stack.length - 1];
      if (i >= n) return fail(`the file ends before the closing "${inObject ? '}' : ']'}"`);
      const ch = text[i];
      if (ch === ',') {
        i++;
        state = inObject ? 3 : 0;
      } else if (ch === (inObject ? '}' : ']')) {
        stack.pop();
        i++;
        if (stack.length === 0) {
          ws();
          return i < n ? fail('unexpected text after the end of the project') : null;
        }
      } else return fail(`a "," or "${inObject ? '}' : ']'}" was expected (is a comma missing?)`);
    }
  }
}

/** Parse JSON text, refusing nesting deeper than maxDepth and locating any syntax error. */
export function readJson(text: string, maxDepth: number): JsonReadResult {
  const bad = scan(text, maxDepth);
  if (bad) {
    const { line, column } = lineColumn(text, bad.offset);
    return { ok: false, tooDeep: bad.tooDeep, error: { offset: bad.offset, line, column, reason: bad.reason } };
  }
  return { ok: true, value: JSON.parse(text) as unknown };
}
