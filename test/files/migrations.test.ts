import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS, formatVersionFor, migrate } from '../../src/shared/migrations';
import { parseProjectFile, serializeProject } from '../../src/shared/projectFile';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const fixturesOf = (version: number): string[] => {
  const dir = join(FIXTURES, `v${version}`);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.snn')).map((f) => join(dir, f)) : [];
};

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

describe('migrations', () => {
  it('are numbered 0, 1, 2, ... and the current version is their count', () => {
    MIGRATIONS.forEach((m, k) => expect(m.from).toBe(k));
    expect(CURRENT_VERSION).toBe(MIGRATIONS.length);
  });

  // tldraw's rule: a migration nobody exercises is a migration nobody has tested
  it.each(MIGRATIONS.map((m) => [m.from, m.title]))('migration from version %i has a fixture file (%s)', (from) => {
    expect(fixturesOf(from).length, `add a file saved by version ${from} to test/fixtures/v${from}/`).toBeGreaterThan(0);
  });

  const past = MIGRATIONS.flatMap((m) => fixturesOf(m.from).map((f) => [m.from, f] as const));
  it.each(past)('a version %i fixture loads: %s', (version, file) => {
    const r = parseProjectFile(readFileSync(file, 'utf8'));
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    // reported as converted when it is older than the version written for its document (see formatVersionFor)
    expect(r.migratedFrom).toBe(version < formatVersionFor(r.document) ? version : undefined);
    // once loaded it saves as the current version and loads again unchanged
    const again = parseProjectFile(serializeProject(r.document));
    expect(again.ok && again.document).toEqual(r.document);
  });

  it('are pure: the input is not modified and the same input gives the same output', () => {
    for (const [version, file] of past) {
      const raw = deepFreeze(JSON.parse(readFileSync(file, 'utf8')));
      const a = migrate(raw, version);
      expect(migrate(raw, version)).toEqual(a);
    }
  });

  it('never throw on odd input', () => {
    for (const m of MIGRATIONS) {
      for (const odd of [{}, { network: null }, { network: { nodes: 'x', edges: [1, null] } }, { network: { simulation: { dt: 'fast' } } }]) {
        expect(() => m.up(odd)).not.toThrow();
      }
    }
  });
});

describe('version 0 (pre-release draft) -> 1', () => {
  it('turns millisecond numbers into quantities, edges into wires, and drops React Flow session state', () => {
    const r = parseProjectFile(readFileSync(join(FIXTURES, 'v0/single-lif-draft.snn'), 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.simulation).toEqual({ dt: '0.1 ms', duration: '100 ms', seed: 3, backend: 'auto' });
    expect(r.document.meta?.title).toBe('Single LIF (draft format)');
    expect(r.document.wires).toEqual([{ from: 'drive', to: 'neuron' }, { from: 'neuron', to: 'spikes' }]);
    expect(r.document.nodes[1]).toEqual({
      id: 'neuron', kind: 'population', model: 'LIF', size: 1, position: [240.5, -10],
      params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' }, init: { V: '-65 mV' },
    });
  });

  it('reports problems in a migrated file with the version it came from', () => {
    const bad = JSON.parse(readFileSync(join(FIXTURES, 'v0/single-lif-draft.snn'), 'utf8'));
    bad.network.edges.push({ source: 'neuron', target: 'nowhere' });
    const r = parseProjectFile(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ code: 'dangling_wire', path: 'document.wires[2].to' });
    if (!r.ok) expect(r.problems[0].message).toMatch(/after upgrading the file from version 0/);
  });
});
