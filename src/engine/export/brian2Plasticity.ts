/**
 * Brian2 code for pair-based STDP on a projection (typed counterpart:
 * src/engine/backends/typed/plasticity.ts, Stdp). Traces are event-driven exponentials, which
 * equal our per-step decayed traces at every spike; Brian2 runs on_pre before on_post within a
 * step, as our plasticity phase does, so a pair at Δt = 0 potentiates. The presynaptic spike
 * first applies its depression, then transmits the new weight (our next step propagates the
 * weight after this step's plasticity). One difference remains: a potentiation caused by a post
 * spike in the same step is transmitted by our engine but not by this on_pre (rare, one A_plus).
 * STP / STD and STDP with a transmission delay are refused (in brian2.ts).
 */
import type { PlasticityIR } from '../ir';
import { num } from './python';

export function stdpSynapse(p: PlasticityIR, gv: string, unit: string, dimension: string): { model: string; onPre: string; onPost: string } {
  const q = p.params;
  const wMin = `${num(q.w_min)} * ${unit}`;
  const wMax = `${num(q.w_max)} * ${unit}`;
  const aPlus = `${num(q.A_plus * q.w_max)} * ${unit}`;
  const aMinus = `${num(q.A_minus * q.w_max)} * ${unit}`;
  const soft = p.choices.bound === 'soft';
  const depress = soft ? `w - ${num(q.A_minus)} * xpost * (w - ${wMin})` : `w - ${aMinus} * xpost`;
  const potentiate = soft ? `w + ${num(q.A_plus)} * xpre * (${wMax} - w)` : `w + ${aPlus} * xpre`;
  return {
    model: [
      `w : ${dimension}`,
      `dxpre/dt = -xpre / (${num(q.tau_plus)} * ms) : 1 (event-driven)`,
      `dxpost/dt = -xpost / (${num(q.tau_minus)} * ms) : 1 (event-driven)`,
    ].join('\n'),
    onPre: [`w = clip(${depress}, ${wMin}, ${wMax})`, 'xpre += 1', `${gv}_post += w`].join('\n'),
    onPost: ['xpost += 1', `w = clip(${potentiate}, ${wMin}, ${wMax})`].join('\n'),
  };
}
