/**
 * Shared set-up of the plasticity rule tests (src/shared/modelspec/plasticity/<folder>/*.test.ts):
 * the rule run by the typed backend's runtime on given spike trains, and the same rule exported to
 * Brian2 (export/brian2Plasticity.ts) and run there on the same trains, all-to-all from nPre
 * presynaptic to nPost postsynaptic neurons. Spike trains are lists of steps per neuron.
 */
import type { PlasticityIR } from '../../src/engine/ir';
import type { Csr } from '../../src/engine/connectivity';
import { PlasticityRuntime } from '../../src/engine/backends/typed/plasticity';
import { plasticityRule } from '../../src/engine/backends/common/plasticity';
import { plasticitySynapse } from '../../src/engine/export/brian2Plasticity';
import { runBrian2 } from './helpers';

export const DT = 0.1;

function allToAll(nPre: number, nPost: number): Csr {
  const rowPtr = new Int32Array(nPre + 1);
  const col = new Int32Array(nPre * nPost);
  for (let i = 0; i < nPre; i++) {
    rowPtr[i + 1] = (i + 1) * nPost;
    for (let j = 0; j < nPost; j++) col[i * nPost + j] = j;
  }
  return { nPre, nPost, rowPtr, col };
}

function spikesAt(trains: readonly (readonly number[])[], s: number): { spikes: Int32Array; spikeCount: number } {
  const ids = trains.flatMap((t, i) => (t.includes(s) ? [i] : []));
  return { spikes: Int32Array.from(ids), spikeCount: ids.length };
}

export interface RuleRun {
  /** Final weight of synapse i -> j: w[i][j] (the weight's unit). */
  readonly w: number[][];
  /** What arrived at each post neuron in each step: dg[s][j] (w times the transmitted factor). */
  readonly dg: number[][];
}

/** The rule on the typed runtime: transmit rules at propagation, weight rules in the plasticity phase. */
export function typedRule(ir: PlasticityIR, pre: readonly (readonly number[])[], post: readonly (readonly number[])[], steps: number, w0: number): RuleRun {
  const csr = allToAll(pre.length, post.length);
  const rt = new PlasticityRuntime(ir, csr, DT);
  const w = new Float64Array(pre.length * post.length).fill(w0);
  const dg: number[][] = [];
  const transmits = plasticityRule(ir).parts.transmits;
  for (let s = 0; s < steps; s++) {
    const row = new Array<number>(post.length).fill(0);
    const p = spikesAt(pre, s);
    for (let k = 0; k < p.spikeCount; k++) {
      const i = p.spikes[k];
      const f = transmits ? rt.efficacy(i, s) : 1;
      for (let j = 0; j < post.length; j++) row[j] += w[i * post.length + j] * f;
    }
    if (!transmits) rt.update(p, spikesAt(post, s), w);
    dg.push(row);
  }
  return { w: pre.map((_, i) => Array.from(w.subarray(i * post.length, (i + 1) * post.length))), dg };
}

/** The rule's Brian2 export run by Brian2 on the same trains (neurons fire where a TimedArray says so). */
export function brian2Rule(ir: PlasticityIR, pre: readonly (readonly number[])[], post: readonly (readonly number[])[], steps: number, w0: number): Promise<RuleRun> {
  const syn = plasticitySynapse(ir, 'g', 'nA', 'amp');
  const fire = (trains: readonly (readonly number[])[]): string => `np.array(${JSON.stringify(Array.from({ length: steps }, (_, s) => trains.map((t) => (t.includes(s) ? 1 : 0))))}, dtype=float)`;
  const code = `
import json
import numpy as np
import brian2 as b2
from brian2 import ms, nA
b2.prefs.codegen.target = 'numpy'
b2.defaultclock.dt = ${DT} * ms
pre_fire = b2.TimedArray(${fire(pre)}, dt=${DT} * ms)
post_fire = b2.TimedArray(${fire(post)}, dt=${DT} * ms)
pre = b2.NeuronGroup(${pre.length}, '', threshold='pre_fire(t, i) > 0.5')
post = b2.NeuronGroup(${post.length}, 'g : amp', threshold='post_fire(t, i) > 0.5')
syn = b2.Synapses(pre, post, model='''${syn.model}''', on_pre='''${syn.onPre}''', ${syn.onPost ? `on_post='''${syn.onPost}''', ` : ''}namespace={${syn.namespace}})
syn.connect()
syn.w = ${w0} * nA
${syn.init.map((x) => `syn.${x}`).join('\n')}
mon = b2.StateMonitor(post, 'g', record=True, when='end')
b2.run(${steps} * b2.defaultclock.dt)
g = mon.g[:] / nA
print(json.dumps({'g': g.tolist(), 'i': syn.i[:].tolist(), 'j': syn.j[:].tolist(), 'w': (syn.w[:] / nA).tolist()}))
`;
  return runBrian2<{ g: number[][]; i: number[]; j: number[]; w: number[] }>(code).then((r) => {
    const w = pre.map(() => new Array<number>(post.length).fill(NaN));
    r.i.forEach((i, k) => (w[i][r.j[k]] = r.w[k]));
    const dg = Array.from({ length: steps }, (_, s) => post.map((_, j) => r.g[j][s] - (s > 0 ? r.g[j][s - 1] : 0)));
    return { w, dg };
  });
}
