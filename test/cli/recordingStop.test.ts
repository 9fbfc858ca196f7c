/**
 * `snn run` on a network that runs away: the recording guard stops it at the memory budget
 * (--memory-budget), the CLI still writes what was recorded, summary.json says why under
 * "stopped" (node, field, bytes against the budget), the problem line names the node, and the
 * exit code is 1 (the run did not finish) — never an out-of-memory crash.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { runaway } from '../engine/memory/networks';
import { tempDir, writeProject } from './fixtures';
import { memoryIo } from './memoryIo';

describe('snn run stops a runaway recording at the memory budget', () => {
  it('writes the results so far and says why in summary.json, exit 1', async () => {
    const dir = tempDir();
    writeProject(dir, 'runaway.snn', runaway('2 s'));
    const io = memoryIo(dir);
    const code = await main(['run', 'runaway.snn', '--memory-budget', '32 MiB', '--out', 'out', '--quiet'], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(/^error document\.nodes\[0\] \[recording_stopped\]: Run stopped at [\d.]+ ms of 2 s: .* "E" \(field spikes\)/m);
    expect(io.err()).toMatch(/summary\.json says why under "stopped"/);
    expect(io.err()).not.toMatch(/internal error|\n\s+at /);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.stopped).toMatchObject({ reason: 'recording_budget', node: 'E', field: 'spikes', of_ms: 2000 });
    expect(summary.stopped.recorded_bytes).toBeGreaterThan(summary.stopped.budget_bytes);
    expect(summary.stopped.budget_bytes).toBeLessThan(32 * 1024 ** 2);
    expect(summary.duration_ms).toBe(summary.stopped.at_ms);
    expect(summary.duration_ms).toBeLessThan(2000);
    expect(summary.populations.E.spikes * 16).toBeLessThanOrEqual(summary.stopped.budget_bytes);
    expect(summary.stopped.message).toMatch(/the network is running away/);
  }, 120_000);

  it('refuses a memory budget it cannot read', async () => {
    const dir = tempDir();
    writeProject(dir, 'runaway.snn', runaway('10 ms'));
    const io = memoryIo(dir);
    expect(await main(['run', 'runaway.snn', '--memory-budget', '32'], io)).toBe(2);
    expect(io.err()).toMatch(/--memory-budget must be a size such as "512 MiB"/);
  });
});
