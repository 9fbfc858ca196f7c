/**
 * Model discovery (scripts/modelIndex.mjs, src/shared/modelspec/neurons/index.ts and
 * synapses/index.ts): the generated indexes list every model folder of each kind, each folder's
 * specs reach the catalogue in their `order`, and the generator and the collector refuse what
 * would silently lose a model.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INDEX_FILE, MODEL_KINDS, modelFolders, modelIndexProblem, modelIndexSource, SYNAPSE_INDEX_FILE, SYNAPSES_DIR, writeModelIndex } from '../../scripts/modelIndex.mjs';
import { getModel, modelsOf } from '../../src/shared/catalog';
import { BUNDLED_SYNAPSE_SPECS, MODEL_FOLDERS as SYNAPSE_FOLDERS } from '../../src/shared/modelspec/synapses';
import { BUNDLED_INPUT_SPECS, bundledInputSpecs, MODEL_FOLDERS as INPUT_FOLDERS } from '../../src/shared/modelspec/inputs';
import { getSpecModel } from '../../src/shared/modelspec/registry';
import { BUNDLED_NEURON_SPECS, collectSpecs, MODEL_FOLDERS, NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { LIF } from '../../src/shared/modelspec/neurons/lif';

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tempModels(folders: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'snn-models-'));
  temps.push(dir);
  for (const [name, index] of Object.entries(folders)) {
    mkdirSync(join(dir, name));
    if (index !== null) writeFileSync(join(dir, name, 'index.ts'), index);
  }
  return dir;
}

describe('the model index', () => {
  it('lists the model folders as they are now', () => {
    // Fails when a folder was added or removed and nothing rewrote the index (npm ci, the builds, vitest's globalSetup and bin/snn.mjs do).
    expect(modelIndexProblem(), INDEX_FILE).toBeNull();
    expect(Object.keys(MODEL_FOLDERS)).toEqual(modelFolders());
    expect(modelIndexProblem(SYNAPSES_DIR, SYNAPSE_INDEX_FILE), SYNAPSE_INDEX_FILE).toBeNull();
    expect(Object.keys(SYNAPSE_FOLDERS)).toEqual(modelFolders(SYNAPSES_DIR));
    expect(MODEL_KINDS.map((k) => k.kind)).toEqual(['neurons', 'synapses', 'plasticity', 'inputs']);
    const inputs = MODEL_KINDS[3];
    expect(modelIndexProblem(inputs.dir, inputs.file), inputs.file).toBeNull();
    expect(Object.keys(INPUT_FOLDERS)).toEqual(modelFolders(inputs.dir));
  });

  it('puts every current-input spec in the catalogue, its entry derived from the spec, each folder with its closed-form test', () => {
    const inputs = MODEL_KINDS[3];
    expect(BUNDLED_INPUT_SPECS.map((s) => s.name)).toEqual(['constant', 'step', 'ramp', 'sinusoid']);
    // OU stays written by hand (no noise term in the spec language) and comes last
    expect(modelsOf('input').map((m) => m.name)).toEqual(['constant', 'step', 'ramp', 'sinusoid', 'ou']);
    for (const s of bundledInputSpecs()) {
      expect(getModel('input', s.name), s.name).toBe(s.catalog);
      for (const p of s.catalog.params) expect(p.perNeuron === true, `${s.name}.${p.name} is per neuron exactly when it is a current`).toBe(p.dim === 'current');
    }
    for (const folder of Object.keys(INPUT_FOLDERS)) {
      const test = join(inputs.dir, folder, `${folder}.test.ts`);
      expect(existsSync(test), `inputs/${folder} has its test ${folder}.test.ts`).toBe(true);
      expect(readFileSync(test, 'utf8'), `inputs/${folder}'s test checks its kernels against a closed form`).toContain('inputAgreesWithClosedForm(');
    }
  });

  it('puts every synapse spec in the catalogue in order, its entry derived from the spec, each folder with its closed-form test', () => {
    const names = BUNDLED_SYNAPSE_SPECS.map((s) => s.name);
    expect(names.slice(0, 3)).toEqual(['Expon', 'DualExpon', 'Alpha']);
    const orders = BUNDLED_SYNAPSE_SPECS.map((s) => s.order);
    expect(new Set(orders).size).toBe(orders.length);
    // the catalogue lists the spec models first, in their order, then the synapses not yet written as specs
    expect(modelsOf('synapse').map((m) => m.name).slice(0, names.length)).toEqual(names);
    for (const s of BUNDLED_SYNAPSE_SPECS) {
      const entry = getModel('synapse', s.name);
      expect(entry?.title, s.name).toBe(s.title);
      // parameter names, docs and defaults come from the spec text's param lines
      for (const p of entry?.params ?? []) expect(s.source, `${s.name}.${p.name}`).toMatch(new RegExp(`param ${p.name} = [^#]*# ${p.doc.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      // known by name (Expon: the fused decay) or run and exported from the spec
      expect(getSpecModel(s.name) !== undefined, s.name).toBe(s.knownByName !== true);
    }
    for (const folder of Object.keys(SYNAPSE_FOLDERS)) {
      const test = join(SYNAPSES_DIR, folder, `${folder}.test.ts`);
      expect(existsSync(test), `synapses/${folder} has its test ${folder}.test.ts`).toBe(true);
      expect(readFileSync(test, 'utf8'), `synapses/${folder}'s test checks its kernel against a closed form`).toContain('specKernelAgreesWithClosedForm(');
    }
  });

  it('puts every spec of every folder in the catalogue, in the specs\' order', () => {
    const names = BUNDLED_NEURON_SPECS.map((s) => s.name);
    expect(new Set(names).size, 'names are unique').toBe(names.length);
    const orders = BUNDLED_NEURON_SPECS.map((s) => s.order);
    expect(new Set(orders).size, 'orders are unique (ties would fall back to the name)').toBe(orders.length);
    expect(orders, 'ascending').toEqual([...orders].sort((a, b) => a - b));
    expect(modelsOf('neuron').map((m) => m.name)).toEqual(names);
    expect([...NEURON_SPECS, ...SPEC_ONLY_NEURONS].map((s) => s.name).sort()).toEqual([...names].sort());
    // The palette users know: the bundled models keep their places (a new one goes where its order puts it).
    const known = ['LIF', 'LIFRef', 'ExpIF', 'ExpIFRef', 'AdExIF', 'AdExIFRef', 'QuaIF', 'ALIF', 'Izhikevich', 'IzhikevichRef', 'HH', 'AdQuaIF', 'GIF', 'MorrisLecar', 'WangBuzsakiHH'];
    expect(names.filter((n) => known.includes(n))).toEqual(known);
    expect(SPEC_ONLY_NEURONS.map((s) => s.name)).toEqual(expect.arrayContaining(['AdQuaIF', 'GIF', 'MorrisLecar', 'WangBuzsakiHH']));
  });

  it('finds folders with an index.ts, skips others, and says when the file on disk is stale', () => {
    const dir = tempModels({ zeta: 'export {};\n', alpha: 'export {};\n', notes: null });
    expect(modelFolders(dir)).toEqual(['alpha', 'zeta']);
    const file = join(dir, 'folders.generated.ts');
    expect(modelIndexProblem(dir, file)).toMatch(/is missing; run "node scripts\/modelIndex.mjs"/);
    expect(writeModelIndex(dir, file)).toBe(true);
    expect(writeModelIndex(dir, file), 'an unchanged index is not rewritten').toBe(false);
    expect(modelIndexProblem(dir, file)).toBeNull();
    mkdirSync(join(dir, 'beta'));
    writeFileSync(join(dir, 'beta', 'index.ts'), 'export {};\n');
    expect(modelIndexProblem(dir, file)).toMatch(/does not list the model folders as they are now/);
    expect(modelIndexSource(['alpha', 'beta'])).toContain("import * as beta from './beta';");
    expect(modelIndexSource(['alpha'], 'synapses')).toContain('model folders of src/shared/modelspec/synapses');
  });

  it('refuses a folder whose name cannot be an identifier', () => {
    const dir = tempModels({ 'my-model': 'export {};\n' });
    expect(() => modelFolders(dir)).toThrow(/my-model.*letters, digits and _ only/);
  });

  it('refuses a folder without a spec and a model defined twice', () => {
    expect(() => collectSpecs({ empty: { helper: 1 } })).toThrow('Model folder neurons/empty: its index.ts exports no model spec');
    expect(() => collectSpecs({ empty: {} }, 'synapses')).toThrow('Model folder synapses/empty: its index.ts exports no model spec');
    expect(() => collectSpecs({ a: { LIF }, b: { Copy: { ...LIF } } })).toThrow('Model "LIF" is defined twice, in neurons/a and neurons/b');
    const late = { ...LIF, name: 'Zeta', order: 1 };
    expect(collectSpecs({ a: { LIF }, b: { late } }).map((s) => s.name)).toEqual(['Zeta', 'LIF']);
  });
});
