/**
 * Brian2 code for the model-library neurons. The step of each model is SNN Studio's own
 * (src/engine/backends/typed/neuron*.ts), written so Brian2 computes the same numbers:
 * - ExpIF, AdExIF, QuaIF, Izhikevich: V is not linear in V, so Brian2's exponential_euler cannot
 *   take them. V and w/u are plain variables updated by a run_regularly at the start of the
 *   'groups' slot with SNN Studio's exponential-Euler step (J = df/dV, V clipped at V_th on the
 *   spike step), before the state updater decays the synaptic variables (so V sees the step's g).
 * - ALIF and HH: ordinary equations with method 'exponential_euler', which is exactly our step
 *   (every other variable frozen over the step). HH counts upward crossings of V_th.
 * The refractory variants are refused: Brian2 updates not_refractory inside the state updater,
 * after this run_regularly, so the hold could not be reproduced step for step.
 */
import type { InputIR, PopulationIR, SynapseGroupIR, ValueIR } from '../ir';
import type { Problem } from '../../shared/problems';
import { type Dim, driveTerms, GroupParts, type Names } from './brian2Groups';
import { valueExpr } from './python';
import { type ExportInput, unsupported } from './types';

interface ModelTranslation {
  readonly params: Readonly<Record<string, Dim>>;
  /** State variables besides v, with their Brian2 dimension and the unit of the internal value. */
  readonly state: Readonly<Record<string, { readonly dimension: string; readonly unit: string; readonly from?: string }>>;
}

const EXP: Readonly<Record<string, Dim>> = { R: 'resistance', tau: 'time', V_th: 'voltage', V_reset: 'voltage', V_rest: 'voltage', V_T: 'voltage', delta_T: 'voltage' };

const MODELS: Readonly<Record<string, ModelTranslation>> = {
  ExpIF: { params: EXP, state: {} },
  // the adaptation current is "w_adapt": Synapses already call their weight w
  AdExIF: { params: { ...EXP, tau_w: 'time', a: 'conductance', b: 'current' }, state: { w_adapt: { dimension: 'amp', unit: 'nA', from: 'w' } } },
  QuaIF: { params: { R: 'resistance', tau: 'time', V_th: 'voltage', V_reset: 'voltage', V_rest: 'voltage', V_c: 'voltage', c: 'none' }, state: {} },
  Izhikevich: { params: { a: 'rate', b: 'rate', c: 'voltage', d: 'none', V_th: 'voltage', C: 'capacitance' }, state: { u: { dimension: 'volt/second', unit: 'mV/ms' } } },
  ALIF: { params: { R: 'resistance', tau: 'time', tau_a: 'time', V_th: 'voltage', V_reset: 'voltage', V_rest: 'voltage', beta: 'voltage' }, state: { a: { dimension: '1', unit: '' } } },
  HH: {
    params: { ENa: 'voltage', gNa: 'conductance', EK: 'voltage', gK: 'conductance', EL: 'voltage', gL: 'conductance', V_th: 'voltage', C: 'capacitance' },
    state: { m: { dimension: '1', unit: '' }, h: { dimension: '1', unit: '' }, n: { dimension: '1', unit: '' } },
  },
};

export const BRIAN2_NEURON_MODELS: readonly string[] = Object.keys(MODELS);

/** Refusals for a model-library population (the refractory variants). */
export function checkNeuronModel(input: ExportInput, pop: PopulationIR): Problem[] {
  if (pop.model in MODELS) return [];
  const base = pop.model.replace(/Ref$/, '');
  return [unsupported(input, 'brian2', pop.id, 'model', `the refractory period of ${pop.model} has no Brian2 translation yet; ${base in MODELS ? `${base} (without tau_ref) exports` : 'this model does not export'}.`)];
}

const sum = (terms: readonly string[], zero: string): string => (terms.length > 0 ? terms.join(' + ') : zero);

/** SNN Studio's exponential-Euler step of V for an upswing f (per ms) with Jacobian J, clipped at V_th. */
function expEulerLines(f: string, J: string): string[] {
  return [
    `f_v = ${f}`,
    `J_v = ${J}`,
    'v_new = clip(v + dt * exprel(dt * J_v) * f_v, -1e9 * mV, V_th)',
  ];
}

function updateCode(model: string, I: string, G: string): { code: string[]; reset: string[] } {
  switch (model) {
    case 'ExpIF':
    case 'AdExIF': {
      const w = model === 'AdExIF' ? ' - R * w_adapt' : '';
      const code = [
        'e_v = exp((v - V_T) / delta_T)',
        ...expEulerLines(`(-(v - V_rest) + delta_T * e_v${w} + R * (${I})) / tau`, `(-1 + e_v - R * (${G})) / tau`),
      ];
      if (model === 'AdExIF') code.push('w_adapt = a * (v_new - V_rest) + (w_adapt - a * (v_new - V_rest)) * exp(-dt / tau_w)');
      return { code: [...code, 'v = v_new'], reset: model === 'AdExIF' ? ['w_adapt += b'] : [] };
    }
    case 'QuaIF':
      return {
        code: [...expEulerLines(`(c / mV * (v - V_rest) * (v - V_c) + R * (${I})) / tau`, `(c / mV * (2 * v - V_rest - V_c) - R * (${G})) / tau`), 'v = v_new'],
        reset: [],
      };
    default: // Izhikevich
      return {
        code: [
          ...expEulerLines(`0.04 / (mV * ms) * v**2 + 5 / ms * v + 140 * mV / ms - u + (${I}) / C`, `0.08 / (mV * ms) * v + 5 / ms - (${G}) / C`),
          'u = b * v_new + (u - b * v_new) * exp(-a * dt)',
          'v = v_new',
        ],
        reset: ['u += d * mV / ms'],
      };
  }
}

