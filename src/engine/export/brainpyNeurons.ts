/**
 * brainpy.state constructors for the model-library neurons, with brainunit units. The equations
 * are BrainPy's own (SNN Studio follows them), so parameters map one to one. Two numerical
 * choices of SNN Studio differ and travel with the script as caveats (see brainpyCaveats).
 * Izhikevich is refused: brainpy.state.Izhikevich takes its input in mV/ms, while SNN Studio's
 * inputs are currents entering as I/C, and the export does not rescale them yet.
 */
import type { PopulationIR, ValueIR } from '../ir';
import { num, valueExpr } from './python';
import { type Unit, U } from './brainpyUnits';

type Spec = { readonly params: Readonly<Record<string, Unit>>; readonly state: Readonly<Record<string, Unit>> };

const EXP: Readonly<Record<string, Unit>> = { R: 'Mohm', tau: 'ms', V_th: 'mV', V_reset: 'mV', V_rest: 'mV', V_T: 'mV', delta_T: 'mV' };
const ADEX: Readonly<Record<string, Unit>> = { ...EXP, tau_w: 'ms', a: 'uS', b: 'nA' };

export const BRAINPY_NEURONS: Readonly<Record<string, Spec>> = {
  ExpIF: { params: EXP, state: { V: 'mV' } },
  ExpIFRef: { params: { ...EXP, tau_ref: 'ms' }, state: { V: 'mV' } },
  AdExIF: { params: ADEX, state: { V: 'mV', w: 'nA' } },
  AdExIFRef: { params: { ...ADEX, tau_ref: 'ms' }, state: { V: 'mV', w: 'nA' } },
  QuaIF: { params: { R: 'Mohm', tau: 'ms', V_th: 'mV', V_reset: 'mV', V_rest: 'mV', V_c: 'mV', c: 'perMV' }, state: { V: 'mV' } },
  ALIF: { params: { R: 'Mohm', tau: 'ms', tau_a: 'ms', V_th: 'mV', V_reset: 'mV', V_rest: 'mV', beta: 'mV' }, state: { V: 'mV', a: 'one' } },
  HH: {
    params: { ENa: 'mV', gNa: 'uS', EK: 'mV', gK: 'uS', EL: 'mV', gL: 'uS', V_th: 'mV', C: 'nF' },
    state: { V: 'mV', m: 'one', h: 'one', n: 'one' },
  },
};

function quantity(v: ValueIR, n: number, unit: Unit): string {
  if (v.kind === 'normal') return `braintools.init.Normal(${num(v.mean)} * ${U[unit]}, ${num(v.std)} * ${U[unit]})`;
  if (v.kind === 'uniform') return `braintools.init.Uniform(${num(v.low)} * ${U[unit]}, ${num(v.high)} * ${U[unit]})`;
  const x = valueExpr(v, n, '            ');
  return unit === 'one' ? x : `${x} * ${U[unit]}`;
}

/** A braintools initializer of a state (Constant, or Normal / Uniform for a distribution). */
export function initializer(v: ValueIR, n: number, unit: Unit): string {
  return v.kind === 'normal' || v.kind === 'uniform' ? quantity(v, n, unit) : `braintools.init.Constant(${quantity(v, n, unit)})`;
}

/** `self.<attr> = brainpy.state.<Model>(...)` for a model-library population. */
export function neuronCtor(pop: PopulationIR, attr: string): string[] {
  const spec = BRAINPY_NEURONS[pop.model];
  const reset = pop.model === 'HH' ? [] : [`    spk_reset=${JSON.stringify(pop.choices.reset ?? 'soft')},`];
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}`,
    `self.${attr} = brainpy.state.${pop.model}(`,
    `    ${pop.size},`,
    ...Object.entries(spec.params).map(([p, unit]) => `    ${p}=${quantity(pop.params[p], pop.size, unit)},`),
    ...Object.entries(spec.state).map(([x, unit]) => `    ${x}_initializer=${initializer(pop.init[x] ?? { kind: 'scalar', value: 0 }, pop.size, unit)},`),
    ...reset,
    `)`,
  ];
}

/** Where brainpy.state computes differently from SNN Studio for this model (a warning, not a refusal). */
export function brainpyCaveat(model: string): string | undefined {
  if (['ExpIF', 'ExpIFRef', 'AdExIF', 'AdExIFRef', 'QuaIF'].includes(model)) {
    return 'SNN Studio clips V at V_th on the spike step; brainpy.state keeps the overshoot, which a soft reset and the adaptation current w carry into the next steps. Use reset "hard" for the closest match.';
  }
  if (model === 'HH') {
    return 'brainpy.state counts a spike in every step with V >= V_th (SNN Studio: each upward crossing) and integrates V by forward Euler (SNN Studio: exponential Euler), so use dt <= 0.01 ms there.';
  }
  return undefined;
}
