/**
 * AdExIF / AdExIFRef (and ExpIF / ExpIFRef, with a = b = 0) as NEST's aeif_psc_exp or
 * aeif_cond_exp: the same equations (Brette & Gerstner 2005) with C_m = tau / R, g_L = 1 / R, NEST's V_th = our soft threshold V_T and
 * V_peak = our spike cut-off V_th. NEST resets V to V_reset at V_peak; SNN Studio clips V at
 * V_th on the spike step, so its soft and hard resets both equal that. The synapses map as for
 * the LIF (pynestModel.ts); NEST integrates with an adaptive Runge-Kutta solver, so spike times
 * differ slightly from our exponential Euler (a caveat travels with the script).
 */
import type { NetworkIR, PopulationIR, ValueIR } from '../ir';
import { nestModelOf, type NestModel } from './pynestModel';
import { isScalar, num, scalarValue, str } from './python';

/** NEST takes pA, pF and nS; SNN Studio computes in nA, nF and µS. */
const PICO_PER_NANO = 1000;

/** AdEx, and ExpIF as AdEx without adaptation (a = b = 0, w stays 0). */
export const NEST_ADEX = new Set(['AdExIF', 'AdExIFRef', 'ExpIF', 'ExpIFRef']);

const AEIF: Readonly<Record<string, string>> = { iaf_psc_exp: 'aeif_psc_exp', iaf_cond_exp: 'aeif_cond_exp' };

/** The aeif model of an AdEx population, or a sentence saying why there is none. */
export function adexNestModel(ir: NetworkIR, pop: PopulationIR): NestModel | string {
  if (!isScalar(pop.params.R) || !isScalar(pop.params.tau)) return 'R or tau differs between neurons; the aeif export needs one value of each (C_m = tau / R)';
  const m = nestModelOf(ir, pop);
  if (typeof m === 'string') return m;
  const aeif = AEIF[m.model];
  if (!aeif) return 'more than two kinds of current synapse; NEST\'s aeif_psc_exp has two (excitatory and inhibitory). Merge them to two (same tau)';
  return { ...m, model: aeif };
}

/** Python creating an AdEx population as aeif_psc_exp / aeif_cond_exp. */
export function adexLines(pop: PopulationIR, name: string, m: NestModel, constI: ValueIR | undefined, nestValue: (v: ValueIR, n: number, scale?: number) => string): string[] {
  const R = scalarValue(pop.params.R);
  const tau = scalarValue(pop.params.tau);
  const adaptive = pop.model.startsWith('AdEx');
  // ExpIF has no adaptation: a = b = 0 keeps w at 0 whatever tau_w is
  const v = (k: string, scale = 1): string => (!adaptive && ['a', 'b'].includes(k) ? '0.0' : !adaptive && k === 'tau_w' ? '1.0' : nestValue(pop.params[k], pop.size, scale));
  const params: [string, string][] = [
    ['C_m', num((tau / R) * PICO_PER_NANO)],
    ['g_L', num(PICO_PER_NANO / R)],
    ['E_L', v('V_rest')],
    ['V_th', v('V_T')],
    ['Delta_T', v('delta_T')],
    ['V_peak', v('V_th')],
    ['V_reset', v('V_reset')],
    ['t_ref', pop.model.endsWith('Ref') ? v('tau_ref') : '0.0'],
    ['a', v('a', PICO_PER_NANO)],
    ['b', v('b', PICO_PER_NANO)],
    ['tau_w', v('tau_w')],
  ];
  for (const [k, x] of Object.entries(m.params)) params.push([k, Array.isArray(x) ? `[${x.map(num).join(', ')}]` : num(x)]);
  if (constI) params.push(['I_e', nestValue(constI, pop.size, PICO_PER_NANO)]);
  params.push(['V_m', nestValue(pop.init.V ?? { kind: 'scalar', value: -65 }, pop.size)]);
  params.push(['w', adaptive ? nestValue(pop.init.w ?? { kind: 'scalar', value: 0 }, pop.size, PICO_PER_NANO) : '0.0']);
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'} -> ${m.model} (C_m = tau / R in pF, g_L = 1 / R and a in nS, b and w in pA; NEST's V_th is V_T, V_peak is V_th)`,
    `${name} = nest.Create(${str(m.model)}, ${pop.size})`,
    `${name}.set({${params.map(([k, x]) => `${str(k)}: ${x}`).join(',\n' + ' '.repeat(name.length + 7))}})`,
  ];
}
