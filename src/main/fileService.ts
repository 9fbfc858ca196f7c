/**
 * Project file I/O for the main process, with no Electron import so it is tested in Node.
 *
 * Saving is atomic: the bytes go to a temporary file in the same folder, which is flushed to
 * disk (fsync) and then renamed over the target; the folder is fsynced so the rename itself
 * survives a power cut. A crash or a full disk therefore leaves either the old file or the new
 * one, never a truncated or mixed project, and a failed save removes its temporary file.
 *
 * Saving through a symbolic link writes the file the link points to (the temporary file sits
 * beside that real file) and leaves the link in place. Temporary files a crash left beside a
 * user's project are removed the next time a project in that folder is opened or saved: only
 * names of our own pattern, and only once they are older than STALE_TEMP_MS (a younger one may
 * belong to a save in flight in another window).
 */
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, join } from 'node:path';
import { HostError, hostErrorFromFs } from './errors';

/** Largest project file we read, in bytes; same bound as the IPC contract. */
export const MAX_PROJECT_BYTES = 64 * 1024 * 1024;
export const PROJECT_EXTENSION = '.snn';
/** Suffix of in-flight temporary files, so leftovers from a crash can be recognised and swept. */
export const TEMP_SUFFIX = '.snn-tmp';
/** A temporary file's whole name: "." + target name + "." + 12 hex digits + TEMP_SUFFIX. */
export const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.snn-tmp$/;
/** Age after which a temporary file beside a user's project is a crash leftover, ms (no save takes an hour). */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** The part of a file handle we use (node:fs/promises FileHandle satisfies it). */
export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The part of node:fs/promises we use; tests pass shims that fail on purpose. */
export interface FsLike {
  open(path: string, flags: string, mode?: number): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Uint8Array>;
  stat(path: string): Promise<{ isFile(): boolean; size: number; mode: number; mtimeMs: number }>;
  lstat(path: string): Promise<{ isSymbolicLink(): boolean }>;
  realpath(path: string): Promise<string>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export const realFs: FsLike = {
  open: (p, flags, mode) => nodeFs.open(p, flags, mode),
  rename: (a, b) => nodeFs.rename(a, b),
  unlink: (p) => nodeFs.unlink(p),
  readFile: (p) => nodeFs.readFile(p),
  stat: (p) => nodeFs.stat(p),
  lstat: (p) => nodeFs.lstat(p),
  realpath: (p) => nodeFs.realpath(p),
  readdir: (p) => nodeFs.readdir(p),
  mkdir: (p, o) => nodeFs.mkdir(p, o),
};

export function isProjectPath(path: string): boolean {
  return extname(path).toLowerCase() === PROJECT_EXTENSION;
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

async function fileMode(fs: FsLike, path: string): Promise<number> {
  try {
    return (await fs.stat(path)).mode & 0o777;
  } catch {
    return 0o644;
  }
}

/** Flush a directory entry change to disk; not possible on Windows, where rename is already durable enough. */
async function syncDirectory(fs: FsLike, dir: string): Promise<void> {
  let handle: FileHandleLike | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EBADF') throw err;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replace `target` with `data` atomically. On any failure the previous file is untouched, the
 * temporary file is removed, and a HostError (disk_full, permission, write_failed) is thrown.
 */
export async function writeFileAtomic(fs: FsLike, path: string, data: string | Uint8Array): Promise<void> {
  const target = await linkTarget(fs, path);
  const temp = tempPathFor(target);
  const mode = await fileMode(fs, target);
  let created = false;
  try {
    // 'wx' refuses to follow a planted symlink or reuse a stranger's file at the temp name.
    const handle = await fs.open(temp, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    created = false;
    await syncDirectory(fs, dirname(target));
  } catch (err) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw hostErrorFromFs(err, path, 'write_failed');
  }
}

/**
 * The file a save to `path` must replace: `path` itself, or, if it is a symbolic link, the file
 * it points to (renaming over the link would turn it into a regular file and leave the real
 * file unchanged). A dangling link (nothing to write through to) is replaced by the saved file.
 */
async function linkTarget(fs: FsLike, path: string): Promise<string> {
  let isLink = false;
  try {
    isLink = (await fs.lstat(path)).isSymbolicLink();
  } catch {
    return path; // nothing there yet: a new file
  }
  if (!isLink) return path;
  try {
    return await fs.realpath(path);
  } catch {
    return path;
  }
}

/** Read a project file's text, refusing other extensions, folders and oversized files. */
export async function readProjectFile(fs: FsLike, path: string): Promise<{ name: string; handle: string; text: string }> {
  if (!isProjectPath(path)) throw new HostError('not_a_project', path);
  try {
    const info = await fs.stat(path);
    if (!info.isFile()) throw new HostError('not_a_file', path);
    if (info.size > MAX_PROJECT_BYTES) throw new HostError('too_large', path);
    const bytes = await fs.readFile(path);
    return { name: basename(path), handle: path, text: new TextDecoder('utf-8').decode(bytes) };
  } catch (err) {
    throw hostErrorFromFs(err, path, 'read_failed');
  }
}

/** Save a project's text to `path` atomically, byte for byte (UTF-8, no BOM, no newline added). */
export async function saveProjectFile(fs: FsLike, path: string, text: string): Promise<{ name: string; handle: string }> {
  if (!isProjectPath(path)) throw new HostError('not_a_project', path);
  await writeFileAtomic(fs, path, new TextEncoder().encode(text));
  return { name: basename(path), handle: path };
}

/** Make sure a save path has the project extension (dialogs on Linux may return it without). */
export function withProjectExtension(path: string): string {
  return isProjectPath(path) ? path : `${path}${PROJECT_EXTENSION}`;
}

/**
 * Remove our temporary files a crash left beside user projects in `dir`: names of TEMP_NAME's
 * pattern whose last change is more than STALE_TEMP_MS before `now`. Returns how many went.
 */
export async function sweepStaleTempFiles(fs: FsLike, dir: string, now: number, maxAgeMs = STALE_TEMP_MS): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const info = await fs.stat(path);
      if (!info.isFile() || now - info.mtimeMs < maxAgeMs) continue;
      await fs.unlink(path);
      removed += 1;
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}

/** Remove temporary files a crash left in a folder we own (userData); never used on user folders. */
export async function sweepTempFiles(fs: FsLike, dir: string): Promise<number> {
  let removed = 0;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.endsWith(TEMP_SUFFIX)) continue;
    await fs.unlink(join(dir, name)).then(
      () => (removed += 1),
      () => undefined,
    );
  }
  return removed;
}
