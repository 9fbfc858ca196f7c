/**
 * Which files the renderer may ask main to read or write. The page is untrusted input, so it
 * cannot name an arbitrary path: only project files the user chose (dialog, double-click, drop,
 * a click in Open Recent), and the bundled examples (read only).
 *
 * Grants do not stand for ever: they belong to the page that got them (main revokes them all
 * when the window closes or the page reloads) and lapse after GRANT_TTL_MS without use (each
 * save renews the file's grant). Being on the recent list grants nothing by itself; opening
 * the entry does.
 */
import { dirname, resolve, sep } from 'node:path';
import { HostError } from './errors';
import { isProjectPath } from './fileService';

/** How long a grant lasts without use, ms: a working day, so a file open all day still saves without a dialog. */
export const GRANT_TTL_MS = 12 * 60 * 60 * 1000;

export class FileAccess {
  /** Path key -> time (ms, from `now`) the grant lapses. */
  private readonly granted = new Map<string, number>();

  constructor(
    /** Folders whose project files are always readable (the bundled examples). */
    private readonly readableDirs: readonly string[],
    private readonly key: (path: string) => string = (p) => resolve(p),
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs: number = GRANT_TTL_MS,
  ) {}

  /** The user chose this file (dialog, double-click, drop, a click in Open Recent): allow reading and saving back. */
  grant(path: string): void {
    this.granted.set(this.key(path), this.now() + this.ttlMs);
  }

  isGranted(path: string): boolean {
    const k = this.key(path);
    const until = this.granted.get(k);
    if (until === undefined) return false;
    if (this.now() >= until) {
      this.granted.delete(k);
      return false;
    }
    return true;
  }

  /** Forget every grant (the window closed, or the page reloaded: a new page starts with none). */
  revokeAll(): void {
    this.granted.clear();
  }

  /** Throw unless the renderer may read `path`. */
  assertReadable(path: string): void {
    if (!isProjectPath(path)) throw new HostError('not_a_project', path);
    if (this.isGranted(path)) return;
    const folder = this.key(dirname(path));
    if (this.readableDirs.some((d) => folder === this.key(d) || folder.startsWith(this.key(d) + sep))) return;
    throw new HostError('not_allowed', path);
  }

  /** Throw unless the renderer may overwrite `path` without a Save dialog. Examples are never overwritten. */
  assertWritable(path: string): void {
    if (!isProjectPath(path)) throw new HostError('not_a_project', path);
    const folder = this.key(dirname(path));
    const inExamples = this.readableDirs.some((d) => folder === this.key(d) || folder.startsWith(this.key(d) + sep));
    if (!this.isGranted(path) || inExamples) throw new HostError('not_allowed', path);
    this.grant(path); // in use: renew
  }
}

/** Project files named on the command line (double-click on Windows/Linux passes them in argv). */
export function projectFilesFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && isProjectPath(arg))
    .map((arg) => resolve(cwd, arg));
}

/** Window title: the file name, an unsaved marker, the app name. */
export function windowTitle(documentTitle: string, dirty: boolean): string {
  const name = documentTitle.trim() || 'Untitled';
  return `${dirty ? '• ' : ''}${name} — SNN Studio`;
}
