/**
 * The brainpy.state class generated from a spec computes SNN Studio's step (brainpyRun.ts says how
 * it is run and compared): names that clash with Python or brainpy.state are renamed consistently,
 * and the exported network scripts parse. Each spec-only model's own class runs in its folder's
 * test (src/shared/modelspec/neurons/<model>/).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../../bench/brian2';
import { exportProject } from '../../src/engine/export';
import { brainpyClass, brainpyNames } from '../../src/engine/spec/brainpy';
import { SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { specModelFromSource, type SpecModel } from '../../src/shared/modelspec/registry';
import { compareWithKernel, work } from './brainpyRun';
import { documentFor } from './networks';

/**
 * A custom model whose names clash with the class's own (in_size, name, spk_fun, update, since,
 * spike, a state's <name>_initializer), with Python (lambda), with Python's private names (_hidden)
 * and with each other once Python folds µ and μ into one name.
 */
const CLASH_SOURCE = `model Clash
param name = -65 mV  # resting potential
param in_size = -50 mV  # threshold
param spk_fun = 10 ms  # membrane time constant
param lambda = 10 Mohm  # resistance
param V_initializer = -68 mV  # reset potential
param update = 2 ms  # refractory period
param _hidden = 100 ms  # adaptation time constant
param \u00b5 = 0.05 nA  # adaptation jump, soft reset
param \u03bc = 0.1 nA  # adaptation jump, hard reset
choice spike = soft | hard  # reset
input I : nA
dV/dt = (-(V - name) + lambda*(I - since))/spk_fun : mV (exact)
dsince/dt = -since/_hidden : nA (exact)
init V = name
init since = 0 nA
threshold V >= in_size
reset [spike=soft] V -= in_size - V_initializer; since += \u00b5
reset [spike=hard] V = V_initializer; since += \u03bc
refractory update
`;

function clashModel(): SpecModel {
  const r = specModelFromSource(CLASH_SOURCE);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n'));
  return r.model;
}

describe('the generated brainpy.state class computes SNN Studio\'s step', () => {
  it('names that clash with Python or brainpy.state are renamed consistently: the class runs as the kernel does', () => {
    const model = clashModel();
    const names = brainpyNames(model.spec);
    expect(Object.fromEntries(names)).toMatchObject({
      name: 'name_', in_size: 'in_size_', spk_fun: 'spk_fun_', update: 'update_', since: 'since_', spike: 'spike_', lambda: 'lambda_',
      V: 'V', V_initializer: 'V_initializer_', _hidden: 'p_hidden', '\u00b5': 'mu', '\u03bc': 'mu_',
    });
    expect(new Set(names.values()).size).toBe(names.size);
    const text = brainpyClass(model.spec, { className: 'Clash', title: 'Clash', source: model.source }).join('\n');
    expect(text).toContain('super().__init__(in_size, name=name, spk_fun=spk_fun)');
    expect(text).toContain('Renamed in this class');
    for (const reset of ['soft', 'hard']) {
      compareWithKernel({ ...model, catalog: { ...model.catalog, preset: { spike: reset } } }, { dt: 0.1, steps: 2000, currents: [1.8, 2.5, 4], g: 0.005 });
    }
  });

  it('a network of the clashing model exports a constructor call whose keywords are the class\'s arguments', () => {
    const doc = { ...documentFor({ model: 'Clash', dt: '0.1 ms', driveA: ['0.6 nA', '1 nA', '1.5 nA'], driveBC: '0.3 nA', cuba: '0.5 nA', coba: '0.02 uS', firstSpikesWithinMs: 130, params: {} }), customModels: [{ name: 'Clash', source: CLASH_SOURCE }] };
    const r = exportProject(doc, 'brainpy');
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    const file = join(work, 'Clash_net.py');
    writeFileSync(file, r.script);
    // every keyword of each ClashSpec(...) call must be an argument of ClashSpec.__init__
    const check = [
      'import ast, sys',
      'tree = ast.parse(open(sys.argv[1]).read(), sys.argv[1])',
      "cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == 'ClashSpec')",
      "init = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == '__init__')",
      'args = {a.arg for a in init.args.args}',
      "calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, 'id', None) == 'ClashSpec']",
      'assert calls, "no ClashSpec(...) call"',
      'for c in calls:',
      '    bad = [k.arg for k in c.keywords if k.arg not in args]',
      '    assert not bad, f"keywords not taken by ClashSpec: {bad}"',
      "print(len(calls), sorted(k.arg for k in calls[0].keywords))",
    ].join('\n');
    const p = spawnSync(PYTHON, ['-c', check, file], { encoding: 'utf8' });
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('name_');
    expect(p.stdout).toContain('V_initializer_');
  });

  it('the exported network scripts (a class per spec model) parse with Python\'s ast, for every spec-only model', () => {
    expect(SPEC_ONLY_NEURONS.length).toBeGreaterThanOrEqual(4);
    for (const { name } of SPEC_ONLY_NEURONS) {
      // Only parsed, never run: any drive will do.
      const c = { model: name, dt: '0.1 ms', driveA: ['1 nA', '2 nA', '3 nA'], driveBC: '0.5 nA', cuba: '1 nA', coba: '0.02 uS', firstSpikesWithinMs: 100, params: {} };
      const r = exportProject(documentFor(c), 'brainpy');
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
      expect(r.script).toContain(`class ${c.model}Spec(brainpy.state.Neuron):`);
      expect(r.script).toContain(`self.A = ${c.model}Spec(`);
      const file = join(work, `${c.model}_net.py`);
      writeFileSync(file, r.script);
      const p = spawnSync(PYTHON, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])', file], { encoding: 'utf8' });
      expect(p.stderr).toBe('');
      expect(p.status).toBe(0);
    }
  });
});
