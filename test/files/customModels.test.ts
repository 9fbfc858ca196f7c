import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { v1ToV2 } from '../../src/shared/migrations/v1ToV2';
import { Document, type DocumentInput } from '../../src/shared/document';
import { modelNameProblem, populationsUsing, withModelName } from '../../src/shared/customModels';
import { LIF } from '../../src/shared/modelspec/neurons/lif';
import { CURRENT_VERSION, parseProjectFile, ProjectSaveError, serializeProject } from '../../src/shared/projectFile';
import { documentFingerprint } from '../../src/shared/resultsCodec';

const myLif = withModelName(LIF.source, 'MyLIF');
const doc = (models: Array<{ name: string; source: string }>): Document =>
  Document.parse({
    nodes: [{ id: 'E', kind: 'population', model: 'MyLIF', size: 2, params: { tau: '10 ms' } }],
    wires: [],
    customModels: models,
  } satisfies DocumentInput);

const envelope = (document: unknown, version = CURRENT_VERSION): string => JSON.stringify({ format: 'snn-studio', version, document });

describe('custom models in project files', () => {
  it('round-trip: the file holds the text and its parsed form (version 2); the loaded document holds the text only', () => {
    const d = doc([{ name: 'MyLIF', source: myLif }]);
    const text = serializeProject(d);
    const file = JSON.parse(text);
    expect(file.version).toBe(2);
    expect(file.document.customModels[0].parsed.params.tau).toEqual({ dim: 'time', default: 5 });
    expect(file.document.customModels[0].parsed.states).toEqual({ V: 'voltage' });
    expect(file.document.customModels[0].parsed.inputs).toEqual({ I: 'current' });
    const back = parseProjectFile(text);
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.warnings).toEqual([]);
    expect(back.document).toEqual(d);
    expect(serializeProject(back.document)).toBe(text);
  });

  it('a document without custom models is written as version 1, which the previous release reads', () => {
    const d = Document.parse({ nodes: [], wires: [] });
    expect(JSON.parse(serializeProject(d)).version).toBe(1);
  });

  it('a version 1 file passes the version 1 -> 2 step unchanged and is not reported as converted', () => {
    const text = readFileSync(new URL('../fixtures/v1/single-lif.snn', import.meta.url), 'utf8');
    const raw = JSON.parse(text);
    expect(raw.version).toBe(1);
    expect(v1ToV2.up(raw)).toEqual({ ...raw, version: 2 });
    const r = parseProjectFile(text);
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expect(r.migratedFrom).toBeUndefined();
    expect(r.document.customModels).toBeUndefined();
    expect(JSON.parse(serializeProject(r.document)).version).toBe(1);
  });

  it('bad model text refuses the whole file, naming the model, the line and the column', () => {
    const typo = myLif.replace('param tau = 5 ms', 'param tau = 5 mVs');
    const line = typo.split('\n').findIndex((l) => l.includes('5 mVs')) + 1;
    const r = parseProjectFile(envelope(doc([{ name: 'MyLIF', source: typo }])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ code: 'bad_custom_model', path: 'document.customModels[0].source' });
    expect(r.problems[0].message).toMatch(new RegExp(`^Model "MyLIF", line ${line}, column \\d+: .*mVs`));
  });

  it('a dimension error names both sides', () => {
    const wrong = myLif.replace('(-(V - V_rest) + R*I)', '(-(V - V_rest) + I)');
    const r = parseProjectFile(envelope(doc([{ name: 'MyLIF', source: wrong }])));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].message).toMatch(/voltage.*current|current.*voltage/);
  });

  it('refuses bundled, duplicate and invalid names, and a text whose model line names another model', () => {
    const r = parseProjectFile(envelope(doc([
      { name: 'LIF', source: LIF.source },
      { name: 'MyLIF', source: myLif },
      { name: 'MyLIF', source: myLif },
      { name: 'my lif', source: LIF.source.replace('model LIF', 'model my') },
      { name: 'Other', source: myLif },
      { name: 'NoLine', source: LIF.source.replace('model LIF\n', '') },
    ])));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (i: number, field: string) => r.problems.filter((p) => p.path === `document.customModels[${i}].${field}`).map((p) => p.message);
    expect(at(0, 'name')[0]).toMatch(/"LIF" is a bundled model/);
    expect(at(1, 'name')).toEqual([]);
    expect(at(2, 'name')[0]).toMatch(/already called "MyLIF"/);
    expect(at(3, 'name')[0]).toMatch(/not a valid name/);
    expect(at(4, 'source')[0]).toMatch(/Model "Other", line 1: the text says "model MyLIF"/);
    expect(at(5, 'source')[0]).toMatch(/Model "NoLine", line 1: the text needs a line "model NoLine"/);
  });

  it('a stored parsed form that disagrees with the text: the text wins and a warning names each difference', () => {
    const file = JSON.parse(serializeProject(doc([{ name: 'MyLIF', source: myLif }])));
    file.document.customModels[0].parsed.params.tau = { dim: 'voltage', default: 5 };
    delete file.document.customModels[0].parsed.params.R;
    const r = parseProjectFile(JSON.stringify(file));
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
    expect(r.document.customModels).toEqual([{ name: 'MyLIF', source: myLif }]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ code: 'custom_model_changed', path: 'document.customModels[0].parsed' });
    expect(r.warnings[0].message).toMatch(/parameter tau was saved as \{"default": 5, "dim": "voltage"\}, the text now gives \{"default": 5, "dim": "time"\}/);
    expect(r.warnings[0].message).toMatch(/parameter R is declared by the text but was not saved/);
  });

  it('schema problems carry their JSON path', () => {
    const r = parseProjectFile(envelope({ nodes: [], wires: [], customModels: [{ name: 'A', source: 7, extra: 1 }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['document.customModels[0].source', 'document.customModels[0].extra']));
  });

  it('a document with a bad model is not saved (the previous file survives)', () => {
    const d = doc([{ name: 'MyLIF', source: `${myLif}\nthis is not a spec` }]);
    expect(() => serializeProject(d)).toThrow(ProjectSaveError);
  });

  it('the results fingerprint changes with the model text and stays as before for documents without models', () => {
    const a = doc([{ name: 'MyLIF', source: myLif }]);
    const b = doc([{ name: 'MyLIF', source: myLif.replace('param tau = 5 ms', 'param tau = 6 ms') }]);
    expect(documentFingerprint(a)).not.toBe(documentFingerprint(b));
    const { customModels: _none, ...plain } = a;
    expect(documentFingerprint({ ...plain, customModels: [] })).toBe(documentFingerprint(plain));
  });
});

describe('model names and texts', () => {
  it('checks names', () => {
    expect(modelNameProblem('MyLIF', [])).toBeNull();
    expect(modelNameProblem('', [])).toMatch(/Give the model a name/);
    expect(modelNameProblem('Izhikevich', [])).toMatch(/bundled/);
    expect(modelNameProblem('9lives', [])).toMatch(/not a valid name/);
    expect(modelNameProblem('A', ['A'])).toMatch(/already/);
  });

  it('withModelName rewrites or adds the model line', () => {
    expect(withModelName('model LIF # x\nparam a = 1 mV', 'B')).toBe('model B # x\nparam a = 1 mV');
    expect(withModelName('param a = 1 mV', 'B')).toBe('model B\nparam a = 1 mV');
  });

  it('populationsUsing lists the populations of a model', () => {
    expect(populationsUsing(doc([{ name: 'MyLIF', source: myLif }]), 'MyLIF')).toEqual(['E']);
  });
});
