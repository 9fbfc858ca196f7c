/**
 * BrainPy and PyNEST exports: every example compiles (python3 -m py_compile) and the scripts make
 * the documented API calls with the right parameters (checked against brainpy.state / brainstate
 * sources and the NEST 3 docs; neither library is installed here). Refusals name node and feature.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportProject, type ExportTarget } from '../../src/engine/export';

const EXAMPLES = fileURLToPath(new URL('../../resources/examples', import.meta.url));
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.snn')).sort();
const workDir = mkdtempSync(join(tmpdir(), 'snn-export-structure-'));

function example(name: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')).document;
}

function script(doc: unknown, target: ExportTarget): string {
  const r = exportProject(doc, target);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.script;
}

/** A small E/I network with every feature the exporters translate. */
const EI: { simulation: object; nodes: Array<Record<string, unknown>>; wires: Array<{ from: string; to: string }> } = {
  simulation: { dt: '0.1 ms', duration: '200 ms', seed: 5 },
  nodes: [
    { id: 'E', kind: 'population', model: 'LIFRef', size: 80, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '20 ms', R: '10 MOhm', tau_ref: '2 ms', reset: 'hard' }, init: { V: { dist: 'uniform', low: '-65 mV', high: '-50 mV' } } },
    { id: 'I', kind: 'population', model: 'LIF', size: 20, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' } },
    { id: 'bg', kind: 'population', model: 'Poisson', size: 50, params: { rate: '20 Hz' } },
    { id: 'E->I', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.2 }, weight: '0.3 nA', delay: '1 ms', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    { id: 'I->E', kind: 'projection', conn: { rule: 'bernoulli', p: 0.1 }, weight: '-0.5 nA', synapse: { model: 'Expon', tau: '10 ms' }, output: { model: 'CUBA' } },
    { id: 'bg->E', kind: 'projection', conn: { rule: 'fixed_indegree', k: 10 }, weight: { dist: 'normal', mean: '0.2 nA', std: '0.02 nA' }, synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
    { id: 'step', kind: 'input', model: 'step', params: { amplitude: '1 nA', start: '50 ms', stop: '150 ms' } },
    { id: 'vm', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0, 3] },
  ],
  wires: [
    { from: 'E', to: 'E->I' }, { from: 'E->I', to: 'I' }, { from: 'I', to: 'I->E' }, { from: 'I->E', to: 'E' },
    { from: 'bg', to: 'bg->E' }, { from: 'bg->E', to: 'E' }, { from: 'step', to: 'E' }, { from: 'E', to: 'vm' },
  ],
};

const python = spawnSync('python3', ['--version']).status === 0 ? 'python3' : '/usr/bin/python3';

describe('BrainPy and PyNEST exports compile', () => {
  for (const target of ['brainpy', 'pynest'] as const) {
    for (const file of [...files, 'E/I test network']) {
      it(`${target}: ${file}`, () => {
        const doc = file === 'E/I test network' ? EI : example(file);
        const r = exportProject(doc, target);
        if (!r.ok) {
          // a refusal is acceptable only as an 'unsupported' problem naming a node
          for (const p of r.problems) {
            expect(p.code).toBe('unsupported');
            expect(p.nodeId).toBeTruthy();
          }
          return;
        }
        const path = join(workDir, `${target}_${file.replace(/\W+/g, '_')}.py`);
        writeFileSync(path, r.script);
        const c = spawnSync(python, ['-m', 'py_compile', path], { encoding: 'utf8' });
        expect(c.stderr).toBe('');
        expect(c.status).toBe(0);
      });
    }
  }
});

