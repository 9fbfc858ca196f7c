/**
 * Brian2 code for a projection's plasticity rule, written from its spec (modelspec/plasticity/
 * <folder>; the typed counterpart is backends/typed/plasticity.ts). The rule's language is Brian2's
 * Synapses language, so the translation is nearly literal: each event-driven state becomes a
 * per-synapse `(event-driven)` state, which equals our per-neuron state at every event (every synapse
 * of a neuron sees all of that neuron's spikes); on_pre and on_post keep their statements and order
 * (Brian2 runs on_pre before on_post within a step, as our plasticity phase does); `transmit
 * w * f` becomes `g_post += w * f`, and a rule without one transmits w after its on_pre (a
 * presynaptic spike first applies its depression, then transmits the new weight, as our next step
 * propagates the weight after this step's plasticity). One difference remains for a rule that
 * changes w: a potentiation caused by a post spike in the same step is transmitted by our engine
 * but not by Brian2's on_pre (rare, one A_plus). States and parameters take the suffix `_pl` so
 * they never meet a neuron's variable; parameters go into the Synapses' namespace.
 */
import type { Expr } from '../../shared/modelspec/ast';
import { dimName } from '../../shared/modelspec/dimension';
import type { PlasticityIR } from '../ir';
import { plasticityRule, statementValue } from '../backends/common/plasticity';
import { brian2Expr } from '../spec/brian2';
import { num } from './python';

/** Brian2 units of document dimensions (coherent units of the spec). */
const UNIT: Readonly<Record<string, string>> = { time: 'ms', voltage: 'mV', current: 'nA', conductance: 'uS', resistance: 'Mohm', capacitance: 'nF', rate: '(1/ms)' };

export interface PlasticitySynapse {
  /** The Synapses' model: w and the event-driven states. */
  readonly model: string;
  readonly onPre: string;
  /** Empty when the rule has no on_post. */
  readonly onPost: string;
  /** Python dict entries of the namespace. */
  readonly namespace: string;
  /** Assignments after connect (states whose initial value is not 0), without the Synapses' name. */
  readonly init: readonly string[];
}

/** `gv`: the target group's synaptic variable; `unit`: the weight's Brian2 unit (nA, uS); `dimension`: its Brian2 dimension (amp, siemens). */
export function plasticitySynapse(p: PlasticityIR, gv: string, unit: string, dimension: string): PlasticitySynapse {
  const rule = plasticityRule(p);
  const states = new Set(rule.states.map((s) => s.name));
  const py = (e: Expr): string => brian2Expr(e, (n) => (n === 'w' ? 'w' : states.has(n) || rule.params.has(n) ? `${n}_pl` : n));
  const namespace = [...rule.params].map(([name, v]) => {
    const q = rule.spec.params.find((x) => x.name === name);
    const u = rule.parts.weightParams.includes(name) ? unit : UNIT[(q && dimName(q.dim)) ?? ''];
    return `'${name}_pl': ${u ? `${num(v)} * ${u}` : num(v)}`;
  });
  const statements = (steps: typeof rule.onPre): string[] =>
    steps.map(({ statement: s }) => ('transmit' in s ? `${gv}_post += ${py(statementValue(s))}` : `${s.target === 'w' ? 'w' : `${s.target}_pl`} ${s.op} ${py(s.value)}`));
  const onPre = statements(rule.onPre);
  if (!rule.parts.transmits) onPre.push(`${gv}_post += w`);
  return {
    // parameters carry their units in the namespace (tau_plus_pl = 16.8 * ms), so each rhs is already per second
    model: [`w : ${dimension}`, ...rule.spec.states.map((s) => `d${s.name}_pl/dt = ${py(s.rhs)} : 1 (event-driven)`)].join('\n'),
    onPre: onPre.join('\n'),
    onPost: statements(rule.onPost).join('\n'),
    namespace: namespace.join(', '),
    init: rule.states.filter((s) => s.init !== 0).map((s) => `${s.name}_pl = ${num(s.init)}`),
  };
}
