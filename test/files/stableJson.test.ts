import { describe, expect, it } from 'vitest';
import { readJson, stableStringify } from '../../src/shared/stableJson';

describe('stableStringify', () => {
  it('orders keys the same way whatever order they were inserted in', () => {
    const a = stableStringify({ wires: [], nodes: [{ size: 3, id: 'E', kind: 'population', zeta: 1, alpha: 2 }], format: 'x' });
    const b = stableStringify({ format: 'x', nodes: [{ alpha: 2, kind: 'population', zeta: 1, id: 'E', size: 3 }], wires: [] });
    expect(a).toBe(b);
    // well-known keys first in their fixed order, the rest alphabetically
    expect(a.indexOf('"format"')).toBeLessThan(a.indexOf('"nodes"'));
    expect(a.indexOf('"id"')).toBeLessThan(a.indexOf('"kind"'));
    expect(a.indexOf('"kind"')).toBeLessThan(a.indexOf('"size"'));
    expect(a.indexOf('"alpha"')).toBeLessThan(a.indexOf('"zeta"'));
  });

  it('writes 2-space indentation, short lists and small flat objects on one line', () => {
    const text = stableStringify({ nodes: [{ id: 'E', position: [0, 10.5] }], wires: [{ from: 'a', to: 'b' }] });
    expect(text.split('\n')).toEqual([
      '{',
      '  "nodes": [',
      '    {',
      '      "id": "E",',
      '      "position": [0, 10.5]',
      '    }',
      '  ],',
      '  "wires": [',
      '    {"from": "a", "to": "b"}',
      '  ]',
      '}',
    ]);
  });

  it('formats numbers in one fixed way: shortest round trip, -0 as 0', () => {
    expect(stableStringify([0.1 + 0.2, -0, 1e21, 5e-7, 42])).toBe('[0.30000000000000004, 0, 1e+21, 5e-7, 42]');
    for (const x of [0.1 + 0.2, 1 / 3, -1e-300, 123456789.123]) expect(Number(stableStringify(x))).toBe(x);
  });

  it('refuses values JSON cannot hold instead of writing null', () => {
    expect(() => stableStringify({ nodes: [{ position: [NaN, 0] }] })).toThrow(/nodes\[0\]\.position\[0\]/);
    expect(() => stableStringify({ x: Infinity })).toThrow(/finite/);
  });

  it('leaves out undefined fields', () => {
    expect(stableStringify({ a: 1, b: undefined })).toBe('{"a": 1}');
  });
});

describe('readJson', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{"a": [1, 2.5e3, -0.5, true, false, null, "x\\u00e9\\n"], "b": {}}';
    expect(readJson(text, 10)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it.each([
    ['{"a": 1,\n "b": }', 2, 7],
    ['{"a": 1\n "b": 2}', 2, 2],
    ['{"a": "unclosed}', 1, 7],
    ['[1, 2', 1, 6],
    ['{"a": 01}', 1, 8],
    ['{"a": 1} trailing', 1, 10],
    ["{'a': 1}", 1, 2],
  ])('locates the error in %j at line %i, column %i', (text, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    const r = readJson(text, 10);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.line, r.error.column]).toEqual([line, column]);
  });

  it('refuses deep nesting without recursion', () => {
    const r = readJson('['.repeat(1_000_000) + ']'.repeat(1_000_000), 32);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.tooDeep).toBe(true);
    expect(readJson('['.repeat(32) + ']'.repeat(32), 32).ok).toBe(true);
  });
});
