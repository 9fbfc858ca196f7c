/** The runner: bit-identical results whatever the chunking, progress, pause/resume/stop. */
import { describe, expect, it } from 'vitest';
import { RunController, runNetwork } from '../../src/engine/runner';
import type { NetworkIR } from '../../src/engine/ir';
import type { RunResults } from '../../src/shared/results';
import { bretteCuba, network, poisson, lif, scalar } from './fixtures';
import { BACKENDS } from './backends';

/** A small Brette CUBA network plus a Poisson drive, with every kind of monitor. */
function small(seed = 3, steps = 400): NetworkIR {
  const base = bretteCuba({ n: 400, seed, steps, p: 0.05 });
  return network({
    steps,
    seed,
    populations: [...base.populations, poisson('bg', 50, 200)],
    projections: [
      ...base.projections.map((p) => ({
        id: p.id, pre: base.populations[p.pre].id, post: base.populations[p.post].id, conn: p.conn, weight: p.weight,
        delaySteps: p.id === 'EI' ? 3 : 0, synapse: base.synapseGroups[p.group].synapse, output: base.synapseGroups[p.group].output,
      })),
      { id: 'bgE', pre: 'bg', post: 'E', conn: { rule: 'fixed_prob', p: 0.1, allowSelf: true }, weight: { kind: 'normal', mean: 0.5, std: 0.1 } },
    ],
    inputs: [{ id: 'noise', model: 'ou', target: 'I', params: { mean: scalar(0.2), sigma: scalar(0.3), tau: scalar(5) } }],
    monitors: [
      { id: 'sE', record: 'spikes', population: 'E' },
      { id: 'sBg', record: 'spikes', population: 'bg' },
      { id: 'v', record: 'state', population: 'E', variables: ['V', 'g'], neurons: [0, 7, 99], every: 3 },
      { id: 'rI', record: 'rate', population: 'I' },
    ],
  });
}

function expectIdentical(a: RunResults, b: RunResults): void {
  expect(b.steps).toBe(a.steps);
  a.spikes.forEach((s, k) => {
    expect(Buffer.from(b.spikes[k].steps.buffer).equals(Buffer.from(s.steps.buffer))).toBe(true);
    expect(Buffer.from(b.spikes[k].ids.buffer).equals(Buffer.from(s.ids.buffer))).toBe(true);
  });
  a.traces.forEach((t, k) => {
    expect(Array.from(b.traces[k].steps)).toEqual(Array.from(t.steps));
    expect(Buffer.from(b.traces[k].values.buffer).equals(Buffer.from(t.values.buffer))).toBe(true);
  });
  a.counts.forEach((c, k) => expect(Array.from(b.counts[k].counts)).toEqual(Array.from(c.counts)));
}

describe.each(BACKENDS)('runner ($name)', (b) => {
  const backend = b.backend;
  it('gives bit-identical results for chunks of 1, 7, 100 and all steps', async () => {
    const ir = small();
    const all = await runNetwork(ir, backend, { chunkSteps: ir.steps });
    expect(all.spikes[0].ids.length).toBeGreaterThan(100);
    expect(all.spikes[1].ids.length).toBeGreaterThan(100);
    expect(all.traces.map((t) => t.variable)).toEqual(['V', 'g']);
    expect(all.traces[0].steps.length).toBe(Math.ceil(ir.steps / 3));
    expect(all.counts[0].counts.length).toBe(ir.steps);
    for (const chunkSteps of [1, 7, 100]) expectIdentical(all, await runNetwork(ir, backend, { chunkSteps }));
    expectIdentical(all, await runNetwork(ir, backend)); // adaptive chunks
  });

  it('the same seed reproduces a run; another seed changes it', async () => {
    const a = await runNetwork(small(3), backend);
    expectIdentical(a, await runNetwork(small(3), backend));
    const c = await runNetwork(small(4), backend);
    expect(Buffer.from(c.spikes[0].ids.buffer).equals(Buffer.from(a.spikes[0].ids.buffer))).toBe(false);
  });

  it('reports progress after every chunk and streams batches that cover the run', async () => {
    const ir = small(3, 250);
    const progress: number[] = [];
    const ranges: [number, number][] = [];
    await runNetwork(ir, backend, {
      chunkSteps: 100,
      onProgress: (p) => {
        expect(p.steps).toBe(250);
        expect(p.wallMs).toBeGreaterThanOrEqual(0);
        progress.push(p.step);
      },
      onBatch: (b) => ranges.push([b.fromStep, b.toStep]),
    });
    expect(progress).toEqual([100, 200, 250]);
    expect(ranges).toEqual([[0, 100], [100, 200], [200, 250]]);
  });

  it('pause holds the run between chunks, resume continues it, stop ends it early', async () => {
    const ir = small(3, 1000);
    const controller = new RunController();
    const seen: number[] = [];
    const done = runNetwork(ir, backend, {
      chunkSteps: 50,
      controller,
      onProgress: (p) => {
        seen.push(p.step);
        if (p.step === 100) controller.pause();
      },
    });
    // Let several macrotasks pass: a paused run must not advance.
    for (let k = 0; k < 20; k++) await new Promise((r) => setTimeout(r, 1));
    expect(controller.state).toBe('paused');
    expect(seen).toEqual([50, 100]);
    controller.resume();
    const full = await done;
    expect(full.steps).toBe(1000);
    expectIdentical(await runNetwork(ir, backend), full);

    const stopper = new RunController();
    const partial = await runNetwork(ir, backend, {
      chunkSteps: 50,
      controller: stopper,
      onProgress: (p) => {
        if (p.step === 300) stopper.stop();
      },
    });
    expect(partial.steps).toBe(300);
    expect(partial.counts[0].counts.length).toBe(300);
    expect(Math.max(...partial.spikes[0].steps)).toBeLessThan(300);
  });

  it('a stopped paused run ends without running another chunk', async () => {
    const ir = network({ steps: 100, populations: [lif('N')] });
    const controller = new RunController();
    controller.pause();
    const run = runNetwork(ir, backend, { chunkSteps: 10, controller });
    await new Promise((r) => setTimeout(r, 5));
    controller.stop();
    expect((await run).steps).toBe(0);
  });

  it('setParameter on a projection weight takes effect from the next step', async () => {
    const ir = small(3, 200);
    const x = await b.make(ir);
    const y = await b.make(ir);
    x.advance(100);
    y.advance(100);
    y.setParameter('EE', 'weight', scalar(5));
    const na = x.advance(100).spikes[0].ids.length;
    const nb = y.advance(100).spikes[0].ids.length;
    expect(nb).toBeGreaterThan(na);
    expect(() => y.setParameter('EE', 'delay', scalar(1))).toThrow(/only its weight/);
  });
});
