/**
 * Read a *.snn project for the command line. Validation (envelope, schema, migrations) is
 * src/shared/projectFile's; problems from it already carry paths from the file's root
 * ("document.nodes[2].size"). Build reports paths inside the document ("nodes[2].size"), so
 * those are re-rooted here and every line the CLI prints points into the file the same way.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { parseProjectFile } from '../shared/projectFile';
import type { Problem } from '../shared/problems';
import { UsageError } from './io';

/** Largest project file read, bytes: far above any real project (a million per-neuron values is ~20 MB). */
export const MAX_PROJECT_BYTES = 256 * 1024 ** 2;

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The text of the project file at `path` (shown to the user as `shown`). Opened without blocking
 * and checked with fstat on the same descriptor before a byte is read, so a FIFO, a device or a
 * directory is refused at once instead of hanging or reading for ever; so is an absurdly large file.
 */
export async function readProjectText(path: string, shown: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`no such file: ${shown}`);
    if (code === 'EISDIR') throw new UsageError(`${shown} is a directory, not a project file`);
    throw new UsageError(`cannot read ${shown}: ${(e as Error).message}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new UsageError(`${shown} is ${kindOf(st)}, not a project file; give the path of a .snn file`);
    if (st.size > MAX_PROJECT_BYTES) {
      throw new UsageError(`${shown} is ${(st.size / 1024 ** 2).toFixed(0)} MiB, larger than any project (at most ${MAX_PROJECT_BYTES / 1024 ** 2} MiB); is it the right file?`);
    }
    return await handle.readFile('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${shown}: ${(e as Error).message}`);
  } finally {
    await handle.close();
  }
}

export type LoadedProject = { ok: true; document: unknown; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function loadProject(text: string): LoadedProject {
  const parsed = parseProjectFile(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  return { ok: true, document: parsed.document, warnings: parsed.warnings };
}

/** A build problem's path as a path from the file's root. */
export function inFile(p: Problem): Problem {
  if (p.path === '' || p.path === '(document)') return { ...p, path: 'document' };
  if (p.path.startsWith('document.') || p.path === 'document') return p;
  return { ...p, path: `document.${p.path}` };
}
