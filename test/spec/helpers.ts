/**
 * Shared set-up of the spec tests: compile a bundled spec, read a catalogue preset as internal
 * values (for the typed kernels) and as coherent values (for the interpreter: rates per ms).
 */
import { getModel } from '../../src/shared/catalog';
import { compileSpec, type NeuronSpec } from '../../src/shared/modelspec/check';
import { AdQuaIF, NEURON_SPECS, WangBuzsakiHH } from '../../src/shared/modelspec/neurons';
import { parseQuantity } from '../../src/shared/units';

/** Rates are stored in Hz in documents and per ms in the coherent system of specs. */
export const MS_PER_S = 1000;

export function bundledSpec(name: string): NeuronSpec {
  const src = [...NEURON_SPECS, WangBuzsakiHH, AdQuaIF].find((s) => s.name === name);
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
  // A spec without a catalogue entry yet (WangBuzsakiHH, AdQuaIF): its own defaults.
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
