/**
 * `exportCommand` for vitest.cli.config.ts: the export tests call it directly; against the
 * compiled CLI the same call goes through its `main` (which hands the arguments to it unchanged).
 */
import type { CliStream } from '../../../src/cli/io';
// @ts-expect-error out/cli/snn.mjs is generated (npm run build:cli) and has no types.
import { main } from '../../../out/cli/snn.mjs';

export function exportCommand(argv: string[], io: { stdout: CliStream; stderr: CliStream; cwd?: string }): Promise<number> {
  return main(['export', ...argv], { now: () => performance.now(), cwd: process.cwd(), ...io });
}
