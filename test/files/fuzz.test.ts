/**
 * Random corruptions of the shipped examples (and of a file with stored results and of the
 * draft-format fixtures): each must either load as a valid document or be refused with
 * problems that all have a path, and never throw. The slowest refusal is reported, not asserted
 * (wall time on a shared machine is no criterion; hostileFuzz.test.ts bounds the work instead).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import { PROBLEM_TEXT } from '../../src/shared/problems';
import { parseProjectFile, serializeProject } from '../../src/shared/projectFile';
import type { RunResults } from '../../src/shared/results';
import { rng } from './rng';

const CASES = 10_000;
const SEED = 20251125;

const dir = (p: string): string => join(import.meta.dirname, p);
const examples = readdirSync(dir('../../resources/examples')).filter((f) => f.endsWith('.snn')).map((f) => readFileSync(dir(`../../resources/examples/${f}`), 'utf8'));
const drafts = readdirSync(dir('../fixtures/v0')).map((f) => readFileSync(dir(`../fixtures/v0/${f}`), 'utf8'));

function withResults(): string {
  const first = parseProjectFile(examples[0]);
  if (!first.ok) throw new Error('example 0 does not load');
  const results: RunResults = {
    dt: 0.1, steps: 1000, seed: 1, backend: 'typed',
    spikes: [{ monitor: 'spikes', population: 'neuron', size: 1, steps: Int32Array.of(138, 277, 416), ids: Int32Array.of(0, 0, 0) }],
    traces: [{ monitor: 'V', population: 'neuron', variable: 'V', unit: 'mV', neurons: Int32Array.of(0), steps: Int32Array.of(0, 1, 2), values: Float32Array.of(-65, -64.8, -64.6) }],
    counts: [],
  };
  return serializeProject(first.document, results);
}

const SOURCES = [...examples, withResults(), ...drafts];
const NASTY_CHARS = ['"', '{', '}', '[', ']', ',', ':', '\\', '0', '9', '-', 'e', '.', ' ', '\n', '\u0000', '\u001f', 'é', '\ud800', 'x', 't', 'n'];

type Json = unknown;
type Pick = <T>(xs: readonly T[]) => T;

/** Every (container, key) in a parsed file, so a corruption can hit any field at any depth. */
function slots(v: Json, out: Array<[Record<string, Json> | Json[], string | number]> = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); slots(x, out); });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([v as Record<string, Json>, k]); slots(x, out); }
  return out;
}

const PLACEHOLDER = '\u0001PLACEHOLDER\u0001';

function corrupt(text: string, r: () => number): string {
  const pick: Pick = (xs) => xs[Math.floor(r() * xs.length)];
  const kind = Math.floor(r() * 9);
  if (kind === 0) return text.slice(0, Math.floor(r() * text.length));
  if (kind === 1) {
    const chars = text.split('');
    const flips = 1 + Math.floor(r() * 4);
    for (let i = 0; i < flips; i++) chars[Math.floor(r() * chars.length)] = pick(NASTY_CHARS);
    return chars.join('');
  }
  const file = JSON.parse(text) as Json;
  const all = slots(file);
  const [holder, key] = pick(all);
  const set = (v: Json): void => { (holder as Record<string | number, Json>)[key] = v; };
  switch (kind) {
    case 2: // wrong type
      set(pick([null, true, false, 0, -1, 42.5, 'text', '', '-65 mV', [], {}, [1, 'a'], { dist: 'normal' }, { kind: 'population' }]));
      break;
    case 3: // deleted field or element
      if (Array.isArray(holder)) holder.splice(Number(key), 1);
      else delete holder[key as string];
      break;
    case 4: // huge or odd numbers
      set(pick([1e308, -1e308, 2 ** 53 + 1, 5e-324, -0, 1e15, 100_000_001, 4294967296, 0.5]));
      break;
    case 5: { // deep nesting (written as text: JSON.stringify itself would overflow)
      const depth = pick([10, 31, 33, 100, 10_000, 200_000]);
      set(PLACEHOLDER);
      const open = pick(['[', '{"a": ']);
      const close = open === '[' ? ']' : '}';
      return JSON.stringify(file).replace(JSON.stringify(PLACEHOLDER), open.repeat(depth) + '1' + close.repeat(depth));
    }
    case 6: // very long strings, in values or as keys
      if (r() < 0.5 || Array.isArray(holder)) set('ω'.repeat(pick([257, 5_000, 100_000])));
      else holder['k'.repeat(pick([65, 100_000]))] = 1;
      break;
    case 7: { // structural: duplicate a node, or point a wire somewhere odd
      const doc = (file as { document?: { nodes?: Json[]; wires?: Array<Record<string, Json>> } }).document;
      if (doc?.nodes?.length && r() < 0.5) doc.nodes.push(structuredClone(pick(doc.nodes)));
      else if (doc?.wires?.length) pick(doc.wires)[pick(['from', 'to'])] = pick([...(doc.nodes ?? []).map((n) => (n as { id?: Json }).id), 'ghost', '']);
      break;
    }
    default: // numbers that JSON turns into Infinity, and odd envelope values
      return r() < 0.5 ? text.replace(/(-?\d+(\.\d+)?)(?=[,\n\]}])/, '1e999') : text.replace(/"version": \d+/, pick(['"version": 99', '"version": -1', '"version": 1.5', '"version": null']));
  }
  return JSON.stringify(file, null, r() < 0.5 ? 2 : 0);
}

describe('project file fuzzing', () => {
  it(`survives ${CASES.toLocaleString('en')} random corruptions of the example files (seed ${SEED})`, () => {
    const r = rng(SEED);
    const codes = new Set(Object.keys(PROBLEM_TEXT));
    let accepted = 0;
    let refused = 0;
    let slowest = { ms: 0, index: -1 };
    for (let i = 0; i < CASES; i++) {
      const source = SOURCES[Math.floor(r() * SOURCES.length)];
      const text = corrupt(source, r);
      const t0 = performance.now(); // reported only
      const result = parseProjectFile(text);
      const ms = performance.now() - t0;
      const where = `case ${i}`;
      if (result.ok) {
        accepted++;
        expect(Document.safeParse(result.document).success, where).toBe(true);
        // what loads must save, and what is saved must load to the same document
        const again = parseProjectFile(serializeProject(result.document, result.results));
        expect(again.ok && again.document, where).toEqual(result.document);
        for (const w of result.warnings) expect(w.path.length, where).toBeGreaterThan(0);
      } else {
        refused++;
        if (ms > slowest.ms) slowest = { ms, index: i };
        expect(result.problems.length, where).toBeGreaterThan(0);
        for (const p of result.problems) {
          expect(typeof p.path === 'string' && p.path.length > 0, `${where}: ${JSON.stringify(p)}`).toBe(true);
          expect(codes.has(p.code), where).toBe(true);
          expect(p.message.length, where).toBeGreaterThan(10);
          // parseProjectFile turns its own exceptions into this problem: the fuzzer must never reach it
          expect(p.message, where).not.toMatch(/could not be read/);
        }
      }
    }
    // a fuzzer whose corruptions are all harmless (or all fatal) tests nothing
    expect(accepted).toBeGreaterThan(CASES * 0.05);
    expect(refused).toBeGreaterThan(CASES * 0.3);
    console.log(`fuzz: ${accepted} accepted, ${refused} refused, slowest refusal case ${slowest.index} (${slowest.ms.toFixed(1)} ms)`);
  });
});
