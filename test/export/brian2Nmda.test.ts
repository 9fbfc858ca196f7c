/**
 * The NMDA synapse exported to Brian2: one presynaptic neuron firing at fixed times drives a
 * subthreshold LIF neuron through NMDA receptors (CUBA); the membrane potential of the exported
 * network under Brian2 follows the engine's sample by sample.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject } from '../../src/engine/export';
import { simulate } from '../../src/engine/simulate';
import type { DocumentInput } from '../../src/shared/document';

const PYTHON = '/usr/bin/python3';
const haveBrian2 = spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' }).status === 0;

/**
 * Brian2's exponential Euler steps x and s together from the old x, the engine steps s from the
 * new x: s lags by one step of x's rise (2 ms), a relative difference of order dt/2 ms in the
 * drive, so about 5 % of the NMDA depolarisation (below 1 mV here).
 */
const TOLERANCE_MV = 0.1;

const doc = (alpha1: string, weight: string): DocumentInput => ({
  simulation: { dt: '0.1 ms', duration: '200 ms', seed: 1 },
  nodes: [
    { id: 'pre', kind: 'population', model: 'SpikeTimes', size: 1, params: { times: ['10 ms', '15 ms', '20 ms', '60 ms', '61 ms'] } },
    { id: 'post', kind: 'population', model: 'LIF', size: 1, params: { V_rest: '-70 mV', V_th: '0 mV', V_reset: '-70 mV', tau: '20 ms', R: '100 MOhm', reset: 'hard' }, init: { V: '-70 mV' } },
    { id: 'nmda', kind: 'projection', conn: { rule: 'all_to_all' }, weight, synapse: { model: 'NMDA', alpha1 }, output: { model: 'CUBA' } },
    { id: 'vm', kind: 'monitor', record: 'state', variables: ['V'] },
  ],
  wires: [{ from: 'pre', to: 'nmda' }, { from: 'nmda', to: 'post' }, { from: 'post', to: 'vm' }],
});

const READ_V = `
import sys, json, numpy as np
d = np.load(sys.argv[1])
print(json.dumps([float(v) for v in d['vm post V_mV'].ravel()]))
`;

describe.skipIf(!haveBrian2)('NMDA synapse exported to Brian2', () => {
  // BrainPy's alpha1 opens nearly every receptor with one spike; the examples' 0.1 /ms saturates slowly
  it.each([['2 /ms', '0.05 nA'], ['0.1 /ms', '0.5 nA']])('V of the post neuron matches the engine (alpha1 = %s)', async (alpha1, weight) => {
    const out = await simulate(doc(alpha1, weight), { backend: 'typed' });
    if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
    const ours = Array.from(out.results.traces[0].values);
    const exported = exportProject(doc(alpha1, weight), 'brian2');
    if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
    const dir = mkdtempSync(join(tmpdir(), 'snn-nmda-'));
    writeFileSync(join(dir, 'model.py'), exported.script);
    const run = spawnSync(PYTHON, [join(dir, 'model.py'), '--save', join(dir, 'out.npz')], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
    const read = spawnSync(PYTHON, ['-c', READ_V, join(dir, 'out.npz')], { encoding: 'utf8' });
    if (read.status !== 0) throw new Error(read.stderr);
    const theirs = JSON.parse(read.stdout) as number[];
    expect(theirs.length).toBe(ours.length);
    // the synapse does something: the post neuron is depolarised by more than 1 mV
    expect(Math.max(...ours) - -70).toBeGreaterThan(1);
    const worst = Math.max(...ours.map((v, i) => Math.abs(v - theirs[i])));
    expect(worst, `largest difference ${worst.toFixed(4)} mV`).toBeLessThan(TOLERANCE_MV);
  });
});
