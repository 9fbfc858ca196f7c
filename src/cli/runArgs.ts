/** Flags of `snn run`: parsed strictly, so a typo is an error rather than silently ignored. */
import { parseQuantity } from '../shared/units';
import { UsageError } from './io';

export type CliBackend = 'typed' | 'tfjs' | 'auto';
const BACKEND_CHOICES: readonly CliBackend[] = ['typed', 'tfjs', 'auto'];
const MAX_SEED = 2 ** 32 - 1;

export interface RunArgs {
  readonly file: string;
  /** Override of the project's duration, ms. */
  readonly durationMs?: number;
  readonly seed?: number;
  readonly out?: string;
  /** Absent: the project's own simulation.backend applies. */
  readonly backend?: CliBackend;
  /** Memory budget of the run, bytes (default: the engine's, 4 GiB). */
  readonly memoryBudgetBytes?: number;
  readonly quiet: boolean;
  readonly help: boolean;
}

const VALUE_FLAGS = new Set(['--duration', '--seed', '--out', '--backend', '--memory-budget']);
const BYTE_UNITS: Readonly<Record<string, number>> = { MB: 1e6, GB: 1e9, MiB: 1024 ** 2, GiB: 1024 ** 3 };
const MEMORY_BUDGET = /^(\d+(?:\.\d+)?) ?(MB|GB|MiB|GiB)$/;

/** "512 MiB", "2GB" -> bytes; throws UsageError. */
function parseBytes(text: string): number {
  const m = MEMORY_BUDGET.exec(text.trim());
  const bytes = m ? Number(m[1]) * BYTE_UNITS[m[2]] : NaN;
  if (!(bytes >= BYTE_UNITS.MiB)) throw new UsageError(`--memory-budget must be a size such as "512 MiB" or "2 GiB", at least 1 MiB (got ${text})`);
  return Math.floor(bytes);
}

export interface ScannedFlags {
  readonly values: ReadonlyMap<string, string>;
  readonly positional: readonly string[];
  readonly quiet: boolean;
  readonly help: boolean;
}

/**
 * The flag grammar every `snn` command shares: `--flag value` and `--flag=value` for the command's
 * value flags, `-q`/`--quiet`, `-h`/`--help`, positionals; an unknown flag or a missing value is a
 * UsageError naming it.
 */
export function scanFlags(argv: readonly string[], valueFlags: ReadonlySet<string>, command: string): ScannedFlags {
  const values = new Map<string, string>();
  const positional: string[] = [];
  let quiet = false;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') help = true;
    else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg.startsWith('-') && arg !== '-') {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (!valueFlags.has(name)) throw new UsageError(`unknown option ${name} (see 'snn ${command} --help')`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`option ${name} needs a value`);
      values.set(name, value);
    } else positional.push(arg);
  }
  return { values, positional, quiet, help };
}

/** Parse argv after `run`. Accepts `--flag value` and `--flag=value`. Throws UsageError. */
export function parseRunArgs(argv: readonly string[]): RunArgs {
  const { values, positional, quiet, help } = scanFlags(argv, VALUE_FLAGS, 'run');
  if (help) return { file: '', quiet, help };
  if (positional.length === 0) throw new UsageError("missing project file: snn run <file.snn> (see 'snn run --help')");
  if (positional.length > 1) throw new UsageError(`one project file expected, got ${positional.length}: ${positional.join(' ')}`);

  let durationMs: number | undefined;
  const duration = values.get('--duration');
  if (duration !== undefined) {
    const q = parseQuantity(duration, 'time');
    if (!q.ok) throw new UsageError(`--duration: ${q.reason}`);
    if (!(q.value > 0)) throw new UsageError(`--duration must be greater than zero (got ${duration})`);
    durationMs = q.value;
  }
  let seed: number | undefined;
  const seedText = values.get('--seed');
  if (seedText !== undefined) {
    seed = Number(seedText);
    if (!/^\d+$/.test(seedText) || !(seed <= MAX_SEED)) throw new UsageError(`--seed must be a whole number from 0 to ${MAX_SEED} (got ${seedText})`);
  }
  const backendText = values.get('--backend');
  if (backendText !== undefined && !BACKEND_CHOICES.includes(backendText as CliBackend)) {
    throw new UsageError(`--backend must be one of ${BACKEND_CHOICES.join(', ')} (got ${backendText})`);
  }
  const budgetText = values.get('--memory-budget');
  const memoryBudgetBytes = budgetText === undefined ? undefined : parseBytes(budgetText);
  return {
    file: positional[0],
    ...(memoryBudgetBytes !== undefined ? { memoryBudgetBytes } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(values.has('--out') ? { out: values.get('--out') } : {}),
    ...(backendText !== undefined ? { backend: backendText as CliBackend } : {}),
    quiet,
    help,
  };
}
