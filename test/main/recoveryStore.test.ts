import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realFs } from '../../src/main/fileService';
import { RECOVERY_FILE_NAME, RecoveryStore } from '../../src/main/recoveryStore';
import type { RecoveryDto } from '../../src/shared/ipc';
import { diskFullAfter, killedBeforeRename, tempDir } from './fsShim';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  const t = await tempDir();
  dir = join(t.dir, 'recovery');
  cleanup = t.cleanup;
});
afterEach(() => cleanup());

const snapshot = (text: string, savedAt: number): RecoveryDto => ({ name: 'net.snn', handle: null, text, savedAt });

describe('RecoveryStore', () => {
  it('returns null when nothing was autosaved', async () => {
    expect(await new RecoveryStore(realFs, dir).load()).toBeNull();
  });

  it('a new process (new store) restores the last autosave exactly', async () => {
    const text = '{"format":"snn-studio","label":"τ µ Ω"}';
    await new RecoveryStore(realFs, dir).write({ name: 'n.snn', handle: '/home/u/n.snn', text, savedAt: 1234 });
    expect(await new RecoveryStore(realFs, dir).load()).toEqual({ name: 'n.snn', handle: '/home/u/n.snn', text, savedAt: 1234 });
  });

  it('clear removes the recovery; clearing twice is fine', async () => {
    const store = new RecoveryStore(realFs, dir);
    await store.write(snapshot('a', 1));
    await store.clear();
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('a kill between write and rename leaves the previous recovery, and the leftover temp is swept', async () => {
    await new RecoveryStore(realFs, dir).write(snapshot('previous', 1));
    await expect(new RecoveryStore(killedBeforeRename(), dir).write(snapshot('newer', 2))).rejects.toThrow();
    // The "dead" process left its fully written temp file behind.
    expect((await readdir(dir)).some((n) => n.endsWith('.snn-tmp'))).toBe(true);
    const restarted = new RecoveryStore(realFs, dir);
    expect(await restarted.load()).toEqual(snapshot('previous', 1));
    expect(await readdir(dir)).toEqual([RECOVERY_FILE_NAME]);
  });

  it('a full disk during an autosave keeps the previous recovery and leaves no temp file', async () => {
    await new RecoveryStore(realFs, dir).write(snapshot('previous', 1));
    await expect(new RecoveryStore(diskFullAfter(10), dir).write(snapshot('x'.repeat(5000), 2))).rejects.toMatchObject({ code: 'disk_full' });
    expect(await readdir(dir)).toEqual([RECOVERY_FILE_NAME]);
    expect(await new RecoveryStore(realFs, dir).load()).toEqual(snapshot('previous', 1));
  });

  it('serialises writes: the last snapshot requested is the one kept', async () => {
    const store = new RecoveryStore(realFs, dir);
    const writes = [];
    for (let i = 0; i < 20; i++) writes.push(store.write(snapshot(`v${i}`.repeat(10_000 - i * 400), i)));
    await Promise.all(writes);
    expect((await store.load())?.savedAt).toBe(19);
  });

  it('treats a corrupt or foreign recovery file as no recovery', async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, RECOVERY_FILE_NAME), '{"format":"snn-studio-recovery","version":1,"recovery":{"text":5}}');
    expect(await new RecoveryStore(realFs, dir).load()).toBeNull();
    await writeFile(join(dir, RECOVERY_FILE_NAME), '{ truncated');
    expect(await new RecoveryStore(realFs, dir).load()).toBeNull();
  });
});
