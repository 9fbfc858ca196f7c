/**
 * BrainPy export: units and connectivity. BrainPy (JAX, brainstate, brainunit) cannot be installed
 * here, so the generated text is checked against what brainpy.state's source requires (cited in
 * src/engine/export/brainpyParts.ts): Expon's g is a conductance that starts at 0 mS and receives
 * the comm output, so weights must be conductances for CUBA as for COBA; CUBA turns g into a
 * current with its scale. The script's own numpy connectivity helper does run here, on the
 * 64k-neuron Brette network, to show it never builds a dense n_pre x n_post array.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/engine/build';
import { exportProject } from '../../src/engine/export';
import { num } from '../../src/engine/export/python';
import { cubaDocument } from '../../bench/networks/brette';

const EXAMPLES = fileURLToPath(new URL('../../resources/examples', import.meta.url));
const PYTHON = '/usr/bin/python3';
const workDir = mkdtempSync(join(tmpdir(), 'snn-export-brainpy-'));

function example(name: string): unknown {
  return JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8')).document;
}

function brainpy(doc: unknown): string {
  const r = exportProject(doc, 'brainpy');
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.script;
}

/** Each AlignPostProj of the script: its comment line, comm, syn and out lines, in order. */
function projections(script: string): { id: string; comm: string; syn: string; out: string }[] {
  const re = /# "([^"]+)": [^\n]*\n(?:\s*#[^\n]*\n|\s*i, j = [^\n]*\n)*\s*self\.\w+ = brainpy\.state\.AlignPostProj\(\n\s*comm=([^\n]*)\n\s*syn=([^\n]*)\n\s*out=([^\n]*)\n/g;
  return [...script.matchAll(re)].map((m) => ({ id: m[1], comm: m[2], syn: m[3], out: m[4] }));
}

/** The projection's weight in the engine's units (nA for CUBA, uS for COBA), from the build. */
function weights(doc: unknown): Map<string, number> {
  const { ir } = build(doc);
  if (!ir) throw new Error('example does not build');
  return new Map(ir.projections.map((p) => [p.id, p.weight.kind === 'scalar' ? p.weight.value : Number.NaN]));
}

const CUBA_EXAMPLES = ['brette-cuba.snn', '05-ei-balanced.snn', 'brunel-ai.snn', '04-two-neurons.snn'];
const COBA_EXAMPLES = ['brette-coba.snn']; // ping-gamma is COBA too, but its AMPA/GABAa synapses are refused

