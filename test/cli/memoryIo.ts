/** An in-memory CliIo that records what the CLI writes. */
import type { CliIo } from '../../src/cli/io';

export interface MemoryIo extends CliIo {
  out(): string;
  err(): string;
}

export function memoryIo(cwd: string, opts: { tty?: boolean; now?: () => number } = {}): MemoryIo {
  let out = '';
  let err = '';
  return {
    cwd,
    now: opts.now ?? (() => performance.now()),
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s), isTTY: opts.tty ?? false },
    out: () => out,
    err: () => err,
  };
}
