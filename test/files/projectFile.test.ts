import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Document, LIMITS, type DocumentInput } from '../../src/shared/document';
import { CURRENT_VERSION, ProjectSaveError, parseProjectFile, serializeProject, type ParseResult } from '../../src/shared/projectFile';
import type { Problem } from '../../src/shared/problems';

const EXAMPLES = join(import.meta.dirname, '../../resources/examples');
const exampleNames = readdirSync(EXAMPLES).filter((f) => f.endsWith('.snn'));

const small: DocumentInput = {
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
    { id: 'E', kind: 'population', model: 'LIF', size: 10, position: [0, 0] },
    { id: 'E->E', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.1 }, weight: '0.1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    { id: 'spikes', kind: 'monitor', record: 'spikes' },
  ],
  wires: [{ from: 'drive', to: 'E' }, { from: 'E', to: 'E->E' }, { from: 'E->E', to: 'E' }, { from: 'E', to: 'spikes' }],
};

/** The envelope of `small` as plain JSON, for corrupting. */
function envelope(): { format: string; version: number; document: { nodes: Array<Record<string, unknown>>; wires: Array<Record<string, unknown>>; [k: string]: unknown } } {
  return JSON.parse(serializeProject(Document.parse(small)));
}

function refused(r: ParseResult): Problem[] {
  if (r.ok) throw new Error('expected the file to be refused');
  for (const p of r.problems) {
    expect(p.path.length).toBeGreaterThan(0);
    expect(p.message.length).toBeGreaterThan(20);
  }
  return r.problems;
}

describe('serializeProject / parseProjectFile', () => {
  it('round-trips a document, and saving twice gives byte-identical text', () => {
    const doc = Document.parse(small);
    const text = serializeProject(doc);
    expect(text.endsWith('}\n')).toBe(true);
    const back = parseProjectFile(text);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.document).toEqual(doc);
    expect(back.warnings).toEqual([]);
    expect(back.migratedFrom).toBeUndefined();
    expect(serializeProject(back.document)).toBe(text);
  });

  it('does not depend on key insertion order', () => {
    const doc = Document.parse(small);
    const shuffled = JSON.parse(JSON.stringify(doc), (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v) as Document;
    expect(serializeProject(shuffled)).toBe(serializeProject(doc));
  });

  it.each(exampleNames)('example %s loads and re-saves byte for byte', (name) => {
    const text = readFileSync(join(EXAMPLES, name), 'utf8');
    const r = parseProjectFile(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(serializeProject(r.document)).toBe(text);
  });

  it('never saves React Flow session state', () => {
    const doc = Document.parse(small);
    const withSession = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, selected: true, measured: { width: 10, height: 20 }, dragging: false })) };
    const text = serializeProject(withSession as Document);
    expect(text).not.toMatch(/selected|measured|dragging/);
    expect(text).toBe(serializeProject(doc));
  });

  it('refuses to save a document that would not load back, so the previous file survives', () => {
    const doc = Document.parse(small);
    const dup = { ...doc, nodes: [...doc.nodes, { ...doc.nodes[1] }] };
    expect(() => serializeProject(dup)).toThrow(ProjectSaveError);
  });

  it('writes the oldest version that holds the document (1 without custom models or methods, else the one that added them)', () => {
    expect(JSON.parse(serializeProject(Document.parse(small))).version).toBe(1);
    expect(CURRENT_VERSION).toBe(3);
  });

  it('round-trips a population\'s integration method, written as version 3 (the releases before it refuse the field)', () => {
    const withMethod = { ...small, nodes: small.nodes.map((n) => (n.kind === 'population' ? { ...n, method: 'euler' } : n)) };
    const text = serializeProject(Document.parse(withMethod));
    expect(JSON.parse(text).version).toBe(3);
    const back = parseProjectFile(text);
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.document.nodes.find((n) => n.id === 'E')).toMatchObject({ method: 'euler' });
    expect(serializeProject(back.document)).toBe(text);
  });
});

