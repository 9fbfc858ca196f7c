/**
 * The diagnosis after a run: the tutorial's E/I network at BrainPy's default R = 1 Ω is silent
 * because R·I is far below the rheobase; a LIF driven far above threshold fires at its ceiling
 * (every step, or once per refractory period); strong inhibition silences a population whose
 * input alone would make it fire; a dt too coarse for tau is named. The engine worker sends the
 * same findings with `done`, and `snn run` writes them to summary.json and the console.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnoseRun, SpikeTally } from '../../src/engine/analysis';
import { simulate } from '../../src/engine/simulate';
import { build } from '../../src/engine/build';
import { RunSession } from '../../src/engine/worker/runSession';
import type { DocumentInput } from '../../src/shared/document';
import type { EngineEvent } from '../../src/shared/protocol';
import { parseProjectFile } from '../../src/shared/projectFile';
import { main } from '../../src/cli/main';
import { tempDir, writeProject } from '../cli/fixtures';
import { memoryIo } from '../cli/memoryIo';

const lif = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' };

/** The tutorial's E/I network as the tutorial writes it: R = 1 Ω and a 2 nA step input, 500 ms. */
function tutorialEI(): DocumentInput {
  const text = readFileSync(join(import.meta.dirname, '../../resources/examples/05-ei-balanced.snn'), 'utf8');
  const doc = structuredClone((parseProjectFile(text) as { document: DocumentInput }).document) as { nodes: Array<Record<string, unknown>>; simulation: Record<string, unknown> };
  doc.simulation.duration = '500 ms';
  for (const n of doc.nodes) {
    if (n.kind === 'population') (n.params as Record<string, unknown>).R = '1 Ohm';
    if (n.id === 'drive') Object.assign(n, { model: 'step', params: { amplitude: '2 nA', start: '0 ms', stop: '500 ms' } });
  }
  return doc as unknown as DocumentInput;
}

function driven(params: Record<string, unknown>, amplitude: string, model = 'LIF', dt = '0.1 ms'): DocumentInput {
  return {
    simulation: { dt, duration: '200 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'N', kind: 'population', model, size: 5, params: { ...lif, ...params }, init: { V: '-65 mV' } },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude } },
      { id: 'spikes', kind: 'monitor', record: 'spikes' },
    ],
    wires: [{ from: 'drive', to: 'N' }, { from: 'N', to: 'spikes' }],
  };
}

