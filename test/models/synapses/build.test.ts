/** Build of the synapse library: catalogue entries, plasticity parameters and their problems. */
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { getModel, modelsOf } from '../../../src/shared/catalog';
import { buildOk, sourceDoc } from './helpers';

const withPlasticity = (plasticity: Record<string, string | number>, output: Record<string, string> = { model: 'CUBA' }, weight = '0.5 nA') =>
  build(sourceDoc([1], { steps: 10, synapse: { model: 'Expon' }, output, weight, plasticity }));

const problemAt = (r: ReturnType<typeof build>, path: string) => r.problems.find((p) => p.path === path);

describe('synapse library catalogue', () => {
  it('registers every synapse, output and plasticity model with a doc line, equations and parseable defaults', () => {
    for (const [family, name] of [
      ['synapse', 'DualExpon'], ['synapse', 'Alpha'], ['synapse', 'AMPA'], ['synapse', 'GABAa'], ['synapse', 'NMDA'], ['synapse', 'Delta'],
      ['output', 'MgBlock'], ['plasticity', 'STP'], ['plasticity', 'STD'], ['plasticity', 'STDP'],
    ] as const) {
      const spec = getModel(family, name);
      expect(spec, `${family} ${name}`).toBeDefined();
      expect(spec!.doc.length).toBeGreaterThan(60);
      expect(spec!.equations?.length).toBeGreaterThan(10);
    }
    expect(modelsOf('plasticity').map((m) => m.name).sort()).toEqual(['STD', 'STDP', 'STP']);
    for (const model of ['DualExpon', 'Alpha', 'AMPA', 'GABAa', 'NMDA']) {
      const ir = buildOk(sourceDoc([1], { steps: 10, synapse: { model }, output: { model: 'COBA' }, weight: '1 nS' }));
      expect(ir.synapseGroups[0].synapse.model).toBe(model);
    }
    const nmda = buildOk(sourceDoc([1], { steps: 10, synapse: { model: 'NMDA' }, output: { model: 'MgBlock' }, weight: '1 nS' }));
    expect(nmda.synapseGroups[0].output.params).toEqual({ E: 0, cc_Mg: 1.2, alpha: 0.062, beta: 3.57, V_offset: 0 });
    // rates are stored in Hz: AMPA's 0.98 /ms is 980 Hz
    expect(buildOk(sourceDoc([1], { steps: 10, synapse: { model: 'AMPA' }, output: { model: 'COBA' }, weight: '1 nS' })).synapseGroups[0].synapse.params.alpha).toBeCloseTo(980, 9);
  });
});

describe('plasticity on a projection', () => {
  it('STDP bounds take the unit of the weight: nA under CUBA, µS under COBA', () => {
    const cuba = withPlasticity({ model: 'STDP', w_max: '1 nA' });
    expect(cuba.ir?.projections[0].plasticity).toEqual({
      model: 'STDP', choices: { bound: 'hard' },
      params: { tau_plus: 16.8, tau_minus: 33.7, A_plus: 0.01, A_minus: 0.0105, w_min: 0, w_max: 1 },
    });
    const coba = withPlasticity({ model: 'STDP', w_max: '10 nS', bound: 'soft' }, { model: 'COBA' }, '5 nS');
    expect(coba.ir?.projections[0].plasticity?.params.w_max).toBeCloseTo(0.01, 12);
    expect(coba.ir?.projections[0].plasticity?.choices.bound).toBe('soft');
  });

  it('reports each wrong STDP field with its path', () => {
    expect(problemAt(withPlasticity({ model: 'STDP', w_max: '10 nS' }), 'nodes[2].plasticity.w_max')?.code).toBe('wrong_dimension');
    expect(problemAt(withPlasticity({ model: 'STDP' }), 'nodes[2].plasticity.w_max')?.code).toBe('missing_param');
    expect(problemAt(withPlasticity({ model: 'STDP', w_max: '1 nA', w_min: '2 nA' }), 'nodes[2].plasticity.w_max')?.code).toBe('bad_value');
    expect(problemAt(withPlasticity({ model: 'STDP', w_max: '1 nA', bound: 'medium' }), 'nodes[2].plasticity.bound')?.code).toBe('bad_value');
    expect(problemAt(withPlasticity({ model: 'STDP', w_max: '1 nA', tau_plus: '5 mV' }), 'nodes[2].plasticity.tau_plus')?.code).toBe('wrong_dimension');
    const unknown = withPlasticity({ model: 'STDP', w_max: '1 nA', eta: 3 });
    expect(unknown.ir).not.toBeNull();
    expect(problemAt(unknown, 'nodes[2].plasticity.eta')?.code).toBe('unknown_param');
  });

  it('STP / STD parameters are checked and an unknown model named', () => {
    expect(problemAt(withPlasticity({ model: 'STP', U: 1.5 }), 'nodes[2].plasticity.U')?.code).toBe('bad_value');
    expect(problemAt(withPlasticity({ model: 'STD', tau: '-3 ms' }), 'nodes[2].plasticity.tau')?.code).toBe('bad_value');
    const r = withPlasticity({ model: 'BCM' });
    expect(r.ir).toBeNull();
    expect(problemAt(r, 'nodes[2].plasticity.model')?.message).toMatch(/no plasticity model "BCM".*STP, STD or STDP/);
    expect(withPlasticity({ model: 'STD' }).ir?.projections[0].plasticity).toEqual({ model: 'STD', params: { U: 0.07, tau: 200 }, choices: {} });
  });

  it('DualExpon refuses equal rise and decay time constants, pointing to Alpha', () => {
    const r = build(sourceDoc([1], { steps: 10, synapse: { model: 'DualExpon', tau_rise: '5 ms', tau_decay: '5 ms' } }));
    expect(r.ir).toBeNull();
    expect(problemAt(r, 'nodes[2].synapse.tau_rise')?.message).toMatch(/Alpha/);
  });

  it('a projection without plasticity builds as before (no plasticity field)', () => {
    expect('plasticity' in buildOk(sourceDoc([1], { steps: 10, synapse: { model: 'Expon' } })).projections[0]).toBe(false);
  });
});
