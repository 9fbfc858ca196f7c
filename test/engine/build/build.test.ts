import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import type { DocumentInput } from '../../../src/shared/document';

/** A small valid network: one LIF population driven by a constant current, recurrent Expon/CUBA, spike monitor. */
function network(): DocumentInput {
  return {
    simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 10,
        params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' }, init: { V: '-65 mV' } },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
      { id: 'E->E', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.1 }, weight: '0.5 nA',
        synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
      { id: 'spikes', kind: 'monitor', record: 'spikes' },
    ],
    wires: [
      { from: 'drive', to: 'E' }, { from: 'E', to: 'spikes' }, { from: 'E', to: 'E->E' }, { from: 'E->E', to: 'E' },
    ],
  };
}

type Mutable = { nodes: Array<Record<string, unknown>>; wires: Array<{ from: string; to: string }>; simulation: Record<string, unknown> };
function edit(f: (d: Mutable) => void): DocumentInput {
  const d = structuredClone(network()) as unknown as Mutable;
  f(d);
  return d as unknown as DocumentInput;
}
function params(d: Mutable, i: number): Record<string, unknown> {
  return d.nodes[i].params as Record<string, unknown>;
}

function problemsOf(doc: unknown, options = {}) {
  return build(doc, options).problems.map((p) => ({ code: p.code, path: p.path, severity: p.severity, nodeId: p.nodeId }));
}

describe('build: a valid document', () => {
  it('converts every parameter to internal units and fills defaults', () => {
    const { ir, problems } = build(network());
    expect(problems).toEqual([]);
    expect(ir).not.toBeNull();
    const pop = ir!.populations[0];
    expect(pop.params.R).toEqual({ kind: 'scalar', value: 10 });
    expect(pop.params.V_th).toEqual({ kind: 'scalar', value: -50 });
    expect(pop.choices.reset).toBe('soft'); // BrainPy's default
    expect(ir!.steps).toBe(1000);
    expect(ir!.inputs[0].params.amplitude).toEqual({ kind: 'scalar', value: 2 });
    expect(ir!.projections[0].weight).toEqual({ kind: 'scalar', value: 0.5 });
    expect(ir!.synapseGroups[0].synapse).toEqual({ model: 'Expon', params: { tau: 5 } });
  });

  it('folds a CUBA scale into the weight: 50 mS × 1 V = 50 mA = 5e7 nA', () => {
    const doc = edit((d) => {
      d.nodes[2].weight = '50 mS';
      d.nodes[2].output = { model: 'CUBA', scale: '1 V' };
    });
    expect(build(doc).ir!.projections[0].weight).toEqual({ kind: 'scalar', value: 5e7 });
  });

  it('shares one synapse group between projections with identical synapse and output onto one population (AlignPostProj)', () => {
    const doc = edit((d) => {
      d.nodes.push({ ...d.nodes[2], id: 'E->E 2', weight: '0.2 nA' });
      d.nodes.push({ ...d.nodes[2], id: 'E->E slow', synapse: { model: 'Expon', tau: '10 ms' } });
      d.wires.push({ from: 'E', to: 'E->E 2' }, { from: 'E->E 2', to: 'E' }, { from: 'E', to: 'E->E slow' }, { from: 'E->E slow', to: 'E' });
    });
    const ir = build(doc).ir!;
    expect(ir.synapseGroups).toHaveLength(2);
    expect(ir.synapseGroups[0].projections).toEqual([0, 1]);
    expect(ir.synapseGroups[1].projections).toEqual([2]);
  });

  it('accepts per-neuron arrays and linspace sweeps', () => {
    const doc = edit((d) => {
      params(d, 1).amplitude = { dist: 'linspace', from: '0 nA', to: '5 nA' };
      params(d, 0).V_th = Array.from({ length: 10 }, () => '-50 mV');
    });
    const ir = build(doc).ir!;
    expect(ir.inputs[0].params.amplitude).toEqual({ kind: 'linspace', from: 0, to: 5 });
    expect(ir.populations[0].params.V_th.kind).toBe('array');
  });
});