describe('BrainPy export units (checked against brainpy.state source, BrainPy not runnable here)', () => {
  for (const file of CUBA_EXAMPLES) {
    it(`${file}: CUBA weights are conductances in uS and CUBA scales g by 1 mV back to the weight in nA`, () => {
      const doc = example(file);
      const s = brainpy(doc);
      const projs = projections(s);
      const w = weights(doc);
      expect(projs.length).toBe(w.size);
      for (const p of projs) {
        expect(p.out).toMatch(/^brainpy\.state\.CUBA\.desc\(scale=u\.mV\),/);
        // Expon is left at its default g (0 mS): a conductance, which a uS weight adds to.
        expect(p.syn).toMatch(/^brainpy\.state\.Expon\.desc\(\d+, tau=[\d.]+ \* u\.ms\),$/);
        expect(p.comm).not.toContain('u.nA');
        const value = num(w.get(p.id) as number);
        // the number is the document's current in nA, written as that many uS (uS x mV = nA)
        expect([`conn_weight=${value} * u.uS`, `np.full(i.size, ${value}) * u.uS`].some((x) => p.comm.includes(x))).toBe(true);
      }
    });
  }

  for (const file of COBA_EXAMPLES) {
    it(`${file}: COBA weights are conductances in uS with the reversal potential in mV`, () => {
      const doc = example(file);
      const projs = projections(brainpy(doc));
      const { ir } = build(doc);
      expect(projs.length).toBe(ir?.projections.length);
      const coba = projs.filter((p) => p.out.includes('COBA'));
      expect(coba.length).toBeGreaterThan(0);
      for (const p of coba) {
        expect(p.out).toMatch(/^brainpy\.state\.COBA\.desc\(E=-?[\d.]+ \* u\.mV\),/);
        expect(p.comm).toMatch(/\* u\.uS\)*,$/);
        expect(p.comm).not.toMatch(/u\.(nA|mS|nS)/);
      }
    });
  }

  it('EventFixedProb gets the integer count floor(n_post * p) with the current brainstate keywords', () => {
    const doc = {
      simulation: { dt: '0.1 ms', duration: '10 ms', seed: 3 },
      nodes: [
        { id: 'A', kind: 'population', model: 'LIF', size: 50, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } },
        { id: 'B', kind: 'population', model: 'LIF', size: 100, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } },
        // 0.29 * 100 is 28.999999999999996 in binary: int() would give 28, the engine's floor gives 29
        { id: 'A->B', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.29 }, weight: '0.05 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
      ],
      wires: [{ from: 'A', to: 'A->B' }, { from: 'A->B', to: 'B' }],
    };
    const [p] = projections(brainpy(doc));
    expect(p.comm).toBe('brainstate.nn.EventFixedProb(50, 100, conn_num=29, conn_weight=0.05 * u.uS, seed=seed + 0),');
    expect(p.out).toMatch(/^brainpy\.state\.CUBA\.desc\(scale=u\.mV\)/);
  });
});

