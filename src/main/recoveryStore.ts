/**
 * Autosave: one recovery file in userData holding the last autosaved text of unsaved work.
 * The renderer calls autosave every few seconds while the document is dirty; each write is
 * atomic (temp + fsync + rename), so a crash or a kill at any moment leaves the previous
 * recovery intact, and nothing older than the last completed autosave is lost. Writes are
 * serialised so an older snapshot can never land after a newer one.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { RecoverySchema, type RecoveryDto } from '../shared/ipc';
import { type FsLike, sweepTempFiles, writeFileAtomic } from './fileService';

export const RECOVERY_FILE_NAME = 'recovery.snn-autosave.json';

const RecoveryFile = z.object({
  format: z.literal('snn-studio-recovery'),
  version: z.literal(1),
  recovery: RecoverySchema,
});

export class RecoveryStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fs: FsLike,
    /** Folder we own (userData/recovery); temp files left there by a crash are swept. */
    private readonly dir: string,
  ) {}

  get file(): string {
    return join(this.dir, RECOVERY_FILE_NAME);
  }

  /** Store a snapshot; resolves once it is durably on disk. */
  write(recovery: RecoveryDto): Promise<void> {
    const body = JSON.stringify({ format: 'snn-studio-recovery', version: 1, recovery });
    return this.enqueue(async () => {
      await this.fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(this.fs, this.file, body);
    });
  }

  /** The last snapshot, or null if there is none or it is unreadable. Sweeps crash leftovers. */
  load(): Promise<RecoveryDto | null> {
    return this.enqueue(async () => {
      await sweepTempFiles(this.fs, this.dir);
      let raw: string;
      try {
        raw = new TextDecoder().decode(await this.fs.readFile(this.file));
      } catch {
        return null;
      }
      try {
        const parsed = RecoveryFile.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data.recovery : null;
      } catch {
        return null;
      }
    });
  }

  /** Forget the snapshot (after a save or a deliberate discard). */
  clear(): Promise<void> {
    return this.enqueue(async () => {
      await this.fs.unlink(this.file).catch((err: { code?: string }) => {
        if (err.code !== 'ENOENT') throw err;
      });
    });
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
