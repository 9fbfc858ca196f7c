/**
 * Is the compiled CLI (out/cli, from scripts/build-cli.mjs) up to date? It is when build.json
 * exists and every file listed in it is older than the moment that build started: one small
 * read and a stat per source the CLI is built from (a few hundred), nothing read in full.
 * A new source file only reaches the CLI through an edit to an importing file, which this sees.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The stamp beside the bundle, and its layout's version (bump when the fields change). */
export const STAMP_NAME = 'build.json';
export const STAMP_FORMAT = 1;

/** Where the compiled CLI lives, relative to the project root. */
export const COMPILED_DIR = join('out', 'cli');

/**
 * `{ fresh: true }`, or `{ fresh: false, reason }` with a phrase saying why not
 * ("src/cli/run.ts changed since it was compiled"). `fs` is injectable for tests.
 */
export function compiledCliState(root, fs = { readFileSync, statSync }) {
  const dir = join(root, COMPILED_DIR);
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(join(dir, STAMP_NAME), 'utf8'));
  } catch {
    return { fresh: false, reason: 'the CLI is not compiled yet' };
  }
  if (stamp?.format !== STAMP_FORMAT || !Array.isArray(stamp.inputs) || typeof stamp.builtAtMs !== 'number') {
    return { fresh: false, reason: 'the compiled CLI is from another version of the build script' };
  }
  const entry = fs.statSync(join(dir, 'snn.mjs'), { throwIfNoEntry: false });
  if (!entry) return { fresh: false, reason: 'the compiled CLI is incomplete' };
  for (const input of stamp.inputs) {
    const s = fs.statSync(join(root, input), { throwIfNoEntry: false });
    if (!s) return { fresh: false, reason: `${input} is gone since the CLI was compiled` };
    if (s.mtimeMs > stamp.builtAtMs) return { fresh: false, reason: `${input} changed since the CLI was compiled` };
  }
  return { fresh: true };
}