describe('refusing bad files', () => {
  it('says where text is not JSON, with line and column', () => {
    const text = serializeProject(Document.parse(small)).replace('"size": 10,', '"size": 10');
    const [p] = refused(parseProjectFile(text));
    expect(p.code).toBe('file_json');
    const line = text.split('\n').findIndex((l) => l.includes('"size": 10')) + 2; // the error is on the next line
    expect(p.message).toMatch(new RegExp(`^Line ${line}, column \\d+: `));
  });

  it('refuses JSON that is not a project', () => {
    expect(refused(parseProjectFile('[1, 2]'))[0].code).toBe('file_format');
    expect(refused(parseProjectFile('{"format": "something-else", "version": 1}'))[0]).toMatchObject({ code: 'file_format', path: 'format' });
    expect(refused(parseProjectFile(JSON.stringify(Document.parse(small))))[0].message).toMatch(/bare document/);
    expect(refused(parseProjectFile('{"format": "snn-studio", "version": "1"}'))[0]).toMatchObject({ code: 'file_format', path: 'version' });
  });

  it('says a file from a newer version is from a newer version', () => {
    const e = envelope();
    e.version = CURRENT_VERSION + 3;
    const [p] = refused(parseProjectFile(JSON.stringify(e)));
    expect(p.code).toBe('file_version');
    expect(p.message).toContain(`written by a newer SNN Studio (version ${CURRENT_VERSION + 3}); this one reads up to ${CURRENT_VERSION}`);
  });

  it('reports every problem at once, each with its path and node', () => {
    const e = envelope();
    e.document.nodes[1].size = -3;
    e.document.nodes[1].selected = true;
    e.document.nodes[3].kind = 'probe';
    e.document.nodes[2].weight = { dist: 'normal', mean: '1 nA' };
    e.document.wires.push({ from: 'ghost', to: 'E' });
    const problems = refused(parseProjectFile(JSON.stringify(e)));
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath['document.nodes[1].size']).toMatchObject({ code: 'bad_size', nodeId: 'E', field: 'size' });
    expect(byPath['document.nodes[1].selected'].message).toMatch(/not a field here; remove it/);
    expect(byPath['document.nodes[3].kind'].message).toMatch(/Unknown node kind "probe"/);
    expect(byPath['document.nodes[2].weight.std']).toMatchObject({ nodeId: 'E->E', field: 'weight.std' });
    expect(byPath['document.wires[4].from']).toMatchObject({ code: 'dangling_wire' });
    expect(problems).toHaveLength(5);
  });

  it('refuses duplicate ids', () => {
    const e = envelope();
    e.document.nodes.push({ ...e.document.nodes[1], position: [5, 5] });
    const [p] = refused(parseProjectFile(JSON.stringify(e)));
    expect(p).toMatchObject({ code: 'duplicate_id', path: 'document.nodes[4].id', nodeId: 'E' });
    expect(p.message).toContain('already used by nodes[1]');
  });

  it.each([
    ['E', 'spikes', null],
    ['spikes', 'E', /a monitor only records/i],
    ['E', 'E', /to itself/],
    ['drive', 'E->E', /wire it to a population/],
    ['E->E', 'spikes', /records a population, not a projection/],
    ['E', 'drive', /an input has no inlet/i],
  ])('wire %s -> %s: %s', (from, to, message) => {
    const e = envelope();
    e.document.wires = [{ from, to }];
    const r = parseProjectFile(JSON.stringify(e));
    if (message === null) return expect(r.ok).toBe(true);
    const [p] = refused(r);
    expect(p.code).toBe('bad_wire');
    expect(p.message).toMatch(message);
  });

  it('refuses a population wired straight to a population', () => {
    const e = envelope();
    e.document.nodes.push({ id: 'F', kind: 'population', model: 'LIF', size: 2 });
    e.document.wires = [{ from: 'E', to: 'F' }];
    expect(refused(parseProjectFile(JSON.stringify(e)))[0].message).toMatch(/put a projection between them/);
  });

  it.each([0, -1, 2.5, LIMITS.populationSize + 1, 1e308])('refuses population size %d', (size) => {
    const e = envelope();
    e.document.nodes[1].size = size;
    expect(refused(parseProjectFile(JSON.stringify(e)))[0]).toMatchObject({ code: 'bad_size', path: 'document.nodes[1].size' });
  });

  it('refuses numbers JSON turns into Infinity', () => {
    const text = serializeProject(Document.parse(small)).replace('"size": 10', '"size": 1e999');
    expect(refused(parseProjectFile(text))[0].path).toBe('document.nodes[1].size');
  });

  it('refuses very long strings and deep nesting', () => {
    const e = envelope();
    e.document.nodes[1].label = 'x'.repeat(100_000);
    expect(refused(parseProjectFile(JSON.stringify(e)))[0].message).toMatch(/100000 characters; at most 256/);
    const deep = `{"a": `.repeat(10_000) + '1' + '}'.repeat(10_000);
    const text = serializeProject(Document.parse(small)).replace('"nodes": [', `"meta": ${deep},\n"nodes": [`);
    expect(refused(parseProjectFile(text))[0].message).toMatch(/nested more than/);
  });

  it('caps the number of problems it lists', () => {
    const e = envelope();
    e.document.wires = Array.from({ length: 5000 }, (_, i) => ({ from: `nobody${i}`, to: 'E' }));
    const problems = refused(parseProjectFile(JSON.stringify(e)));
    expect(problems.length).toBeLessThanOrEqual(100);
    expect(problems[problems.length - 1].message).toMatch(/more problems/);
  });
});