describe('BrainPy export follows the tutorial API', () => {
  const s = script(EI, 'brainpy');
  it('uses brainpy.state neurons with the document parameters in brainunit units', () => {
    expect(s).toMatch(/self\.E = brainpy\.state\.LIFRef\(\n\s+80,/);
    expect(s).toContain('tau_ref=2.0 * u.ms');
    expect(s).toContain('R=10.0 * u.Mohm');
    expect(s).toContain('V_initializer=braintools.init.Uniform(-65.0 * u.mV, -50.0 * u.mV)');
    expect(s).toContain('spk_reset="hard"');
    expect(s).toMatch(/self\.I = brainpy\.state\.LIF\(/);
    expect(s).toContain('self.bg = brainpy.state.PoissonSpike(50, freqs=20.0 * u.Hz)');
  });
  it('projects through AlignPostProj with EventFixedProb, Expon.desc and CUBA.desc', () => {
    // weights travel as conductances (Expon's g is one) and CUBA scales g by 1 mV: see test/export/brainpy.test.ts
    expect(s).toContain('comm=brainstate.nn.EventFixedProb(80, 20, conn_num=4, conn_weight=0.3 * u.uS, seed=seed + 0)');
    expect(s).toContain('syn=brainpy.state.Expon.desc(20, tau=5.0 * u.ms)');
    expect(s).toContain('out=brainpy.state.CUBA.desc(scale=u.mV)');
    expect(s).toContain('post=self.I');
    expect(s).toMatch(/brainstate\.nn\.SparseLinear\(csr\(i, j, 20, 80, np\.full\(i\.size, -0\.5\) \* u\.uS\)\)/);
    expect(s).toContain('rng.normal(0.2, 0.02, size=i.size) * u.uS');
  });
  it('delays spikes by whole steps and runs with for_loop under the seed', () => {
    expect(s).toContain('self.E_I(self.E_history.value[9])  # delay: 10 steps');
    expect(s).toContain('brainstate.transform.for_loop(net.update, np.arange(steps))');
    expect(s).toContain('brainstate.random.seed(args.seed)');
    expect(s).toContain('SEED = 5');
    expect(s).toContain('brainstate.environ.set(dt=DT)');
  });
  it('drives E with the step current at the start of each step', () => {
    expect(s).toMatch(/self\.E\(\(self\.step_E_amplitude \* \(\(tm >= 50\.0\) & \(tm < 150\.0\)\)\) \* u\.nA\)/);
  });
});

describe('PyNEST export uses NEST 3 models and rules', () => {
  const s = script(EI, 'pynest');
  it('maps LIF parameters: C_m = tau / R in pF, E_L = V_rest, t_ref', () => {
    expect(s).toContain('I = nest.Create("iaf_psc_exp", 20)');
    expect(s).toContain('"C_m": 1000.0'); // I: 10 ms / 10 MOhm = 1 nF
    expect(s).toContain('"tau_m": 10.0');
    expect(s).toContain('"E_L": -65.0');
    expect(s).toContain('"t_ref": 0.0'); // LIF has no refractory period
    expect(s).toContain('"tau_syn_ex": 5.0');
    expect(s).toContain('"V_m": nest.random.uniform(min=-65.0, max=-50.0)');
  });
  it('gives E one receptor per synapse type, since a normal weight may take either sign', () => {
    expect(s).toContain('E = nest.Create("iaf_psc_exp_multisynapse", 80)');
    expect(s).toContain('"C_m": 2000.0'); // E: 20 ms / 10 MOhm = 2 nF
    expect(s).toContain('"t_ref": 2.0');
    expect(s).toContain('"tau_syn": [10.0, 5.0]');
    expect(s).toMatch(/"weight": -500\.0, "delay": 1 \* DT, "receptor_type": 1/);
    expect(s).toMatch(/"weight": nest\.random\.normal\(mean=200\.0, std=20\.0\), "delay": 1 \* DT, "receptor_type": 2/);
  });
  it('connects with NEST rules, pA weights and step delays', () => {
    expect(s).toContain('conn_spec={"rule": "fixed_outdegree", "outdegree": 4, "allow_multapses": True}');
    expect(s).toContain('conn_spec={"rule": "pairwise_bernoulli", "p": 0.1}');
    expect(s).toContain('conn_spec={"rule": "fixed_indegree", "indegree": 10, "allow_multapses": True}');
    expect(s).toContain('"weight": 300.0, "delay": 10 * DT');
    expect(s).toContain('"weight": nest.random.normal(mean=200.0, std=20.0)');
  });
  it('sources feed parrot neurons; seed, resolution and recorders are set', () => {
    expect(s).toContain('bg_gen = nest.Create("poisson_generator", 50, params={"rate": 20.0})');
    expect(s).toContain('bg = nest.Create("parrot_neuron", 50)');
    expect(s).toContain('"resolution": DT, "rng_seed": max(1, args.seed)');
    expect(s).toContain('nest.Create("dc_generator", params={"amplitude": 1000.0, "start": 50.0, "stop": 150.0})');
    expect(s).toContain('spike_recorders["E"] = nest.Create("spike_recorder")');
    expect(s).toContain('nest.Create("multimeter", params={"record_from": ["V_m"], "interval": 1 * DT})');
  });
  it('warns that zero-delay projections arrive one step later in NEST', () => {
    const r = exportProject(EI, 'pynest');
    expect(r.ok && r.warnings.some((w) => w.nodeId === 'I->E' && w.severity === 'warning' && /one step/.test(w.message))).toBe(true);
  });
});

describe('features a target cannot express are refused with the node and the feature', () => {
  const soft = structuredClone(EI);
  (soft.nodes[1].params as Record<string, string>).reset = 'soft';
  it('NEST has no soft reset', () => {
    const r = exportProject(soft, 'pynest');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const p = r.problems.find((x) => x.code === 'unsupported');
    expect(p?.nodeId).toBe('I');
    expect(p?.path).toBe('nodes[1].params.reset');
    expect(p?.message).toMatch(/soft reset/);
  });
  it('NEST has no OU current generator', () => {
    const ou = structuredClone(EI);
    ou.nodes[6] = { id: 'noise', kind: 'input', model: 'ou', params: { mean: '1 nA', sigma: '0.2 nA', tau: '5 ms' } };
    ou.wires[6] = { from: 'noise', to: 'E' };
    const r = exportProject(ou, 'pynest');
    expect(!r.ok && r.problems.some((p) => p.nodeId === 'noise' && /Ornstein/.test(p.message))).toBe(true);
    // Brian2 and BrainPy express it
    expect(exportProject(ou, 'brian2').ok).toBe(true);
    expect(exportProject(ou, 'brainpy').ok).toBe(true);
  });
  it('a document with build errors is refused with the build problems', () => {
    const bad = structuredClone(EI);
    (bad.nodes[0].params as Record<string, string>).tau = '20 mV';
    const r = exportProject(bad, 'brian2');
    expect(!r.ok && r.problems.some((p) => p.code === 'wrong_dimension' && p.nodeId === 'E')).toBe(true);
  });
});
