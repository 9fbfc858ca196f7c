/**
 * 10,000 hostile project files (seeded, every category of hostileCorpus.ts) through the path
 * `snn run` takes — loadProject, the CLI's spike monitors, build — in-process. Each must be
 * refused with problems that all carry a JSON path, or accepted as a network whose work is
 * bounded: at most LIMITS.steps steps, an estimated memory within the budget, and spike
 * recordings under a run-time budget (the recording guard stops a run that reaches it; a
 * runaway network through the real CLI shows it). No exception may escape (an "internal
 * error"). A few of the refused files also go through the real CLI process, which must exit 2
 * with problem lines and no internal error.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, DEFAULT_MEMORY_BUDGET_BYTES } from '../../src/engine/build';
import type { NetworkIR } from '../../src/engine/ir';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { loadProject } from '../../src/cli/projectLoad';
import { LIMITS } from '../../src/shared/document';
import { PROBLEM_TEXT, type Problem } from '../../src/shared/problems';
import { tempDir } from '../cli/fixtures';
import { CATEGORIES, hostileFiles, type Category } from './hostileCorpus';
import { runaway } from '../engine/memory/networks';

const CASES = 10_000;
const SEED = 20261206;
const BIN = resolve(import.meta.dirname, '../../bin/snn.mjs');

type Outcome = { kind: 'refused'; problems: readonly Problem[] } | { kind: 'accepted'; ir: NetworkIR; memoryBytes: number };

/** What `snn run` does with the text before the first step. */
function loadAndBuild(text: string): Outcome {
  const loaded = loadProject(text);
  if (!loaded.ok) return { kind: 'refused', problems: loaded.problems };
  const built = build(withSpikeMonitors(loaded.document));
  if (!built.ir) return { kind: 'refused', problems: built.problems };
  return { kind: 'accepted', ir: built.ir, memoryBytes: built.memoryBytes ?? NaN };
}

/** Every number in the IR is finite (no Infinity step counts, no NaN parameters). */
function allFinite(v: unknown, seen = new Set<unknown>()): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || v === null || seen.has(v)) return true;
  seen.add(v);
  if (ArrayBuffer.isView(v)) return Array.prototype.every.call(v, (x: number) => Number.isFinite(x));
  return Object.values(v).every((x) => allFinite(x, seen));
}

describe('hostile project files through the CLI path', () => {
  const files = hostileFiles(CASES, SEED);
  const codes = new Set(Object.keys(PROBLEM_TEXT));

  it(`refuses or bounds all ${CASES.toLocaleString('en')} generated files (seed ${SEED}), never an internal error`, { timeout: 300_000 }, () => {
    const tally = new Map<Category, { refused: number; accepted: number }>(CATEGORIES.map((c) => [c, { refused: 0, accepted: 0 }]));
    let slowest = { ms: 0, index: -1 };
    // Checked with plain conditions and asserted once: 10,000 × a dozen expect() calls would cost more than the builds.
    const failures: string[] = [];
    const fail = (where: string, what: string): void => void (failures.length < 20 && failures.push(`${what} in ${where}`));
    files.forEach(({ category, text }, i) => {
      const where = `case ${i} (${category}): ${text.slice(0, 300)}`;
      const t0 = performance.now(); // reported only, never asserted
      let outcome: Outcome;
      try {
        outcome = loadAndBuild(text);
      } catch (e) {
        fail(where, `internal error ${(e as Error).stack}`);
        return;
      }
      const ms = performance.now() - t0;
      const count = tally.get(category)!;
      if (outcome.kind === 'refused') {
        if (ms > slowest.ms) slowest = { ms, index: i };
        count.refused++;
        if (!outcome.problems.some((p) => p.severity === 'error')) fail(where, 'a refusal without an error');
        for (const p of outcome.problems) {
          if (!(p.path.length > 0)) fail(where, `a problem without a path ${JSON.stringify(p)}`);
          if (!codes.has(p.code)) fail(where, `an unknown code ${p.code}`);
          if (!(p.message.length > 10) || /could not be read|internal|undefined \(reading/.test(p.message)) fail(where, `an unclear message ${JSON.stringify(p)}`);
        }
      } else {
        count.accepted++;
        // The budget: whatever is accepted runs a bounded number of steps in a bounded memory.
        const { ir, memoryBytes } = outcome;
        if (!(ir.steps > 0 && ir.steps <= LIMITS.steps)) fail(where, `${ir.steps} steps accepted`);
        if (!(memoryBytes <= DEFAULT_MEMORY_BUDGET_BYTES)) fail(where, `${memoryBytes} bytes accepted`);
        // Spike recordings are counted at their expected size; what bounds them is the run's
        // recording guard, so every accepted run that records spikes must carry its budget.
        const records = ir.monitors.some((m) => m.record === 'spikes');
        const budget = ir.recordingBudgetBytes;
        if (records && !(budget !== undefined && budget >= 0 && budget <= DEFAULT_MEMORY_BUDGET_BYTES)) fail(where, `a spike recording without a run-time budget (${budget})`);
        if (!allFinite(ir)) fail(where, 'a number that is not finite in the IR');
      }
    });
    expect(failures).toEqual([]);
    // every category is exercised and refuses something (a generator whose damage is all harmless tests nothing)
    for (const [category, n] of tally) expect(n.refused, category).toBeGreaterThan(0);
    const rows = [...tally].map(([c, n]) => `${c} ${n.refused}/${n.refused + n.accepted}`).join(', ');
    console.log(`hostile files refused per category: ${rows}; slowest refusal: case ${slowest.index} (${files[slowest.index]?.category}), ${slowest.ms.toFixed(1)} ms`);
  });

  it('a runaway network (accepted: its recording is only bounded at run time) is stopped by the real CLI with the reason', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'runaway.snn'), JSON.stringify({ format: 'snn-studio', version: 1, document: runaway('2 s') }));
    expect(loadAndBuild(readFileSync(join(dir, 'runaway.snn'), 'utf8')).kind).toBe('accepted');
    const r = spawnSync(process.execPath, [BIN, 'run', 'runaway.snn', '--memory-budget', '32 MiB', '--out', 'out', '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^error document\.nodes\[0\] \[recording_stopped\]: Run stopped at .*"E" \(field spikes\)/m);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.stopped).toMatchObject({ reason: 'recording_budget', node: 'E', field: 'spikes' });
    expect(summary.stopped.recorded_bytes).toBeGreaterThan(summary.stopped.budget_bytes);
  }, 180_000);

  it('the real CLI process exits 2 with problem lines for a sample of them', () => {
    const dir = tempDir();
    // two, because each CLI process starts tsx and the engine (seconds on a loaded machine)
    const sample: Category[] = ['wrong_type', 'huge_recording'];
    for (const category of sample) {
      const file = files.find((f) => f.category === category && loadAndBuild(f.text).kind === 'refused')!;
      writeFileSync(join(dir, `${category}.snn`), file.text);
      const r = spawnSync(process.execPath, [BIN, 'run', `${category}.snn`, '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(r.status, `${category}: ${r.stderr}`).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines.some((l) => /^error document\S* \[\w+\]: ./.test(l)), r.stderr).toBe(true);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  }, 300_000);
});
