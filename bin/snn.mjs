#!/usr/bin/env node
// The `snn` command. Runs the CLI compiled ahead of time (out/cli/snn.mjs, built by
// scripts/build-cli.mjs on `npm install` or `npm run build:cli`) when it is newer than every
// source it was built from; otherwise, e.g. right after editing src/, the TypeScript sources
// through tsx, after a one-line note. SNN_CLI=sources always takes the tsx route (benchmarks).
import { fileURLToPath } from 'node:url';
import { writeModelIndex } from '../scripts/modelIndex.mjs';
import { compiledCliState } from './compiledCli.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// The model index lists the folders of src/shared/modelspec/neurons; rewritten (only) when a
// folder came or went, which also makes the compiled CLI stale, so the sources run with the new model.
try {
  writeModelIndex();
} catch (e) {
  process.stderr.write(`snn: could not update the model index (${e.message ?? e}); models added or removed since the last build are not seen\n`);
}
const state = process.env.SNN_CLI === 'sources' ? { fresh: false, reason: null } : compiledCliState(root);
let main;
if (state.fresh) {
  ({ main } = await import('../out/cli/snn.mjs'));
} else {
  if (state.reason) process.stderr.write(`snn: ${state.reason}; running the sources through tsx (slower start; 'npm run build:cli' compiles them)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