describe('BrainPy export is valid Python', () => {
  for (const file of [...CUBA_EXAMPLES, ...COBA_EXAMPLES]) {
    it(`${file} parses with Python's ast`, () => {
      const path = join(workDir, `${file}.py`);
      writeFileSync(path, brainpy(example(file)));
      const r = spawnSync(PYTHON, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', path], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
});

/** The script's `def bernoulli(...)` helper, cut from the generated text. */
function bernoulliHelper(script: string): string {
  const start = script.indexOf('def bernoulli(');
  const end = script.indexOf('\ndef ', start + 1);
  expect(start).toBeGreaterThanOrEqual(0);
  return script.slice(start, end);
}

/** Runs the generated helper on the given calls; prints one JSON line of statistics per call. */
const CHECK_PY = (helper: string, calls: string[]) => `
import json, resource, sys, time
import numpy as np

${helper}

rng = np.random.default_rng(1)
for call in ${JSON.stringify(calls)}:
    t0 = time.perf_counter()
    i, j = eval(call)
    seconds = time.perf_counter() - t0
    n_pre, n_post, p = [float(x) for x in call[call.index('(') + 1:call.index(', rng')].split(', ')]
    n_pre, n_post = int(n_pre), int(n_post)
    same = 'allow_self=False' in call
    key = i.astype(np.int64) * n_post + j
    counts = np.bincount(i, minlength=n_pre)
    print(json.dumps({
        'call': call, 'synapses': int(i.size), 'n_pre': n_pre, 'n_post': n_post, 'p': p, 'same': same,
        'unique': int(np.unique(key).size), 'self': int(np.count_nonzero(i == j)),
        'in_range': bool(i.size == 0 or (i.min() >= 0 and i.max() < n_pre and j.min() >= 0 and j.max() < n_post)),
        'row_mean': float(counts.mean()), 'row_var': float(counts.var()), 'j_mean': float(j.mean()) if j.size else 0.0,
        'seconds': seconds,
    }))
print(json.dumps({'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

describe('BrainPy export connectivity is sparse at any size', () => {
  it('the 64k-neuron Brette CUBA network draws its Bernoulli synapses with numpy in memory proportional to the synapses (helper run with numpy; BrainPy not runnable here)', () => {
    const n = 64_000;
    const p = 80 / n; // 80 synapses per neuron, as in bench/tfjs
    const script = brainpy(cubaDocument({ n, p }));
    // nothing in the script allocates a pre x post array for this network
    expect(script).not.toMatch(/rng\.random\(\(|np\.zeros\(\(\d+, \d+\)|meshgrid\(np\.arange\(5120/);
    const calls = [...script.matchAll(/i, j = (bernoulli\([^\n]*\))/g)].map((m) => m[1]);
    expect(calls.sort()).toEqual([
      `bernoulli(12800, 12800, ${p}, rng)`,
      `bernoulli(12800, 51200, ${p}, rng)`,
      `bernoulli(51200, 12800, ${p}, rng)`,
      `bernoulli(51200, 51200, ${p}, rng)`,
    ]);
    const file = join(workDir, 'bernoulli64k.py');
    writeFileSync(file, CHECK_PY(bernoulliHelper(script), calls));
    const r = spawnSync(PYTHON, [file], { encoding: 'utf8', timeout: 600_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const peak = lines.pop().peak_rss_mb as number;
    // A dense 51200 x 51200 float mask alone is 21 GB; 5.1M synapses as int64 pairs are ~80 MB.
    expect(peak).toBeLessThan(1024);
    for (const s of lines) {
      const pairs = s.n_pre * s.n_post;
      const expected = pairs * s.p;
      // Bernoulli: the count is binomial; 6 standard deviations is a false alarm once in ~1e9 runs
      expect(Math.abs(s.synapses - expected)).toBeLessThan(6 * Math.sqrt(expected * (1 - s.p)));
      expect(s.unique).toBe(s.synapses); // each pair at most once
      expect(s.in_range).toBe(true);
      // targets spread uniformly over the post population: mean index (n_post - 1) / 2 within 6 standard errors
      expect(Math.abs(s.j_mean - (s.n_post - 1) / 2)).toBeLessThan(6 * (s.n_post / Math.sqrt(12)) / Math.sqrt(s.synapses));
    }
    console.log(`bernoulli helper, 64k Brette CUBA: ${lines.map((s) => `${s.synapses} synapses in ${s.seconds.toFixed(2)} s`).join(', ')}; peak RSS ${peak.toFixed(0)} MB`);
  }, 600_000);

  it('draws each pair with probability p, without self-connections when asked (row counts are binomial)', () => {
    const script = brainpy(cubaDocument({ n: 1000, p: 0.1 }));
    const calls = ['bernoulli(2000, 3000, 0.1, rng)', 'bernoulli(2000, 2000, 0.3, rng, allow_self=False)', 'bernoulli(500, 400, 1.0, rng)', 'bernoulli(300, 300, 0.0, rng)'];
    const file = join(workDir, 'bernoulliStats.py');
    writeFileSync(file, CHECK_PY(bernoulliHelper(script), calls));
    const r = spawnSync(PYTHON, [file], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stderr).toBe('');
    const [a, noSelf, all, none] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // per-row counts: binomial(n, p) mean and variance, within 6 standard errors over the rows
    for (const s of [a, noSelf]) {
      const n = s.same ? s.n_post - 1 : s.n_post;
      const mean = n * s.p;
      const variance = n * s.p * (1 - s.p);
      expect(Math.abs(s.row_mean - mean)).toBeLessThan(6 * Math.sqrt(variance / s.n_pre));
      // the variance of a sample variance is about 2 variance^2 / rows for a near-normal count
      expect(Math.abs(s.row_var - variance)).toBeLessThan(6 * variance * Math.sqrt(2 / s.n_pre));
      expect(s.unique).toBe(s.synapses);
    }
    expect(noSelf.self).toBe(0);
    expect(a.self).toBeGreaterThan(0); // across populations i == j is just a pair like any other
    expect(all.synapses).toBe(500 * 400);
    expect(none.synapses).toBe(0);
  }, 300_000);
});
