/**
 * The current inputs written as specs (src/shared/modelspec/inputs), exported to Brian2 from
 * their spec and run under /usr/bin/python3, against the engine: one deterministic LIF population
 * per input (two neurons where a parameter differs per neuron), so both simulators must give the
 * same spike count per population within 1 (float rounding at a threshold crossing), the tolerance
 * of the example-project export test (brian2.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportProject } from '../../src/engine/export';
import { simulate } from '../../src/engine/simulate';
import { networkStatistics } from '../../src/engine/analysis';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';

const PYTHON = '/usr/bin/python3';
const haveBrian2 = spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' }).status === 0;

const lif = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' };
const INPUTS: readonly { id: string; model: string; size: number; params: Record<string, unknown> }[] = [
  { id: 'constant', model: 'constant', size: 2, params: { amplitude: ['1.8 nA', '2.6 nA'] } },
  { id: 'step', model: 'step', size: 1, params: { amplitude: '2.2 nA', start: '40.05 ms', stop: '160 ms' } },
  { id: 'ramp', model: 'ramp', size: 2, params: { from: { dist: 'linspace', from: '0 nA', to: '1 nA' }, to: ['3 nA', '4 nA'], start: '20 ms', stop: '180 ms' } },
  { id: 'sinusoid', model: 'sinusoid', size: 1, params: { amplitude: '1.5 nA', offset: '1.6 nA', frequency: '7 Hz', phase: 0.4 } },
];

function document() {
  return {
    simulation: { dt: '0.1 ms', duration: '250 ms', seed: 1, backend: 'typed' },
    nodes: INPUTS.flatMap((i) => [
      { id: `${i.id}_in`, kind: 'input', model: i.model, params: i.params },
      { id: i.id, kind: 'population', model: 'LIF', size: i.size, params: lif, init: { V: '-65 mV' } },
    ]),
    wires: INPUTS.map((i) => ({ from: `${i.id}_in`, to: i.id })),
  };
}

describe.skipIf(!haveBrian2)('Brian2 export of the spec current inputs', () => {
  it('gives the engine\'s spike counts (within 1) for constant, step, ramp and sinusoid', async () => {
    const doc = document();
    const exported = exportProject(doc, 'brian2');
    if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
    const file = join(mkdtempSync(join(tmpdir(), 'snn-inputs-')), 'model.py');
    writeFileSync(file, exported.script);
    const r = spawnSync(PYTHON, [file, '--duration-ms', '250', '--seed', '1'], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`Brian2 script failed (${r.status}):\n${r.stderr.slice(-2000)}`);
    const theirs = (JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { populations: Record<string, { spikes: number }> }).populations;
    const out = await simulate(withSpikeMonitors(doc), { durationMs: 250, seed: 1 });
    if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
    const ours = networkStatistics(out.results).populations;
    expect(ours.map((p) => p.population).sort()).toEqual(INPUTS.map((i) => i.id).sort());
    for (const p of ours) {
      // every input must drive its population above threshold for a while, or the check is empty
      expect(p.spikes, `${p.population} spikes in the engine`).toBeGreaterThan(3);
      expect(Math.abs(theirs[p.population].spikes - p.spikes), `${p.population}: engine ${p.spikes} spikes, Brian2 ${theirs[p.population].spikes}`).toBeLessThanOrEqual(1);
    }
  }, 300_000);
});
