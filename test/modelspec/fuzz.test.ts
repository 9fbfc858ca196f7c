/**
 * Fuzzing the spec parser and checker with seeded random and mutated texts and very long ones:
 * every input gives either a checked spec or at least one error with a message, a line within the
 * text and a column >= 1 — never an exception, never a hang (vitest's timeout would fail the test).
 */
import { describe, expect, it } from 'vitest';
import { streamFor, type Rng } from '../../src/engine/random';
import { compileSpec } from '../../src/shared/modelspec/check';
import { NEURON_SPECS } from '../../src/shared/modelspec/neurons';

const SEED = 20261207;
const CASES = 1500;
const PIECES = [
  'param ', 'input ', 'init ', 'threshold ', 'reset ', 'refractory ', 'order ', 'choice ', 'model ', 'dV/dt', 'dw/dt', ' = ', ' : ', '(', ')', '[', ']',
  '+', '-', '*', '/', '**', '^', '<', '>=', '==', ' and ', ' or ', 'not ', ';', ',', '|', '#', '\n', 'V', 'w', 'tau', 'V_th', 'mV', 'nA', 'ms', 'Mohm',
  'uS', 'Hz', '1', '0.5', '1e308', '1e400', '-65', 'exp', 'exprel(', 'max = ', '(exact)', '(rk4)', '(exponential_euler)', '(rising)', 'constructor',
  '__proto__', '"', "'", '$', '\t', '\u00b5', 'Ω', 'ä', '.', '..', 'e', ' ',
];

function randomText(r: Rng): string {
  const n = 1 + r.int(40);
  let s = '';
  for (let k = 0; k < n; k++) s += r.uniform() < 0.8 ? PIECES[r.int(PIECES.length)] : String.fromCharCode(r.int(0x3000));
  return s;
}

function mutate(text: string, r: Rng): string {
  let s = text;
  const edits = 1 + r.int(4);
  for (let k = 0; k < edits; k++) {
    const at = r.int(s.length + 1);
    const len = r.int(12);
    switch (r.int(4)) {
      case 0:
        s = s.slice(0, at) + s.slice(at + len);
        break;
      case 1:
        s = s.slice(0, at) + PIECES[r.int(PIECES.length)] + s.slice(at);
        break;
      case 2:
        s = s.slice(0, at) + s.slice(r.int(s.length), r.int(s.length)) + s.slice(at);
        break;
      default: {
        const lines = s.split('\n');
        const i = r.int(lines.length);
        lines.splice(r.int(lines.length), 0, lines[i]);
        s = lines.join('\n');
      }
    }
  }
  return s;
}

/** compileSpec's answer to `text` is well-formed; returns whether it was accepted. */
function wellFormed(text: string): boolean {
  const r = compileSpec(text);
  if (r.ok) return true;
  const lines = text.split('\n').length;
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(e.message.length, text).toBeGreaterThan(5);
    expect(e.line, text).toBeGreaterThanOrEqual(1);
    expect(e.line, text).toBeLessThanOrEqual(lines);
    expect(e.column, text).toBeGreaterThanOrEqual(1);
  }
  return false;
}

describe('spec parser fuzzing', () => {
  it(`answers ${CASES} random texts with a spec or positioned errors`, () => {
    const r = streamFor(SEED, 'random');
    let accepted = 0;
    for (let k = 0; k < CASES; k++) if (wellFormed(randomText(r))) accepted++;
    expect(accepted).toBeLessThan(CASES); // random text is nearly always refused
  });

  it(`answers ${CASES} mutations of the bundled specs with a spec or positioned errors`, () => {
    const r = streamFor(SEED, 'mutate');
    let accepted = 0;
    for (let k = 0; k < CASES; k++) if (wellFormed(mutate(NEURON_SPECS[k % NEURON_SPECS.length].source, r))) accepted++;
    // Some mutations stay valid (a duplicated init line), most do not: both paths are exercised.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(CASES);
  });

  it('answers very long and very deep inputs with a positioned error', () => {
    const cases = [
      `dV/dt = ${'('.repeat(100_000)}V${')'.repeat(100_000)} / ms : mV (euler)`,
      `dV/dt = ${'-'.repeat(5_000)}V / ms : mV (euler)`,
      `dV/dt = ${'not '.repeat(2_000)}V / ms : mV (euler)`,
      `dV/dt = V${' ** V'.repeat(2_000)} / ms : mV (euler)`,
      `dV/dt = ${'exp('.repeat(1_000)}V${')'.repeat(1_000)} : mV (euler)`,
    ];
    for (const text of cases) expect(wellFormed(text)).toBe(false);
    // A flat chain is a tall tree: up to 400 operations it is parsed and checked, beyond it refused
    // (the checks and the derivative recurse over the tree; 5000 levels overflowed the stack).
    expect(wellFormed(`dV/dt = (${'V + '.repeat(390)}V) / (1 ms) : mV (exponential_euler)`)).toBe(true);
    expect(wellFormed(`dV/dt = (${'V * '.repeat(390)}V) / (1 ms) / mV**390 : mV (exponential_euler)`)).toBe(true);
    expect(wellFormed(`dV/dt = (${'V+'.repeat(4_950)}V) / (1 ms) : mV (exponential_euler)`)).toBe(false);
    expect(wellFormed(`dV/dt = (${'V*'.repeat(4_950)}V) / (1 ms) : mV (exponential_euler)`)).toBe(false);
    // Ten thousand lines: every one is parsed; the duplicate parameters are each reported.
    const many = compileSpec(`dV/dt = -V/(1 ms) : mV (exact)\n${'param x = 1 mV\n'.repeat(10_000)}`);
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.errors.length).toBe(9_999);
  });
});
