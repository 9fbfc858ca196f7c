/**
 * Which files the renderer may ask main to read or write. The page is untrusted input, so it
 * cannot name an arbitrary path: only project files the user chose in this session (dialog,
 * double-click, drop), files on the recent list, and the bundled examples.
 */
import { dirname, resolve, sep } from 'node:path';
import { HostError } from './errors';
import { isProjectPath } from './fileService';

export class FileAccess {
  private readonly granted = new Set<string>();

  constructor(
    /** Folders whose project files are always readable (the bundled examples). */
    private readonly readableDirs: readonly string[],
    private readonly key: (path: string) => string = (p) => resolve(p),
  ) {}

  /** The user chose this file (dialog, double-click, drop, recent list): allow reading and saving back. */
  grant(path: string): void {
    this.granted.add(this.key(path));
  }

  isGranted(path: string): boolean {
    return this.granted.has(this.key(path));
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