async function diagnose(doc: DocumentInput) {
  const outcome = await simulate(doc, { backend: 'typed' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return diagnoseRun(outcome.ir, SpikeTally.of(outcome.results).counts, outcome.results.steps);
}

describe('diagnosis after a run', () => {
  it("the tutorial's E/I network at R = 1 Ω: both populations silent, R·I far below rheobase", async () => {
    const found = await diagnose(tutorialEI());
    expect(found.map((d) => [d.nodeId, d.code, d.cause])).toEqual([
      ['E', 'silent', 'R·I far below rheobase'],
      ['I', 'silent', 'R·I far below rheobase'],
    ]);
    expect(found[0].message).toMatch(/R = 1 Ω/);
    expect(found[0].message).toMatch(/raise R/);
  });

  it('the physically consistent E/I example has nothing to report', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../resources/examples/05-ei-balanced.snn'), 'utf8');
    const doc = (parseProjectFile(text) as { document: DocumentInput }).document;
    expect(await diagnose({ ...doc, simulation: { ...doc.simulation, duration: '300 ms' } } as DocumentInput)).toEqual([]);
  });

  it('a LIF driven far above threshold fires at every step: saturated at 1/dt', async () => {
    const [d] = await diagnose(driven({}, '1000 nA'));
    expect(d).toMatchObject({ nodeId: 'N', code: 'saturated', cause: 'input far above threshold' });
    expect(d.ceilingHz).toBeCloseTo(10_000, 6);
    expect(d.rateHz).toBeGreaterThan(9000);
    expect(d.message).toMatch(/spikes at every time step/);
  });

  it('a LIFRef driven far above threshold fires once per refractory period: saturated at its ceiling', async () => {
    const [d] = await diagnose(driven({ tau_ref: '2 ms' }, '1000 nA', 'LIFRef'));
    expect(d).toMatchObject({ nodeId: 'N', code: 'saturated', cause: 'input far above threshold' });
    expect(d.ceilingHz).toBeCloseTo(1000 / 2.1, 6);
    expect(d.message).toMatch(/only the refractory period limits it/);
  });

  it('a dt too coarse for tau is named as the cause of saturation', async () => {
    const [d] = await diagnose(driven({ tau: '1 ms' }, '1000 nA', 'LIF', '1 ms'));
    expect(d).toMatchObject({ code: 'saturated', cause: 'dt too large' });
  });

  it('strong inhibition silences a population whose input alone would make it fire', async () => {
    const doc = driven({}, '2 nA') as { nodes: object[]; wires: object[] };
    doc.nodes.push(
      { id: 'P', kind: 'population', model: 'Poisson', size: 50, params: { rate: '200 Hz' } },
      { id: 'P->N', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '-5 nA', synapse: { model: 'Expon', tau: '10 ms' }, output: { model: 'CUBA' } },
    );
    doc.wires.push({ from: 'P', to: 'P->N' }, { from: 'P->N', to: 'N' });
    const found = await diagnose(doc as unknown as DocumentInput);
    expect(found.find((d) => d.nodeId === 'N')).toMatchObject({ code: 'silent', cause: 'inhibition dominating' });
    expect(found.find((d) => d.nodeId === 'N')?.message).toMatch(/"P->N"/);
  });

  it('a run stopped early keeps only what the network decides by itself', () => {
    const fires = build(driven({}, '2 nA')).ir!;
    const never = build(driven({ R: '1 Ohm' }, '2 nA')).ir!;
    const none = new Map([['N', 0]]);
    // 0 spikes in the first 5 steps: silence a full run would not show
    expect(diagnoseRun(fires, none, 5).map((d) => d.cause)).toEqual(['input too weak in this run']);
    expect(diagnoseRun(fires, none, 5, true)).toEqual([]);
    expect(diagnoseRun(never, none, 5, true).map((d) => d.cause)).toEqual(['R·I far below rheobase']);
  });

  it('a run with nothing wrong reports nothing', async () => {
    expect(await diagnose(driven({}, '2 nA'))).toEqual([]);
  });
});

describe('where the diagnosis goes', () => {
  it('the engine worker sends it with done', async () => {
    const session = new RunSession();
    const events: EngineEvent[] = [];
    const done = new Promise<void>((resolve) => {
      session.handle({ type: 'run', id: 1, document: tutorialEI() }, (e) => {
        events.push(e);
        if (e.type === 'done' || e.type === 'error') resolve();
      });
    });
    await done;
    const last = events[events.length - 1];
    expect(last.type).toBe('done');
    const diagnosis = last.type === 'done' ? last.diagnosis ?? [] : [];
    // the example records both populations' spikes, so both are diagnosed
    expect(diagnosis.map((d) => [d.nodeId, d.cause])).toEqual([['E', 'R·I far below rheobase'], ['I', 'R·I far below rheobase']]);
  });

  it('snn run writes it to summary.json and prints it', async () => {
    const dir = tempDir();
    writeProject(dir, 'ei.snn', tutorialEI());
    const io = memoryIo(dir);
    expect(await main(['run', 'ei.snn', '--quiet', '--out', 'o'], io)).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'o', 'summary.json'), 'utf8'));
    expect(summary.diagnosis.map((d: { nodeId: string; code: string }) => `${d.code} ${d.nodeId}`)).toEqual(['silent E', 'silent I']);
    expect(io.out()).toMatch(/^Diagnosis:\n {2}silent E: "E" (almost )?never fired/m);
    // the build's warning came first, on stderr
    expect(io.err()).toMatch(/warning document\.nodes\[1\]\.params\.R \[unreachable_threshold\]/);
  });
});
