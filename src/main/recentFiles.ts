/**
 * The recent-files list: a small JSON file in userData, newest first, at most MAX_RECENT
 * entries, with files that no longer exist pruned whenever the list is read.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { type FsLike, isProjectPath, writeFileAtomic } from './fileService';

export const MAX_RECENT = 10;

const RecentJson = z.object({ version: z.literal(1), paths: z.array(z.string()) });

export interface RecentEntry {
  readonly name: string;
  readonly handle: string;
}

export class RecentFiles {
  private paths: string[] = [];
  private loaded = false;

  constructor(
    private readonly fs: FsLike,
    /** Absolute path of the JSON file, e.g. <userData>/recent.json. */
    private readonly file: string,
    /** Path comparison key; Windows and macOS file systems are usually case-insensitive. */
    private readonly key: (path: string) => string = (p) => p,
  ) {}

  /** The list with missing files removed (and the pruned list written back). */
  async list(): Promise<RecentEntry[]> {
    await this.load();
    const alive: string[] = [];
    for (const path of this.paths) {
      if (await this.exists(path)) alive.push(path);
    }
    if (alive.length !== this.paths.length) {
      this.paths = alive;
      await this.persist();
    }
    return this.paths.map((p) => ({ name: basename(p), handle: p }));
  }

  /** Put a file at the top (moving it if already listed). */
  async add(path: string): Promise<void> {
    if (!isProjectPath(path)) return;
    await this.load();
    const k = this.key(path);
    this.paths = [path, ...this.paths.filter((p) => this.key(p) !== k)].slice(0, MAX_RECENT);
    await this.persist();
  }

  async remove(path: string): Promise<void> {
    await this.load();
    const k = this.key(path);
    this.paths = this.paths.filter((p) => this.key(p) !== k);
    await this.persist();
  }

  /** Whether a path is on the list (read access is granted for those). */
  async has(path: string): Promise<boolean> {
    await this.load();
    const k = this.key(path);
    return this.paths.some((p) => this.key(p) === k);
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const raw = new TextDecoder().decode(await this.fs.readFile(this.file));
      const parsed = RecentJson.safeParse(JSON.parse(raw));
      // A corrupt list is not worth an error dialog: start a fresh one.
      this.paths = parsed.success ? parsed.data.paths.filter(isProjectPath).slice(0, MAX_RECENT) : [];
    } catch {
      this.paths = [];
    }
  }

  private async exists(path: string): Promise<boolean> {
    try {
      return (await this.fs.stat(path)).isFile();
    } catch {
      return false;
    }
  }

  private async persist(): Promise<void> {
    const json = JSON.stringify({ version: 1, paths: this.paths }, null, 2);
    // The recent list is a convenience; failing to store it must never fail an open or a save.
    await writeFileAtomic(this.fs, this.file, json).catch(() => undefined);
  }
}
