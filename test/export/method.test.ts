/**
 * A population's integration method (document field `method`) in the exporters: Brian2 writes the
 * group's `method=` (LIF then takes the spec route, g keeping its exact decay as in the engine),
 * BrainPy generates a class per model and method (brainpy.state's native classes take no method),
 * PyNEST runs NEST's own integrator and says so, naming the population and the field. And the
 * engine's Euler-stepped LIF network against its Brian2 export run with method='euler'.
 */
import { describe, expect, it } from 'vitest';
import { exportProject } from '../../src/engine/export';
import { cobaDocument } from '../../bench/networks/brette';
import { HAS_BRIAN2, SKIP_NOTE } from '../spec/brian2Jobs';
import { COUNT_TOL, documentFor, FIRST_SPIKE_TOL_STEPS, NETWORK_TIMEOUT_MS, networkAgainstBrian2, type NetCase } from '../spec/networks';

const coba = (method?: 'euler' | 'rk4') => cobaDocument({ n: 40, p: 0.2, durationMs: 50, seed: 1, ...(method ? { method } : {}) });

function script(doc: unknown, target: 'brian2' | 'brainpy' | 'pynest') {
  const r = exportProject(doc, target);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r;
}

/** The NeuronGroup call of population `name` (up to its closing `name='...')`). */
function group(text: string, name: string): string {
  const start = text.indexOf(`${name} = b2.NeuronGroup(`);
  expect(start, `group ${name}`).toBeGreaterThanOrEqual(0);
  return text.slice(start, text.indexOf(`name='${name}')`, start));
}

/** A LIFRef network (A driven, B through CUBA, C through COBA) stepped by forward Euler. */
const EULER_NET: NetCase = {
  model: 'LIFRef', dt: '0.1 ms', method: 'euler', init: { V: '-65 mV' }, // LIF's own 0 mV lies above threshold
  params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', tau_ref: '2 ms', reset: 'hard' },
  driveA: ['1.6 nA', '2 nA', '3 nA'], driveBC: '1.2 nA', cuba: '0.3 nA', coba: '0.01 uS', firstSpikesWithinMs: 100,
};

describe('the method field in the exports', () => {
  it('Brian2: method=\'euler\' on the chosen populations, g decayed exactly after the update; without it LIF keeps exponential_euler', () => {
    const withEuler = script(coba('euler'), 'brian2').script;
    for (const name of ['E', 'I']) {
      expect(group(withEuler, name)).toContain("method='euler'");
      expect(withEuler).toMatch(new RegExp(`${name}\\.run_regularly\\('''g_\\w+ = g_\\w+ \\* exp\\(-dt / tau_g_\\w+\\)`));
    }
    const auto = script(coba(), 'brian2').script;
    for (const name of ['E', 'I']) expect(group(auto, name)).toContain("method='exponential_euler'");
    expect(auto).not.toContain("method='euler'");
  });

  it('BrainPy: a class generated per model and method, the populations built from it', () => {
    const text = script(coba('rk4'), 'brainpy').script;
    expect(text).toContain('class LIFRefSpec_rk4(');
    expect(text).toMatch(/self\.E = LIFRefSpec_rk4\(/);
    expect(text).toMatch(/self\.I = LIFRefSpec_rk4\(/);
    // the native class when no method is chosen
    expect(script(coba(), 'brainpy').script).not.toContain('LIFRefSpec');
  });

  it('PyNEST: the script runs on NEST\'s integrator, with a warning naming the population and the field', () => {
    const r = script(documentFor(EULER_NET), 'pynest');
    const notes = r.warnings.filter((p) => p.field === 'method');
    expect(notes.map((p) => p.nodeId).sort()).toEqual(['A', 'B', 'C']);
    for (const p of notes) {
      expect(p.severity).toBe('warning');
      expect(p.message).toContain('method "euler" is not carried over');
    }
    expect(script(documentFor({ ...EULER_NET, method: undefined }), 'pynest').warnings.filter((p) => p.field === 'method')).toEqual([]);
  });
});

describe('Euler-stepped LIF network against Brian2', () => {
  it.skipIf(!HAS_BRIAN2)(`typed backend against the Brian2 export with method='euler': spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step${SKIP_NOTE}`,
    () => networkAgainstBrian2(EULER_NET), NETWORK_TIMEOUT_MS);
});