/** HH rate functions (1/ms, V in mV); alpha_m and alpha_n written out (Brian2's numpy exprel is slow). */
const HH_RATES = [
  'am = 0.1 / mV * (v + 40 * mV) / (1 - exp(-(v + 40 * mV) / (10 * mV))) / ms : Hz',
  'bm = 4 / ms * exp(-(v + 65 * mV) / (18 * mV)) : Hz',
  'ah = 0.07 / ms * exp(-(v + 65 * mV) / (20 * mV)) : Hz',
  'bh = 1 / ms / (1 + exp(-(v + 35 * mV) / (10 * mV))) : Hz',
  'an = 0.01 / mV * (v + 55 * mV) / (1 - exp(-(v + 55 * mV) / (10 * mV))) / ms : Hz',
  'bn = 0.125 / ms * exp(-(v + 65 * mV) / (80 * mV)) : Hz',
];

function initLine(name: string, variable: string, v: ValueIR | undefined, size: number, unit: string): string {
  const value = valueExpr(v ?? { kind: 'scalar', value: 0 }, size);
  return `${name}.${variable} = ${unit === '' ? value : `${value} * ${unit}`}`;
}

/** Python for one model-library population with its synapse variables and current inputs. */
export function neuronGroup(pop: PopulationIR, groups: readonly SynapseGroupIR[], inputs: readonly { ir: InputIR; name: string }[], names: Names): string[] {
  const name = names.pop[pop.index];
  const t = MODELS[pop.model];
  const g = new GroupParts(name, pop.size);
  for (const [p, dim] of Object.entries(t.params)) g.param(p, pop.params[p], dim);
  const { currents, conductances } = driveTerms(pop, groups, inputs, names, g);
  const I = sum(currents, '0 * nA');
  const G = sum(conductances, '0 * uS');
  const soft = (pop.choices.reset ?? 'soft') === 'soft';
  let eqs: string[];
  let threshold = 'v >= V_th';
  let reset: string[];
  let update: string[] = [];
  const after: string[] = [];
  if (pop.model === 'ALIF') {
    eqs = [`dv/dt = (V_rest - v + R * (${I})) / tau : volt`, 'da/dt = -a / tau_a : 1'];
    threshold = 'v >= V_th + beta * a';
    reset = [soft ? 'v -= V_th - V_reset' : 'v = V_reset', 'a += 1'];
  } else if (pop.model === 'HH') {
    eqs = [`dv/dt = (gNa * m**3 * h * (ENa - v) + gK * n**4 * (EK - v) + gL * (EL - v) + ${I}) / C : volt`,
      ...['m', 'h', 'n'].map((x) => `d${x}/dt = a${x} * (1 - ${x}) - b${x} * ${x} : 1`), ...HH_RATES, 'v_prev : volt'];
    threshold = 'v >= V_th and v_prev < V_th';
    reset = [];
    after.push(`${name}.run_regularly('v_prev = v', dt=DT, when='start', order=-1)`);
  } else {
    eqs = ['v : volt', ...Object.entries(t.state).map(([x, s]) => `${x} : ${s.dimension}`)];
    const u = updateCode(pop.model, I, G);
    update = u.code;
    reset = [pop.model === 'Izhikevich' ? 'v = c' : soft ? 'v -= V_th - V_reset' : 'v = V_reset', ...u.reset];
  }
  if (update.length > 0) after.push(`${name}.run_regularly('''\n    ${update.join('\n    ')}\n    ''', dt=DT, when='groups', order=-1)`);
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}${update.length > 0 ? ", SNN Studio's exponential-Euler step in run_regularly" : ''}`,
    `${name} = b2.NeuronGroup(`,
    `    ${pop.size},`,
    `    '''`,
    ...[...eqs, ...g.eqs].map((e) => `    ${e}`),
    `    ''',`,
    `    threshold='${threshold}',${reset.length > 0 ? ` reset='${reset.join('; ')}',` : ''} method='exponential_euler',`,
    `    namespace={${g.ns.join(', ')}},`,
    `    name='${name}')`,
    initLine(name, 'v', pop.init.V, pop.size, 'mV'),
    ...Object.entries(t.state).map(([x, s]) => initLine(name, x, pop.init[s.from ?? x], pop.size, s.unit === 'mV/ms' ? 'mV / ms' : s.unit)),
    ...(pop.model === 'HH' ? [`${name}.v_prev = ${name}.v[:]`] : []),
    ...g.after,
    ...after,
  ];
}
