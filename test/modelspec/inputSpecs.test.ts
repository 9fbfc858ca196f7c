/** Current-input specs (src/shared/modelspec/inputs/compile.ts): what the checker accepts and refuses, with positions. */
import { describe, expect, it } from 'vitest';
import { compileInputSpec } from '../../src/shared/modelspec/inputs';
import { compileSpec } from '../../src/shared/modelspec/check';

const input = (source: string) => compileInputSpec({ name: 'x', order: 1, source });
const messages = (r: ReturnType<typeof input>): string => (r.ok ? '' : r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; '));

describe('current input specs', () => {
  it('take a comparison as 1 or 0 and know whether the current varies with t', () => {
    const r = input('current pulse\nparam a = 1 nA\nparam t0 = 5 ms (nonnegative)\nI = a * (t >= t0) : nA\n');
    expect(messages(r)).toBe('');
    if (!r.ok) return;
    expect(r.input.name).toBe('pulse');
    expect(r.input.timeVarying).toBe(true);
    expect(r.input.perNeuron).toEqual(['a']);
    expect(r.input.catalog.params.map((p) => [p.name, p.default, p.perNeuron ?? false, p.nonNegative ?? false])).toEqual([['a', '1 nA', true, false], ['t0', '5 ms', false, true]]);
    const still = input('current flat\nparam a = 1 nA\nhalf = a / 2 : nA\nI = half : nA\n');
    expect(still.ok && still.input.timeVarying).toBe(false);
    // the named expression is written out in the current the kernels read
    expect(still.ok && still.input.current.kind).toBe('binary');
  });

  it('refuse a missing header, a current in the wrong unit, states and inputs, each with its line', () => {
    expect(messages(input('param a = 1 nA\nI = a : nA\n'))).toMatch(/^1:1 A current input spec starts with a line "current Name"/);
    expect(messages(input('current c\nparam a = 1 nA\nI = a * 1 ms : nA\n'))).toMatch(/^3:\d+ I is declared as current but its expression is current × time/);
    expect(messages(input('current c\nparam a = 1 mV\nI = a : mV\n'))).toMatch(/^3:\d+ I in the current input c is the current into each neuron, so it is declared in nA/);
    expect(messages(input('current c\nparam a = 1 nA\ndx/dt = -x / (1 ms) : 1 (exact)\nI = a : nA\n'))).toMatch(/may declare only parameters and named expressions/);
    expect(messages(input('current c\ninput V : mV\nI = V / (1 Mohm) : nA\n'))).toMatch(/may declare only parameters and named expressions/);
    expect(messages(input('current c\nparam a = 1 nA\n'))).toMatch(/needs its current as "I = … : nA"/);
  });

  it('leave neuron specs as they were: a comparison is no value there', () => {
    const r = compileSpec('model M\nparam a = 1 mV\ndV/dt = (a * (V > a) - V) / (1 ms) : mV (euler)\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/is a comparison, not a value/);
  });
});
