/**
 * Limits as data: a hostile clock (10^13 steps, Infinity steps, no steps, a duration that is not
 * a whole number of steps, a time constant of 1e-320 ms), values of the wrong type, late spike
 * times and delays longer than the run are each refused or warned about with a code, a path and
 * the node and field — never run for ever, never changed silently, never an internal error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { LIMITS, type DocumentInput } from '../../../src/shared/document';
import { parseProjectFile } from '../../../src/shared/projectFile';

const lif = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' };

function network(sim: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): DocumentInput {
  return {
    simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'typed', ...sim },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 10, params: { ...lif, ...extra }, init: { V: '-65 mV' } },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
    ],
    wires: [{ from: 'drive', to: 'E' }],
  } as DocumentInput;
}

const codes = (doc: unknown) => build(doc).problems.map((p) => `${p.severity} ${p.code} ${p.path}`);

describe('the run clock', () => {
  it('refuses a duration of 10^13 steps ("1e9 s") instead of running for ever', () => {
    const r = build(network({ duration: '1e9 s' }));
    expect(r.ir).toBeNull();
    const p = r.problems.find((x) => x.code === 'bad_duration')!;
    expect(p).toMatchObject({ severity: 'error', path: 'simulation.duration', field: 'duration' });
    expect(p.message).toMatch(/1\.00e\+13 steps, more than the 100,000,000/);
  });

  it('refuses "1e308 ms", whose step count would be Infinity', () => {
    const r = build(network({ duration: '1e308 ms' }));
    expect(r.ir).toBeNull();
    expect(codes(network({ duration: '1e308 ms' }))).toContain('error bad_duration simulation.duration');
  });

  it('refuses a tiny dt whose step count overflows', () => {
    expect(codes(network({ dt: '1e-320 ms' }))).toContain('error bad_duration simulation.duration');
  });

  it('accepts exactly the step limit and refuses one step more', () => {
    const at = build(network({ dt: '1 ms', duration: `${LIMITS.steps} ms` }), { memoryBudgetBytes: Infinity });
    expect(at.problems.filter((p) => p.code === 'bad_duration')).toEqual([]);
    expect(at.ir?.steps).toBe(LIMITS.steps);
    expect(codes(network({ dt: '1 ms', duration: `${LIMITS.steps + 1} ms` }))).toContain('error bad_duration simulation.duration');
  });

  it('dt ≥ duration is an error, never a run with no steps', () => {
    for (const [dt, duration] of [['1 ms', '1 ms'], ['30 ms', '20 ms'], ['1 s', '500 ms']]) {
      const r = build(network({ dt, duration }));
      expect(r.ir, `${dt} / ${duration}`).toBeNull();
      expect(r.problems.find((p) => p.code === 'bad_duration')?.message).toMatch(/is not longer than dt/);
    }
  });

  it('the --duration override goes through the same check', () => {
    expect(build(network(), { durationMs: 0.05 }).ir).toBeNull();
    expect(build(network(), { durationMs: 1e300 }).ir).toBeNull();
  });

  it('a duration that is not a whole number of steps is a warning that says what is simulated', () => {
    const r = build(network({ dt: '0.3 ms', duration: '100 ms' }));
    expect(r.ir?.steps).toBe(333);
    const w = r.problems.find((p) => p.code === 'bad_duration')!;
    expect(w.severity).toBe('warning');
    expect(w.message).toMatch(/333 steps, which is 99\.9 ms/);
    // float noise (500 / 0.1 = 5000.000000000001) is not a problem
    expect(build(network({ dt: '0.1 ms', duration: '500 ms' })).problems).toEqual([]);
  });

  it('a tau of 1e-320 ms is called a unit mistake, not "use dt ≤ 0 s"', () => {
    const r = build(network({}, { tau: '1e-320 ms' }));
    const p = r.problems.find((x) => x.path === 'nodes[0].params.tau')!;
    expect(p.message).not.toMatch(/≤ 0 s/);
    expect(p.message).toMatch(/far shorter than any time step.*Check its unit/);
    expect(p).toMatchObject({ nodeId: 'E', field: 'params.tau' });
  });
});

describe('times inside nodes', () => {
  it('a delay longer than the run is a warning and its ring stays the run\'s length', () => {
    const doc = {
      simulation: { dt: '0.1 ms', duration: '10 ms', seed: 1, backend: 'typed' },
      nodes: [
        { id: 'E', kind: 'population', model: 'LIF', size: 10, params: lif, init: { V: '-65 mV' } },
        { id: 'E->E', kind: 'projection', conn: { rule: 'one_to_one' }, weight: '1 nA', delay: '1e300 ms', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
      ],
      wires: [{ from: 'E', to: 'E->E' }, { from: 'E->E', to: 'E' }],
    };
    const r = build(doc);
    expect(r.ir!.projections[0].delaySteps).toBe(100);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'bad_value', severity: 'warning', path: 'nodes[1].delay', nodeId: 'E->E' }));
    expect(r.memoryBytes).toBeLessThan(1e6);
  });

  it('spike times after the end of the run are left out with a warning (a step number never wraps around)', () => {
    const doc = {
      simulation: { dt: '0.1 ms', duration: '10 ms', seed: 1, backend: 'typed' },
      nodes: [{ id: 'S', kind: 'population', model: 'SpikeTimes', size: 2, params: { times: ['1 ms', '1e12 ms', '5 ms', '10 ms'], indices: [0, 1, 1, 0] } }],
      wires: [],
    };
    const r = build(doc);
    expect(Array.from(r.ir!.populations[0].lists.times)).toEqual([1, 5]);
    expect(Array.from(r.ir!.populations[0].lists.indices)).toEqual([0, 1]);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'bad_value', severity: 'warning', path: 'nodes[0].params.times[1]' }));
  });

  it('a monitor interval that is not a whole number of steps says how it samples', () => {
    const doc = network();
    (doc.nodes as object[]).push({ id: 'V', kind: 'monitor', record: 'state', variables: ['V'], interval: '0.25 ms' });
    (doc.wires as object[]).push({ from: 'E', to: 'V' });
    const r = build(doc);
    expect(r.ir!.monitors[0].every).toBe(3);
    expect(r.problems.find((p) => p.path === 'nodes[2].interval')?.message).toMatch(/every 3 steps/);
  });
});

describe('values of the wrong type', () => {
  for (const bad of [true, false, null, [], {}, { dist: 'poisson' }]) {
    it(`"V_rest": ${JSON.stringify(bad)} is refused by the schema with its path, not an internal error`, () => {
      const doc = network({}, { V_rest: bad });
      const r = build(doc);
      expect(r.ir).toBeNull();
      expect(r.problems.some((p) => p.path.startsWith('nodes[0].params.V_rest'))).toBe(true);
      // the file loader says the same with the path from the file's root
      const file = parseProjectFile(JSON.stringify({ format: 'snn-studio', version: 1, document: doc }));
      expect(file.ok).toBe(false);
      if (!file.ok) expect(file.problems.some((p) => p.path.startsWith('document.nodes[0].params.V_rest'))).toBe(true);
    });
  }

  it('a synapse parameter that is true is refused by the schema', () => {
    const doc = network();
    (doc.nodes as object[]).push({ id: 'E->E', kind: 'projection', conn: { rule: 'one_to_one' }, weight: '1 nA', synapse: { model: 'Expon', tau: true }, output: { model: 'CUBA' } });
    expect(build(doc).problems.map((p) => p.path)).toContain('nodes[2].synapse.tau');
  });

  it('a parameter that fails to build does not break the checks after it (threshold, memory)', () => {
    for (const V_th of ['fast', '5 kg', ['-50 mV']]) {
      const r = build(network({}, { V_th }));
      expect(r.ir).toBeNull();
      expect(r.problems.some((p) => p.path.startsWith('nodes[0].params.V_th'))).toBe(true);
    }
  });
});

describe('the threshold warning beyond constant inputs', () => {
  const example = (): DocumentInput => (parseProjectFile(readFileSync(join(import.meta.dirname, '../../../resources/examples/05-ei-balanced.snn'), 'utf8')) as { document: DocumentInput }).document;

  /** The tutorial's E/I network as the tutorial writes it: BrainPy's default R = 1 Ω and a 2 nA step. */
  function tutorialEI(): DocumentInput {
    const doc = structuredClone(example()) as { nodes: Array<Record<string, unknown>> };
    for (const n of doc.nodes) {
      if (n.kind === 'population') (n.params as Record<string, unknown>).R = '1 Ohm';
      if (n.id === 'drive') Object.assign(n, { model: 'step', params: { amplitude: '2 nA', start: '0 ms', stop: '500 ms' } });
    }
    return doc as unknown as DocumentInput;
  }

  it('the physically consistent example gets no warning', () => {
    expect(build(example()).problems.filter((p) => p.code === 'unreachable_threshold')).toEqual([]);
  });

  it("the tutorial's E/I network at R = 1 Ω with a 2 nA step: both populations warned, naming node and R", () => {
    const warnings = build(tutorialEI()).problems.filter((p) => p.code === 'unreachable_threshold');
    expect(warnings.map((w) => [w.nodeId, w.field, w.severity])).toEqual([['E', 'params.R', 'warning'], ['I', 'params.R', 'warning']]);
    expect(warnings[0].message).toMatch(/every presynaptic neuron firing as fast as it possibly can/);
    expect(warnings[0].message).toMatch(/R = 1 Ω/);
  });

  it('a step, a ramp and a sinusoid are bounded by their largest value', () => {
    const driven = (input: Record<string, unknown>, R: string) => {
      const doc = network({}, { R }) as { nodes: Array<Record<string, unknown>> };
      Object.assign(doc.nodes[1], input);
      return build(doc).problems.filter((p) => p.code === 'unreachable_threshold');
    };
    // gap 15 mV: 1 nA × 10 MΩ = 10 mV cannot, 2 nA × 10 MΩ = 20 mV can
    expect(driven({ model: 'step', params: { amplitude: '1 nA', start: '10 ms' } }, '10 MOhm')).toHaveLength(1);
    expect(driven({ model: 'step', params: { amplitude: '2 nA', start: '10 ms' } }, '10 MOhm')).toHaveLength(0);
    expect(driven({ model: 'step', params: { amplitude: '5 nA', start: '200 ms' } }, '10 MOhm')).toHaveLength(1); // starts after the run
    expect(driven({ model: 'ramp', params: { from: '0 nA', to: '1.4 nA' } }, '10 MOhm')).toHaveLength(1);
    expect(driven({ model: 'ramp', params: { from: '0 nA', to: '1.6 nA' } }, '10 MOhm')).toHaveLength(0);
    expect(driven({ model: 'sinusoid', params: { offset: '1 nA', amplitude: '0.4 nA' } }, '10 MOhm')).toHaveLength(1);
    expect(driven({ model: 'sinusoid', params: { offset: '1 nA', amplitude: '0.6 nA' } }, '10 MOhm')).toHaveLength(0);
    // noise has no upper bound: no claim either way
    expect(driven({ model: 'ou', params: { mean: '0.1 nA', sigma: '0.1 nA' } }, '10 MOhm')).toHaveLength(0);
  });

  it('a COBA excitatory reversal below threshold can never drive it, whatever the conductance', () => {
    const doc = {
      simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'typed' },
      nodes: [
        { id: 'P', kind: 'population', model: 'Poisson', size: 100, params: { rate: '100 Hz' } },
        { id: 'E', kind: 'population', model: 'LIF', size: 10, params: lif, init: { V: '-65 mV' } },
        { id: 'P->E', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '1 uS', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'COBA', E: '-55 mV' } },
      ],
      wires: [{ from: 'P', to: 'P->E' }, { from: 'P->E', to: 'E' }],
    };
    expect(build(doc).problems.filter((p) => p.code === 'unreachable_threshold').map((p) => p.nodeId)).toEqual(['E']);
    (doc.nodes[2].output as Record<string, string>).E = '0 mV';
    expect(build(doc).problems.filter((p) => p.code === 'unreachable_threshold')).toEqual([]);
  });
});
