import { describe, expect, it } from 'vitest';
import { Document, type DocumentInput } from '../../src/shared/document';
import { parseProjectFile, serializeProject } from '../../src/shared/projectFile';
import type { RunResults } from '../../src/shared/results';
import { rng } from './rng';
import { base64ToBytes, bytesToBase64, decodeResults, documentFingerprint, encodeResults } from '../../src/shared/resultsCodec';

const doc = Document.parse({
  nodes: [
    { id: 'E', kind: 'population', model: 'LIF', size: 50, position: [0, 0], label: 'excitatory' },
    { id: 'sp', kind: 'monitor', record: 'spikes' },
    { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0, 3] },
    { id: 'rate', kind: 'monitor', record: 'rate' },
  ],
  wires: [{ from: 'E', to: 'sp' }, { from: 'E', to: 'V' }, { from: 'E', to: 'rate' }],
} satisfies DocumentInput);

export function fakeResults(seed: number): RunResults {
  const r = rng(seed);
  const steps = 1000;
  const n = 3000;
  const spikeSteps = Int32Array.from({ length: n }, () => Math.floor(r() * (steps + 1))).sort();
  const values = new Float32Array(2 * 200);
  const bits = new Uint32Array(values.buffer);
  for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(r() * 2 ** 32); // every bit pattern, NaN payloads included
  return {
    dt: 0.1, steps, seed, backend: 'typed',
    spikes: [{ monitor: 'sp', population: 'E', size: 50, steps: spikeSteps, ids: Int32Array.from({ length: n }, () => Math.floor(r() * 50)) }],
    traces: [{ monitor: 'V', population: 'E', variable: 'V', unit: 'mV', neurons: Int32Array.of(0, 3), steps: Int32Array.from({ length: 200 }, (_, i) => i * 5), values }],
    counts: [{ monitor: 'rate', population: 'E', size: 50, startStep: 0, counts: Int32Array.from({ length: steps }, () => Math.floor(r() * 51)) }],
  };
}

const bytes = (a: ArrayBufferView): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('base64', () => {
  it('matches Node\'s encoder for every length mod 3 and decodes back', () => {
    const r = rng(1);
    for (let len = 0; len < 50; len++) {
      const data = Uint8Array.from({ length: len }, () => Math.floor(r() * 256));
      const text = bytesToBase64(data);
      expect(text).toBe(Buffer.from(data).toString('base64'));
      expect(Array.from(base64ToBytes(text))).toEqual(Array.from(data));
    }
  });

  it('refuses text that is not base64', () => {
    for (const bad of ['abc', 'ab=c', 'a$cd', '====', 'ab\u00e9d']) expect(() => base64ToBytes(bad)).toThrow();
  });
});

describe('results in the project file', () => {
  it('round-trips bit-exact through a saved file', () => {
    const results = fakeResults(7);
    const text = serializeProject(doc, results);
    const r = parseProjectFile(text);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.warnings).toEqual([]);
    const back = r.results!;
    expect([back.dt, back.steps, back.seed, back.backend]).toEqual([0.1, 1000, 7, 'typed']);
    expect(bytes(back.spikes[0].steps)).toEqual(bytes(results.spikes[0].steps));
    expect(bytes(back.spikes[0].ids)).toEqual(bytes(results.spikes[0].ids));
    expect(bytes(back.traces[0].values)).toEqual(bytes(results.traces[0].values));
    expect(bytes(back.traces[0].steps)).toEqual(bytes(results.traces[0].steps));
    expect(bytes(back.counts[0].counts)).toEqual(bytes(results.counts[0].counts));
    expect(serializeProject(r.document, back)).toBe(text);
  });

  it('stores bulk data as little-endian base64, not as number lists', () => {
    const results = fakeResults(3);
    const stored = encodeResults(doc, results);
    const raw = Buffer.from(stored.spikes[0].ids, 'base64');
    for (let i = 0; i < 10; i++) expect(raw.readInt32LE(i * 4)).toBe(results.spikes[0].ids[i]);
    expect(JSON.stringify(stored).length).toBeLessThan(3000 * 8 * 1.4 + 10_000);
  });

  it('drops results that belong to another network, with a warning', () => {
    const text = serializeProject(doc, fakeResults(1));
    const edited = JSON.parse(text);
    edited.document.nodes[0].size = 60;
    const r = parseProjectFile(JSON.stringify(edited));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.results).toBeUndefined();
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'results_mismatch', severity: 'warning', path: 'results.fingerprint' });
  });

  it('keeps results when only the layout, labels or description changed', () => {
    const moved = { ...doc, meta: { title: 'new title' }, nodes: doc.nodes.map((n) => ({ ...n, position: [99, 99] as [number, number], label: 'x' })) };
    expect(documentFingerprint(moved)).toBe(documentFingerprint(doc));
    expect(documentFingerprint({ ...doc, simulation: { ...doc.simulation, seed: 1 } })).not.toBe(documentFingerprint(doc));
  });

  it('drops damaged results with a path but keeps the network', () => {
    const e = JSON.parse(serializeProject(doc, fakeResults(2)));
    e.results.spikes[0].ids = e.results.spikes[0].ids.slice(4);
    const r = parseProjectFile(JSON.stringify(e));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings[0]).toMatchObject({ code: 'results_mismatch', path: 'results.spikes[0].ids' });
  });

  it('checks ranges while decoding', () => {
    const stored = JSON.parse(JSON.stringify(encodeResults(doc, fakeResults(4))));
    stored.spikes[0].ids = Buffer.from(Int32Array.of(50).buffer).toString('base64');
    stored.spikes[0].steps = Buffer.from(Int32Array.of(1).buffer).toString('base64');
    expect(() => decodeResults(stored)).toThrow(/neuron id 50 is outside 0..49/);
  });
});
