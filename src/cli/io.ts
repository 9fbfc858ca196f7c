/** Where the command line reads and writes: the real process, or an in-memory stand-in in tests. */

export interface CliStream {
  write(text: string): unknown;
  /** True on a terminal: progress is drawn as a bar that redraws itself. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  /** Wall clock in ms (injectable so progress throttling is testable). */
  readonly now: () => number;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), now: () => performance.now() };
}

/** Exit codes: 0 success, 1 the run itself failed, 2 bad input or usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake the user can fix (bad flag, missing file): one line, exit code 2, no stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
