/**
 * The last run's results stored inside a project file, so a lecturer can open a project and
 * show results without re-running. Bulk data is base64 of little-endian typed arrays (never
 * JSON number lists); the settings and seed that produced them travel along, and a fingerprint
 * of the document lets loading drop results that no longer belong to it.
 */
import type { Document } from './document';
import type { CountTrace, RunResults, SpikeTrain, StateTrace } from './results';
import { stableStringify } from './stableJson';

/** Results as they appear in a file (all bulk arrays base64, little-endian). */
export interface StoredResults {
  /** documentFingerprint() of the document that produced them. */
  readonly fingerprint: string;
  /** dt in ms, steps simulated, seed and backend of the run. */
  readonly settings: { readonly dt: number; readonly steps: number; readonly seed: number; readonly backend: string };
  readonly spikes: ReadonlyArray<{ monitor: string; population: string; size: number; steps: string; ids: string }>;
  readonly traces: ReadonlyArray<{
    monitor: string; population: string; variable: string; unit: string; neurons: string; steps: string; values: string;
  }>;
  readonly counts: ReadonlyArray<{ monitor: string; population: string; size: number; startStep: number; counts: string }>;
}

// ---------- fingerprint ----------

/** Two independent 32-bit multiply-xor lanes over UTF-16 code units: 64 bits, enough to tell documents apart. */
function hash64(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Fingerprint of what a run depends on: the stable-serialised document without its title,
 * description, node labels and canvas positions, so moving a node or fixing a typo in the
 * description keeps the stored results, while any change to the network or settings drops them.
 */
export function documentFingerprint(doc: Document): string {
  const nodes = doc.nodes.map((n) => {
    const copy: Record<string, unknown> = { ...n };
    delete copy.label;
    delete copy.position;
    return copy;
  });
  // the custom models' texts shape the results too; absent when there are none (version 1 fingerprints stay valid)
  const models = doc.customModels?.length ? { customModels: doc.customModels.map(({ name, source }) => ({ name, source })) } : {};
  return `h64:${hash64(stableStringify({ simulation: doc.simulation, nodes, wires: doc.wires, ...models }))}`;
}

// ---------- base64 of little-endian typed arrays ----------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    chunk += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Decode standard padded base64; throws CodecError on anything else. */
export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new CodecError('its length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(i + j);
      const isPad = code === 61 && i + 4 === text.length && j >= 4 - pad;
      const v = isPad ? 0 : code < 128 ? DECODE[code] : -1;
      if (v < 0) throw new CodecError(`it contains ${JSON.stringify(text[i + j])}, which is not a base64 character`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

type Typed = Int32Array | Float32Array;

function typedToBase64(a: Typed): string {
  let bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  if (!LITTLE_ENDIAN) {
    const view = new DataView(new ArrayBuffer(a.byteLength));
    for (let i = 0; i < a.length; i++) {
      if (a instanceof Int32Array) view.setInt32(i * 4, a[i], true);
      else view.setFloat32(i * 4, a[i], true);
    }
    bytes = new Uint8Array(view.buffer);
  }
  return bytesToBase64(bytes);
}

function base64ToTyped<T extends Typed>(text: string, make: (n: number) => T, what: string): T {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(text);
  } catch (e) {
    throw new CodecError(`${what} is not valid base64: ${(e as Error).message}`);
  }
  if (bytes.length % 4 !== 0) throw new CodecError(`${what} holds ${bytes.length} bytes, not a whole number of 4-byte values`);
  const out = make(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const isInt = out instanceof Int32Array;
  for (let i = 0; i < out.length; i++) out[i] = isInt ? view.getInt32(i * 4, true) : view.getFloat32(i * 4, true);
  return out;
}

/** A stored result that cannot be decoded; `path` is relative to the results object. */
export class CodecError extends Error {
  constructor(message: string, readonly path = '') {
    super(message);
  }
}

// ---------- encode / decode ----------

/** Results of a run as stored in the file for `doc`. */
export function encodeResults(doc: Document, results: RunResults): StoredResults {
  return {
    fingerprint: documentFingerprint(doc),
    settings: { dt: results.dt, steps: results.steps, seed: results.seed, backend: results.backend },
    spikes: results.spikes.map((s) => ({
      monitor: s.monitor, population: s.population, size: s.size, steps: typedToBase64(s.steps), ids: typedToBase64(s.ids),
    })),
    traces: results.traces.map((t) => ({
      monitor: t.monitor, population: t.population, variable: t.variable, unit: t.unit,
      neurons: typedToBase64(t.neurons), steps: typedToBase64(t.steps), values: typedToBase64(t.values),
    })),
    counts: results.counts.map((c) => ({
      monitor: c.monitor, population: c.population, size: c.size, startStep: c.startStep, counts: typedToBase64(c.counts),
    })),
  };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function field<T>(o: Record<string, unknown>, key: string, path: string, check: (v: unknown) => v is T, want: string): T {
  const v = o[key];
  if (!check(v)) throw new CodecError(`"${key}" should be ${want}`, path ? `${path}.${key}` : key);
  return v;
}
const isStr = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPositive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isList = (v: unknown): v is unknown[] => Array.isArray(v);

function ints(o: Record<string, unknown>, key: string, path: string): Int32Array {
  const p = `${path}.${key}`;
  try {
    return base64ToTyped(field(o, key, path, isStr, 'base64 text'), (n) => new Int32Array(n), `"${key}"`);
  } catch (e) {
    throw new CodecError((e as Error).message, p);
  }
}

function inRange(a: Int32Array, lo: number, hi: number, what: string, path: string): void {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < lo || a[i] >= hi) throw new CodecError(`${what} ${a[i]} is outside 0..${hi - 1}`, path);
  }
}

/** The fingerprint a stored results object claims, if it has one (checked before decoding). */
export function storedFingerprint(stored: unknown): string | undefined {
  return isObj(stored) && typeof stored.fingerprint === 'string' ? stored.fingerprint : undefined;
}

/** Decode stored results, checking every array's length and range; throws CodecError with a path. */
export function decodeResults(stored: unknown): RunResults {
  if (!isObj(stored)) throw new CodecError('results should be an object');
  const s = field(stored, 'settings', '', isObj, 'an object with dt, steps, seed and backend');
  const dt = field(s, 'dt', 'settings', isPositive, 'a positive number (ms)');
  const steps = field(s, 'steps', 'settings', isCount, 'a whole number of steps');
  const seed = field(s, 'seed', 'settings', isCount, 'a whole number');
  const backend = field(s, 'backend', 'settings', isStr, 'the name of a backend');
  const spikes: SpikeTrain[] = field(stored, 'spikes', '', isList, 'a list').map((x, i) => {
    const path = `spikes[${i}]`;
    if (!isObj(x)) throw new CodecError('should be an object', path);
    const size = field(x, 'size', path, isCount, 'a whole number');
    const st = ints(x, 'steps', path);
    const ids = ints(x, 'ids', path);
    if (st.length !== ids.length) throw new CodecError(`has ${st.length} spike steps but ${ids.length} neuron ids`, path);
    inRange(st, 0, steps + 1, 'spike step', `${path}.steps`);
    inRange(ids, 0, size, 'neuron id', `${path}.ids`);
    return { monitor: field(x, 'monitor', path, isStr, 'a node id'), population: field(x, 'population', path, isStr, 'a node id'), size, steps: st, ids };
  });
  const traces: StateTrace[] = field(stored, 'traces', '', isList, 'a list').map((x, i) => {
    const path = `traces[${i}]`;
    if (!isObj(x)) throw new CodecError('should be an object', path);
    const neurons = ints(x, 'neurons', path);
    const st = ints(x, 'steps', path);
    inRange(st, 0, steps + 1, 'sample step', `${path}.steps`);
    let values: Float32Array;
    try {
      values = base64ToTyped(field(x, 'values', path, isStr, 'base64 text'), (n) => new Float32Array(n), '"values"');
    } catch (e) {
      throw new CodecError((e as Error).message, `${path}.values`);
    }
    if (values.length !== st.length * neurons.length) {
      throw new CodecError(`holds ${values.length} values, not ${st.length} samples × ${neurons.length} neurons`, `${path}.values`);
    }
    return {
      monitor: field(x, 'monitor', path, isStr, 'a node id'), population: field(x, 'population', path, isStr, 'a node id'),
      variable: field(x, 'variable', path, isStr, 'a variable name'), unit: field(x, 'unit', path, isStr, 'a unit'),
      neurons, steps: st, values,
    };
  });
  const counts: CountTrace[] = field(stored, 'counts', '', isList, 'a list').map((x, i) => {
    const path = `counts[${i}]`;
    if (!isObj(x)) throw new CodecError('should be an object', path);
    const size = field(x, 'size', path, isCount, 'a whole number');
    const c = ints(x, 'counts', path);
    inRange(c, 0, size + 1, 'count', `${path}.counts`);
    return {
      monitor: field(x, 'monitor', path, isStr, 'a node id'), population: field(x, 'population', path, isStr, 'a node id'),
      size, startStep: field(x, 'startStep', path, isCount, 'a whole number'), counts: c,
    };
  });
  return { dt, steps, seed, backend, spikes, traces, counts };
}