describe('build: every bad input is reported with its code and path', () => {
  it('a malformed document', () => {
    expect(problemsOf({ nodes: 'no' })).toContainEqual(expect.objectContaining({ code: 'invalid_structure', path: 'nodes' }));
    expect(problemsOf(null)[0].code).toBe('invalid_structure');
  });

  it('an unknown model', () => {
    expect(problemsOf(edit((d) => (d.nodes[0].model = 'LIFF')))).toContainEqual(
      expect.objectContaining({ code: 'unknown_model', path: 'nodes[0].model', nodeId: 'E' }));
  });

  it('an unknown connectivity rule', () => {
    expect(problemsOf(edit((d) => (d.nodes[2].conn = { rule: 'small_world' })))).toContainEqual(
      expect.objectContaining({ code: 'unknown_rule', path: 'nodes[2].conn.rule', nodeId: 'E->E' }));
  });

  it('a missing parameter (spike times of a SpikeTimes source)', () => {
    const doc = edit((d) => d.nodes.push({ id: 'src', kind: 'population', model: 'SpikeTimes', size: 1, params: {} }));
    expect(problemsOf(doc)).toContainEqual(expect.objectContaining({ code: 'missing_param', path: 'nodes[4].params.times' }));
  });

  it('a wrong dimension ("5 kg" for a voltage)', () => {
    const p = build(edit((d) => (params(d, 0).V_th = '5 kg'))).problems;
    expect(p).toContainEqual(expect.objectContaining({ code: 'wrong_dimension', path: 'nodes[0].params.V_th', field: 'params.V_th' }));
    expect(p.find((x) => x.code === 'wrong_dimension')!.message).toMatch(/voltage/);
  });

  it('a quantity that is not one ("fast")', () => {
    expect(problemsOf(edit((d) => (params(d, 0).tau = 'fast')))).toContainEqual(
      expect.objectContaining({ code: 'bad_quantity', path: 'nodes[0].params.tau' }));
  });

  it.each([[-5], [2.5], [0], [1e12]])('a bad size (%d)', (size) => {
    expect(problemsOf(edit((d) => (d.nodes[0].size = size)))).toContainEqual(
      expect.objectContaining({ code: 'bad_size', path: 'nodes[0].size' }));
  });

  it.each([[1.5], [-0.1]])('a probability outside [0, 1] (%d)', (p) => {
    expect(problemsOf(edit((d) => (d.nodes[2].conn = { rule: 'fixed_prob', p })))).toContainEqual(
      expect.objectContaining({ code: 'bad_probability', path: 'nodes[2].conn.p' }));
  });

  it.each([['0 ms'], ['-0.1 ms']])('dt <= 0 (%s)', (dt) => {
    const r = build(edit((d) => (d.simulation.dt = dt)));
    expect(r.ir).toBeNull();
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'bad_dt', path: 'simulation.dt' }));
  });

  it('dt larger than a tenth of the smallest time constant is a warning naming the node and field', () => {
    const r = build(edit((d) => (d.nodes[2].synapse = { model: 'Expon', tau: '0.5 ms' })));
    expect(r.ir).not.toBeNull();
    expect(r.problems).toEqual([expect.objectContaining({ code: 'dt_too_large', severity: 'warning', path: 'nodes[2].synapse.tau', nodeId: 'E->E' })]);
  });

  it('a projection whose pre or post population does not exist', () => {
    const doc = edit((d) => {
      d.wires = d.wires.filter((w) => w.to !== 'E->E');
      d.wires.push({ from: 'ghost', to: 'E->E' });
    });
    const p = problemsOf(doc);
    expect(p).toContainEqual(expect.objectContaining({ code: 'dangling_wire', path: 'wires[3].from' }));
    expect(p).toContainEqual(expect.objectContaining({ code: 'projection_unwired', path: 'nodes[2]', nodeId: 'E->E' }));
  });

  it('a network over the memory budget, estimated before anything is allocated', () => {
    const doc = edit((d) => {
      d.nodes[0].size = 100_000;
      d.nodes[2].conn = { rule: 'all_to_all' };
    });
    const r = build(doc); // 1e10 synapses: would need 120 GB
    expect(r.ir).toBeNull();
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'memory_budget', nodeId: 'E->E' }));
    const small = problemsOf(network(), { memoryBudgetBytes: 100 });
    expect(small).toContainEqual(expect.objectContaining({ code: 'memory_budget' }));
  });

  it("the tutorial's pitfall: 2 nA into BrainPy's default 1 Ω can never reach threshold", () => {
    const doc = edit((d) => {
      delete params(d, 0).R;
      d.nodes.splice(2, 1);
      d.wires = d.wires.filter((w) => !w.from.includes('->') && !w.to.includes('->'));
    });
    const r = build(doc);
    expect(r.ir).not.toBeNull();
    const w = r.problems.find((p) => p.code === 'unreachable_threshold')!;
    expect(w).toMatchObject({ severity: 'warning', path: 'nodes[0].params.R', nodeId: 'E' });
    expect(w.message).toContain('R·I = 2 nV < V_th − V_rest = 15 mV');
  });

  it('duplicate ids', () => {
    expect(problemsOf(edit((d) => d.nodes.push({ ...d.nodes[3] })))).toContainEqual(
      expect.objectContaining({ code: 'duplicate_id', path: 'nodes[4].id' }));
  });

  it('a per-neuron array of the wrong length', () => {
    expect(problemsOf(edit((d) => (params(d, 0).V_th = ['-50 mV', '-51 mV'])))).toContainEqual(
      expect.objectContaining({ code: 'size_mismatch', path: 'nodes[0].params.V_th' }));
  });

  it('one_to_one between populations of different sizes', () => {
    const doc = edit((d) => {
      d.nodes.push({ id: 'I', kind: 'population', model: 'LIF', size: 3, params: {} });
      d.nodes[2].conn = { rule: 'one_to_one' };
      d.wires = d.wires.map((w) => (w.from === 'E->E' ? { from: 'E->E', to: 'I' } : w));
    });
    expect(problemsOf(doc)).toContainEqual(expect.objectContaining({ code: 'size_mismatch', path: 'nodes[2].conn.rule' }));
  });

  it('a wire that makes no sense (population straight to population)', () => {
    const doc = edit((d) => d.wires.push({ from: 'E', to: 'E' }));
    expect(problemsOf(doc)).toContainEqual(expect.objectContaining({ code: 'bad_wire', path: 'wires[4]' }));
  });

  it('a COBA weight that is a current instead of a conductance', () => {
    const doc = edit((d) => (d.nodes[2].output = { model: 'COBA', E: '0 mV' }));
    expect(problemsOf(doc)).toContainEqual(expect.objectContaining({ code: 'wrong_dimension', path: 'nodes[2].weight' }));
  });

  it('collects every problem, not just the first', () => {
    const doc = edit((d) => {
      params(d, 0).V_th = '5 kg';
      d.nodes[2].conn = { rule: 'fixed_prob', p: 2 };
      d.simulation.dt = '0 ms';
    });
    const codes = problemsOf(doc).map((p) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['wrong_dimension', 'bad_probability', 'bad_dt']));
  });
});
