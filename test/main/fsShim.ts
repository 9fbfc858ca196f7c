/** Helpers for main-process tests: temp folders and an fs that fails on purpose. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileHandleLike, type FsLike, realFs } from '../../src/main/fileService';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'snn-main-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function listDir(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

export function fsError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/**
 * A real fs whose file writes stop after `bytesBeforeFailure` bytes with `code` (ENOSPC: the
 * disk filled up midway). The partial bytes really reach the temporary file first.
 */
export function diskFullAfter(bytesBeforeFailure: number, code = 'ENOSPC'): FsLike {
  return {
    ...realFs,
    async open(path, flags, mode) {
      const handle = await realFs.open(path, flags, mode);
      const shimmed: FileHandleLike = {
        async writeFile(data) {
          const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
          await handle.writeFile(bytes.subarray(0, bytesBeforeFailure));
          throw fsError(code);
        },
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
      return shimmed;
    },
  };
}

/** The process "dies" right before rename: rename throws and nothing can be cleaned up afterwards. */
export function killedBeforeRename(): FsLike {
  return {
    ...realFs,
    rename: async () => {
      throw fsError('EKILLED');
    },
    unlink: async () => {
      throw fsError('EKILLED');
    },
  };
}
