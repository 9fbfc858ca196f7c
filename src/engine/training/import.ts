/**
 * The user's own spike data: CSV (one spike per row) or NPY (a dense 0/1 raster plus a labels
 * array). Parsing is pure (text or bytes in, data set out) so it runs in the CLI and in a browser
 * worker alike; a bad file is refused with the line and field (CSV) or the header field (NPY).
 *
 * CSV: a header naming the columns sample, time_ms, unit, label (any order, more columns
 * ignored); each row is one spike of a sample. A row with empty time_ms and unit declares a
 * sample without spikes. Samples are numbered by the user; their order in the data set is that
 * of first appearance.
 */
import type { SpikeDataset, SpikeSample } from './dataset';

export class DataImportError extends Error {}

const REQUIRED = ['sample', 'time_ms', 'unit', 'label'] as const;

export function importCsv(text: string, name = 'csv'): SpikeDataset {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col: Record<string, number> = {};
  for (const r of REQUIRED) {
    col[r] = header.indexOf(r);
    if (col[r] < 0) throw new DataImportError(`${name}: line 1 (header) has no column "${r}"; it needs ${REQUIRED.join(', ')}.`);
  }
  const bySample = new Map<string, { times: number[]; units: number[]; label: number; line: number }>();
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells = raw.split(',').map((c) => c.trim());
    const at = (field: string): string => cells[col[field]] ?? '';
    const where = (field: string): string => `${name}: line ${k + 1}, field "${field}"`;
    const num = (field: string, integer: boolean): number => {
      const text = at(field);
      const v = Number(text);
      if (text === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < 0) {
        throw new DataImportError(`${where(field)}: "${text}" is not ${integer ? 'a whole number' : 'a number'} of at least 0.`);
      }
      return v;
    };
    const id = at('sample');
    if (id === '') throw new DataImportError(`${where('sample')}: the sample id is empty.`);
    const label = num('label', true);
    let entry = bySample.get(id);
    if (!entry) bySample.set(id, (entry = { times: [], units: [], label, line: k + 1 }));
    else if (entry.label !== label) {
      throw new DataImportError(`${where('label')}: sample "${id}" has label ${label} here but ${entry.label} on line ${entry.line}.`);
    }
    if (at('time_ms') === '' && at('unit') === '') continue;
    entry.times.push(num('time_ms', false));
    entry.units.push(num('unit', true));
  }
  if (bySample.size === 0) throw new DataImportError(`${name}: the file has a header but no samples.`);
  const samples: SpikeSample[] = [...bySample.values()].map((s) => ({ times: Float64Array.from(s.times), units: Int32Array.from(s.units), label: s.label }));
  return finish(name, samples);
}

function finish(name: string, samples: SpikeSample[]): SpikeDataset {
  let nInputs = 0;
  let nClasses = 0;
  let duration = 0;
  for (const s of samples) {
    for (const u of s.units) nInputs = Math.max(nInputs, u + 1);
    for (const t of s.times) duration = Math.max(duration, t);
    nClasses = Math.max(nClasses, s.label + 1);
  }
  if (nClasses < 2) throw new DataImportError(`${name}: every sample has label ${samples[0].label}; a classification needs at least two classes.`);
  return { name, nInputs, nClasses, duration, samples };
}

interface Npy {
  readonly shape: number[];
  readonly values: Float64Array;
}

const NPY_MAGIC = '\x93NUMPY';

/** A NumPy .npy array (little-endian, C order; bool, uint8, int32/64, float32/64). */
export function parseNpy(bytes: Uint8Array, name: string): Npy {
  const magic = String.fromCharCode(...bytes.subarray(0, 6));
  if (magic !== NPY_MAGIC) throw new DataImportError(`${name}: not a .npy file (it does not start with \\x93NUMPY).`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr) throw new DataImportError(`${name}: header field "descr" is missing.`);
  if (fortran !== 'False') throw new DataImportError(`${name}: header field "fortran_order" must be False (save with np.ascontiguousarray).`);
  if (shapeText === undefined) throw new DataImportError(`${name}: header field "shape" is missing.`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new DataImportError(`${name}: header field "shape" (${shapeText}) is not a list of sizes.`);
  const count = shape.reduce((a, b) => a * b, 1);
  const body = start + headerLen;
  const readers: Record<string, [number, (o: number) => number]> = {
    '|b1': [1, (o) => view.getUint8(o)],
    '|u1': [1, (o) => view.getUint8(o)],
    '<i4': [4, (o) => view.getInt32(o, true)],
    '<i8': [8, (o) => Number(view.getBigInt64(o, true))],
    '<f4': [4, (o) => view.getFloat32(o, true)],
    '<f8': [8, (o) => view.getFloat64(o, true)],
  };
  const reader = readers[descr];
  if (!reader) throw new DataImportError(`${name}: header field "descr" is ${descr}; use one of ${Object.keys(readers).join(', ')}.`);
  const [size, read] = reader;
  if (body + count * size > bytes.byteLength) throw new DataImportError(`${name}: the file is shorter than its shape (${shape.join(' x ')}) of ${descr} needs; it is truncated.`);
  const values = new Float64Array(count);
  for (let k = 0; k < count; k++) values[k] = read(body + k * size);
  return { shape, values };
}

/**
 * A raster [samples, steps, units] (nonzero = spike in that step) and labels [samples]; step k is
 * time k·dt (ms), which a SpikeTimes source of the same dt rounds back to step k.
 */
export function importNpy(raster: Uint8Array, labels: Uint8Array, dt: number, name = 'npy'): SpikeDataset {
  const r = parseNpy(raster, `${name} spikes`);
  const l = parseNpy(labels, `${name} labels`);
  if (r.shape.length !== 3) throw new DataImportError(`${name} spikes: header field "shape" is (${r.shape.join(', ')}); it must be (samples, steps, units).`);
  const [S, T, N] = r.shape;
  if (l.shape.length !== 1 || l.shape[0] !== S) throw new DataImportError(`${name} labels: header field "shape" is (${l.shape.join(', ')}); it must be (${S},), one label per sample.`);
  const samples: SpikeSample[] = [];
  for (let s = 0; s < S; s++) {
    const label = l.values[s];
    if (!Number.isInteger(label) || label < 0) throw new DataImportError(`${name} labels: entry ${s} is ${label}; labels must be whole numbers from 0.`);
    const times: number[] = [];
    const units: number[] = [];
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < N; i++) {
        if (r.values[(s * T + t) * N + i] !== 0) {
          times.push(t * dt);
          units.push(i);
        }
      }
    }
    samples.push({ times: Float64Array.from(times), units: Int32Array.from(units), label });
  }
  const ds = finish(name, samples);
  return { ...ds, nInputs: Math.max(ds.nInputs, N), duration: T * dt };
}
