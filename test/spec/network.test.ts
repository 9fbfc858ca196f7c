/**
 * A small network of each spec-only model (AdQuaIF, GIF, Morris–Lecar, Wang–Buzsáki), built from
 * a document and run by the typed backend's spec kernel, then exported to Brian2 (the equations
 * generated from the spec, src/engine/export/brian2Spec.ts) and run under /usr/bin/python3.
 * The networks are those of networks.ts (CUBA and COBA paths on top of sub-threshold currents).
 * Nothing is random, so the tolerance
 * is the one of test/export/brian2.test.ts for deterministic networks: spike counts per population
 * within 1 (a threshold crossing decided by float rounding); here also every neuron's first spike
 * time within one step. Skipped, with the reason in the name, without Brian2.
 */
import { describe, expect, it } from 'vitest';
import { brian2Available } from '../../bench/brian2';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { exportProject } from '../../src/engine/export';
import { simulate } from '../../src/engine/simulate';
import { NET_CASES as CASES, documentFor, firing, runBrian2 } from './networks';

const HAS_BRIAN2 = brian2Available();
const SKIP_NOTE = HAS_BRIAN2 ? '' : " [skipped: /usr/bin/python3 -c 'import brian2' failed]";
/** Spike count difference allowed per population (deterministic networks, test/export/brian2.test.ts). */
const COUNT_TOL = 1;
/** First spike times may differ by one step (a crossing decided by rounding). */
const FIRST_SPIKE_TOL_STEPS = 1;

describe('spec-only models in a network: typed backend against the Brian2 export', () => {
  for (const c of CASES) {
    it.skipIf(!HAS_BRIAN2)(`${c.model}: CUBA and COBA paths, spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step${SKIP_NOTE}`, async () => {
      const doc = documentFor(c);
      const out = await simulate(withSpikeMonitors(doc), { backend: 'typed' });
      if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
      const ours = firing(out.results.spikes);
      expect(out.results.traces.length, 'the V monitor records').toBe(1);
      const exported = exportProject(doc, 'brian2');
      if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
      const theirs = runBrian2(exported.script, c.model, out.results.dt, { A: 3, B: 2, C: 3 });
      console.log(`${c.model}: engine ${JSON.stringify(ours)}\n  brian2 ${JSON.stringify(theirs)}`);
      for (const id of ['A', 'B', 'C']) {
        expect(ours[id].count, `${id} fires`).toBeGreaterThan(0);
        expect(Math.abs(ours[id].count - theirs[id].count), `${id} spike count`).toBeLessThanOrEqual(COUNT_TOL);
        ours[id].first.forEach((s, i) => {
          expect(theirs[id].first[i] >= 0, `${id}[${i}] fires in Brian2`).toBe(s >= 0);
          expect(Math.abs(s - theirs[id].first[i]), `${id}[${i}] first spike step`).toBeLessThanOrEqual(FIRST_SPIKE_TOL_STEPS);
        });
      }
    }, 600_000);
  }
});
