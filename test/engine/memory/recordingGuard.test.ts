/**
 * Spike recordings are bounded while the run goes on, not refused for their worst case: a
 * recurrent LIF network without refractory period could in principle fire every neuron at every
 * step (the old up-front bound refused a 100 s E/I run at 7.5 GiB), but it is estimated at a
 * plausible rate and stopped by the recording guard if it really runs away — at the chunk that
 * would pass the budget, with the results up to there and a message naming the population, the
 * field and the bytes against the budget. What is certain before the run (state monitors,
 * connectivity) is still refused before it starts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { PLAUSIBLE_RATE_HZ, recordedSpikeBytes } from '../../../src/engine/build/memory';
import { simulate } from '../../../src/engine/simulate';
import { RecordingGuard } from '../../../src/engine/runner';
import { withSpikeMonitors } from '../../../src/cli/autoMonitors';
import type { DocumentInput } from '../../../src/shared/document';
import { parseProjectFile } from '../../../src/shared/projectFile';
import { runaway } from './networks';

const MIB = 1024 ** 2;
const lif = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' };

describe('the spike-recording budget at run time', () => {
  it('estimates an undecidable recording at a plausible rate, not at one spike per step', () => {
    const r = build(runaway('2 s'), { memoryBudgetBytes: 32 * MIB });
    expect(r.ir).not.toBeNull();
    const part = r.memoryParts!.find((p) => p.spikes)!;
    expect(part.spikes).toEqual({ expected: 1000 * PLAUSIBLE_RATE_HZ * 2, worst: 1000 * 20_000, decided: false });
    expect(part.bytes).toBe(recordedSpikeBytes(1000 * PLAUSIBLE_RATE_HZ * 2));
    expect(part.what).toMatch(/about 400,000 at 200 Hz per neuron, up to 20,000,000 \(.*\) if the network runs away/);
    // what the guard may give the recordings: the budget less everything certain
    const certain = r.memoryParts!.filter((p) => !p.spikes).reduce((s, p) => s + p.bytes, 0);
    expect(r.ir!.recordingBudgetBytes).toBe(32 * MIB - certain);
    expect(r.problems.filter((p) => p.code === 'recording_budget')).toEqual([]);
  });

  it('warns before the run when the expected recording takes much of the budget', () => {
    const r = build(runaway('6 s'), { memoryBudgetBytes: 32 * MIB });
    expect(r.ir).not.toBeNull();
    const w = r.problems.find((p) => p.code === 'recording_budget')!;
    expect(w).toMatchObject({ severity: 'warning', path: 'nodes[0]', nodeId: 'E' });
    expect(w.message).toMatch(/expected to need about \d+ MiB of the 32 MiB memory budget.*"E".*the run stops there/);
  });

  it('stops a runaway network when its recording passes the budget: the results end there, the message says why', async () => {
    const budget = 32 * MIB;
    const outcome = await simulate(runaway('2 s'), { backend: 'typed', memoryBudgetBytes: budget });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const { stopped, results, ir } = outcome;
    expect(stopped).toBeDefined();
    expect(stopped).toMatchObject({ nodeId: 'E', field: 'spikes', steps: 20_000, budgetBytes: ir.recordingBudgetBytes });
    expect(stopped!.bytes).toBeGreaterThan(stopped!.budgetBytes);
    // stopped early, at the first chunk that would not fit; everything before it is kept, nothing after
    expect(results.steps).toBe(stopped!.step);
    expect(results.steps).toBeGreaterThan(0);
    expect(results.steps).toBeLessThan(ir.steps);
    const kept = results.spikes.reduce((s, t) => s + t.steps.length, 0);
    expect(recordedSpikeBytes(kept)).toBeLessThanOrEqual(stopped!.budgetBytes);
    let last = -1;
    for (const t of results.spikes) for (const step of t.steps) last = Math.max(last, step);
    expect(last).toBe(results.steps - 1); // firing to the end of what was kept
    // a runaway indeed: far above the plausible rate the build assumed
    expect(stopped!.rateHz).toBeGreaterThan(10 * PLAUSIBLE_RATE_HZ);
    const p = outcome.problems.find((x) => x.code === 'recording_stopped')!;
    expect(p).toMatchObject({ severity: 'error', path: 'nodes[0]', nodeId: 'E', field: 'spikes' });
    expect(p.message).toMatch(/^Run stopped at [\d.]+ ms of 2 s: the recorded spikes would take [\d.]+ MiB, more than the [\d.]+ MiB of the memory budget left for recordings\. Most are from "E" \(field spikes\), firing \d+ Hz/);
  }, 120_000);

  it('lets a network that stays within the budget run to the end', async () => {
    const outcome = await simulate(runaway('100 ms'), { backend: 'typed', memoryBudgetBytes: 64 * MIB });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.stopped).toBeUndefined();
    expect(outcome.results.steps).toBe(1000);
    expect(outcome.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('the guard drops the batch that would pass the budget and every one after it', () => {
    const ir = { dt: 0.1, steps: 100, populations: [{ id: 'A', size: 2 }] } as never;
    const guard = new RecordingGuard(ir, recordedSpikeBytes(10));
    const batch = (from: number, n: number) => ({ fromStep: from, toStep: from + 10, spikes: [{ monitor: 'm', population: 'A', size: 2, steps: new Int32Array(n), ids: new Int32Array(n) }], traces: [], counts: [] });
    expect(guard.admit(batch(0, 6))).toBe(true);
    expect(guard.admit(batch(10, 4))).toBe(true);
    expect(guard.bytes).toBe(recordedSpikeBytes(10));
    expect(guard.admit(batch(20, 1))).toBe(false);
    expect(guard.overrun).toMatchObject({ nodeId: 'A', field: 'spikes', step: 20, bytes: recordedSpikeBytes(11), budgetBytes: recordedSpikeBytes(10) });
    expect(guard.overrun!.rateHz).toBeCloseTo(11 / (2 * 0.003), 6);
    expect(guard.admit(batch(30, 0))).toBe(false);
  });

  it("still refuses before the run what is certain: a state monitor's recording over the budget (100 traces × 1,000,000 samples: ~400 MiB)", () => {
    const doc = withSpikeMonitors({
      simulation: { dt: '0.1 ms', duration: '100 s', seed: 1, backend: 'typed' },
      nodes: [
        { id: 'E', kind: 'population', model: 'LIF', size: 100, params: lif, init: { V: '-65 mV' } },
        { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: Array.from({ length: 100 }, (_, i) => i) },
      ],
      wires: [{ from: 'E', to: 'V' }],
    });
    const r = build(doc, { memoryBudgetBytes: 256 * MIB });
    expect(r.ir).toBeNull();
    expect(r.problems.find((p) => p.code === 'memory_budget')).toMatchObject({ severity: 'error', nodeId: 'V' });
  });

  it('a 100 s run of the E/I example is accepted now (it was refused at 7.5 GiB for its worst case)', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../resources/examples/05-ei-balanced.snn'), 'utf8');
    const doc = (parseProjectFile(text) as { document: DocumentInput }).document;
    const r = build(withSpikeMonitors({ ...doc, simulation: { ...doc.simulation, duration: '100 s' } } as DocumentInput));
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.ir!.recordingBudgetBytes).toBeGreaterThan(0);
  });
});
