/**
 * How a population maps onto a NEST neuron model: iaf_psc_exp (current-based, tau_syn_ex for
 * positive weights and tau_syn_in for negative ones), iaf_psc_exp_multisynapse (more current
 * synapse types, one receptor each) or iaf_cond_exp (at most two conductances: E_ex / E_in).
 * Anything else is refused with the reason.
 */
import type { NetworkIR, PopulationIR, SynapseGroupIR, ValueIR } from '../ir';
import { isConductanceOutput, reversalOf } from './outputs';

export interface NestModel {
  /** iaf_psc_exp, iaf_psc_exp_multisynapse, iaf_cond_exp; aeif_psc_exp / aeif_cond_exp for AdEx (pynestNeurons.ts). */
  readonly model: string;
  /** Synapse-model parameters (tau_syn_ex, E_in, tau_syn list, ...). */
  readonly params: Record<string, number | number[]>;
  /** Per synapse group index: receptor_type (multisynapse) and the weight sign NEST needs. */
  readonly port: Map<number, { receptor?: number; negate: boolean }>;
}

/** +1 when every weight is >= 0, -1 when every weight is <= 0, 0 when the sign can vary. */
function sign(w: ValueIR): number {
  const [lo, hi] = w.kind === 'scalar' ? [w.value, w.value] : w.kind === 'uniform' ? [w.low, w.high] : w.kind === 'normal' && w.std === 0 ? [w.mean, w.mean] : [-1, 1];
  return lo >= 0 ? 1 : hi <= 0 ? -1 : 0;
}

function groupSign(ir: NetworkIR, g: SynapseGroupIR): number {
  const signs = new Set(g.projections.map((k) => sign(ir.projections[k].weight)));
  return signs.size === 1 ? [...signs][0] : 0;
}

/** The NEST model of a LIF population, or a sentence saying why there is none. */
export function nestModelOf(ir: NetworkIR, pop: PopulationIR): NestModel | string {
  const groups = ir.synapseGroups.filter((g) => g.post === pop.index);
  const cond = groups.filter((g) => isConductanceOutput(g.output));
  if (cond.length > 0 && cond.length < groups.length) {
    return 'both current- and conductance-based synapses; NEST has no integrate-and-fire model with both. Make them all CUBA or all COBA';
  }
  if (cond.length > 2) return `${cond.length} kinds of conductance synapse; NEST's iaf_cond_exp has two (excitatory and inhibitory). Merge them to two (same tau and E)`;
  if (cond.length > 0) {
    for (const g of cond) if (groupSign(ir, g) <= 0) return 'a conductance weight that can be negative (a normal distribution); NEST would send it to the other receptor. Use a uniform distribution with low >= 0';
    const [ex, inh] = cond;
    const port = new Map<number, { negate: boolean }>([[ex.index, { negate: false }]]);
    if (inh) port.set(inh.index, { negate: true });
    return {
      model: 'iaf_cond_exp',
      params: {
        E_ex: reversalOf(ex.output),
        tau_syn_ex: ex.synapse.params.tau,
        E_in: inh ? reversalOf(inh.output) : -85,
        tau_syn_in: inh ? inh.synapse.params.tau : ex.synapse.params.tau,
      },
      port,
    };
  }
  const pos = groups.filter((g) => groupSign(ir, g) > 0);
  const neg = groups.filter((g) => groupSign(ir, g) < 0);
  if (pos.length <= 1 && neg.length <= 1 && pos.length + neg.length === groups.length) {
    const port = new Map<number, { negate: boolean }>();
    for (const g of groups) port.set(g.index, { negate: false });
    const tauEx = pos[0]?.synapse.params.tau ?? neg[0]?.synapse.params.tau ?? 2;
    return { model: 'iaf_psc_exp', params: { tau_syn_ex: tauEx, tau_syn_in: neg[0]?.synapse.params.tau ?? tauEx }, port };
  }
  const port = new Map<number, { receptor: number; negate: boolean }>();
  groups.forEach((g, k) => port.set(g.index, { receptor: k + 1, negate: false }));
  return { model: 'iaf_psc_exp_multisynapse', params: { tau_syn: groups.map((g) => g.synapse.params.tau) }, port };
}
