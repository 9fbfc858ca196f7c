/**
 * `snn run --backend`: the choice reaches the engine, the backend that ran is printed and written
 * to summary.json, and tfjs (WASM here: tfjs-node cannot install on these machines) gives the
 * closed-form spike counts the typed backend gives. `snn --help` lists both subcommands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { lifDocument, tempDir, writeProject } from './fixtures';
import { memoryIo } from './memoryIo';

interface Summary {
  readonly backend: string;
  readonly populations: Record<string, { spikes: number }>;
}

async function runWith(args: string[], project = lifDocument()): Promise<{ summary: Summary; err: string; out: string }> {
  const dir = tempDir();
  writeProject(dir, 'lif.snn', project);
  const io = memoryIo(dir);
  const code = await main(['run', 'lif.snn', '--duration', '100ms', '--out', 'out', ...args], io);
  if (code !== 0) throw new Error(`exit ${code}: ${io.err()}`);
  return { summary: JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8')) as Summary, err: io.err(), out: io.out() };
}

describe('snn run --backend', () => {
  it('runs on tfjs (WASM) with the same spike counts as typed and says so', async () => {
    const typed = await runWith(['--backend', 'typed']);
    const tfjs = await runWith(['--backend', 'tfjs']);
    expect(typed.summary.backend).toBe('typed');
    // tfjs-node is an optional dependency that does not install here, so WASM must run.
    expect(tfjs.summary.backend).toBe('tfjs-wasm');
    expect(tfjs.err.split('\n')[0]).toBe('backend tfjs-wasm (tfjs from --backend)');
    expect(tfjs.out).toContain('backend tfjs-wasm,');
    // 100 ms: A fires every 139 steps (7 spikes x 3 neurons), B every 70 steps (14 x 2).
    expect(typed.summary.populations.A.spikes).toBe(21);
    expect(typed.summary.populations.B.spikes).toBe(28);
    expect(tfjs.summary.populations).toEqual(typed.summary.populations);
  }, 60_000);

  it("uses the project's simulation.backend when no flag is given", async () => {
    const doc = lifDocument();
    doc.simulation = { ...doc.simulation, backend: 'tfjs' };
    const { summary, err } = await runWith([], doc);
    expect(summary.backend).toBe('tfjs-wasm');
    expect(err).toContain("(tfjs from the project's simulation.backend)");
  }, 60_000);

  it('auto picks typed on a CPU-only machine', async () => {
    const { summary, err } = await runWith(['--backend', 'auto', '--quiet']);
    expect(summary.backend).toBe('typed');
    expect(err).toBe('');
  }, 60_000);
});

describe('snn --help', () => {
  it('lists run and export with their options', async () => {
    const io = memoryIo(tempDir());
    expect(await main(['--help'], io)).toBe(0);
    const text = io.out();
    expect(text).toMatch(/snn run <file\.snn>[\s\S]*--backend typed\|tfjs\|auto/);
    expect(text).toMatch(/snn export <file\.snn> --to brainpy\|brian2\|pynest \[--out script\.py\]/);
  });
});
