/** A real SIGKILL in the middle of autosaving: the next start must find a complete snapshot. */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFs } from '../../src/main/fileService';
import { RECOVERY_FILE_NAME, RecoveryStore } from '../../src/main/recoveryStore';
import { tempDir } from './fsShim';

const CHILD = join(__dirname, 'fixtures', 'autosaveLoop.ts');

/** Run the autosave loop, SIGKILL it `afterMs` after its first completed save; returns the last save it reported done. */
async function killMidway(dir: string, afterMs: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let reported = 0;
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) reported = Math.max(reported, Number(line));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`autosave child exited early with ${code}`)));
  });
  await new Promise((r) => setTimeout(r, afterMs));
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return reported;
}

describe('autosave under SIGKILL', () => {
  it('each kill leaves a complete, self-consistent snapshot that a restart restores', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const recoveryDir = join(dir, 'recovery');
      // Two different moments; fixed, not random, so a failure can be rerun.
      for (const afterMs of [7, 90]) {
        const reported = await killMidway(recoveryDir, afterMs);
        const restored = await new RecoveryStore(realFs, recoveryDir).load();
        expect(restored).not.toBeNull();
        const parsed = JSON.parse(restored!.text) as { n: number; body: string };
        expect(parsed.n).toBe(restored!.savedAt);
        expect(parsed.body).toBe(String(parsed.n).repeat(50_000));
        // Nothing older than the last completed autosave is lost.
        expect(parsed.n).toBeGreaterThanOrEqual(reported);
        expect(reported).toBeGreaterThanOrEqual(1);
        // load() swept whatever temp file the kill left behind.
        expect(await readdir(recoveryDir)).toEqual([RECOVERY_FILE_NAME]);
      }
    } finally {
      await cleanup();
    }
  });
});
