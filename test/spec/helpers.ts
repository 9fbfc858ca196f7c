/**
 * Shared set-up of the spec tests: compile a bundled spec, read a catalogue preset as internal
 * values (for the typed kernels) and as coherent values (for the interpreter: rates per ms).
 */
import { execFile } from 'node:child_process';
import { PYTHON } from '../../bench/brian2';
import { getModel } from '../../src/shared/catalog';
import { compileSpec, type NeuronSpec } from '../../src/shared/modelspec/check';
import { BUNDLED_NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { parseQuantity } from '../../src/shared/units';

/** Rates are stored in Hz in documents and per ms in the coherent system of specs. */
export const MS_PER_S = 1000;

export function bundledSpec(name: string): NeuronSpec {
  const src = BUNDLED_NEURON_SPECS.find((s) => s.name === name);
  if (!src) throw new Error(`no spec ${name}`);
  const r = compileSpec(src.source);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return r.spec;
}

export interface Preset {
  /** Internal units of the document (rates in Hz), for the typed kernels. */
  readonly internal: Record<string, number>;
  /** Coherent units (rates per ms), for the interpreter. */
  readonly coherent: Record<string, number>;
  readonly choices: Record<string, string>;
}

/** The catalogue's palette preset of a model, with `overrides` (document values such as "2 ms"). */
export function preset(name: string, overrides: Record<string, string | number> = {}): Preset {
  const model = getModel('neuron', name);
  // A spec without a catalogue entry: its own defaults.
  if (!model) return { internal: {}, coherent: {}, choices: {} };
  const values = { ...model.preset, ...overrides };
  const internal: Record<string, number> = {};
  const coherent: Record<string, number> = {};
  const choices: Record<string, string> = {};
  for (const c of model.choices ?? []) choices[c.name] = String(values[c.name] ?? c.default);
  for (const p of model.params) {
    const q = parseQuantity(values[p.name] ?? p.default ?? '', p.dim);
    if (!q.ok) throw new Error(`${name}.${p.name}: ${q.reason}`);
    internal[p.name] = q.value;
    coherent[p.name] = p.dim === 'rate' ? q.value / MS_PER_S : q.value;
  }
  return { internal, coherent, choices };
}

/** Longest a Brian2 script may run (numpy runtime on a shared 2-core machine). */
export const BRIAN2_TIMEOUT_MS = 240_000;

/** Runs a Python script with Brian2; its last line of output is the JSON result. */
export function runBrian2<T = Record<string, { spikes: number[][]; V: number[][] }>>(code: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, ['-'], { encoding: 'utf8', timeout: BRIAN2_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`Brian2 failed: ${err.message}\n${stderr.trim().split('\n').slice(-8).join('\n')}\n--- script ---\n${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? ''));
    });
    child.stdin?.end(code);
  });
}

/**
 * Largest |V_Brian2 - V_interpreter| (mV) over a run. Brian2 records V at the start of a step
 * (before its update) and resets at the end of the spike step, so its sample s+1 is the
 * interpreter's V after step s; steps where the interpreter shows the pre-reset V of a spike are skipped.
 */
export function worstDeltaV(brianV: readonly (readonly number[])[], ref: { spikes: number[][]; trace: Record<string, Float64Array> }, n: number, steps: number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const spiked = new Set(ref.spikes[i]);
    for (let s = 0; s + 1 < steps; s++) {
      if (spiked.has(s)) continue;
      worst = Math.max(worst, Math.abs(brianV[i][s + 1] - ref.trace.V[s * n + i]));
    }
  }
  return worst;
}
