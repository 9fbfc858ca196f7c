/** Running bench/brian2/brette.py (Brian2) from TypeScript: availability check and one run. */
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's interpreter, which has python3-brian; never a virtualenv's python. */
export const PYTHON = '/usr/bin/python3';
export const BRETTE_SCRIPT = fileURLToPath(new URL('./brian2/brette.py', import.meta.url));

/** The JSON line brette.py prints (the fields the benchmark and the reference tests use). */
export interface Brian2Record {
  readonly model: string;
  readonly n: number;
  readonly synapses: number;
  readonly duration_ms: number;
  readonly seed: number | null;
  readonly device: string;
  readonly build_s: number;
  /** Median of run_s_samples (std::clock() CPU seconds of the run loop). */
  readonly run_s: number;
  /** One per run of the compiled binary (--repeats). */
  readonly run_s_samples: number[];
  readonly compile_s: number;
  readonly rate_exc_hz: number;
  readonly rate_inh_hz: number;
  readonly cv_exc: number | null;
  readonly cv_inh: number | null;
}

/** True when `/usr/bin/python3 -c 'import brian2'` succeeds. */
export function brian2Available(): boolean {
  const r = spawnSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

/** Run brette.py with `args` (plus --json) and parse its last stdout line. */
export function runBrette(args: readonly string[], timeoutMs = 30 * 60_000): Brian2Record {
  const r = spawnSync(PYTHON, [BRETTE_SCRIPT, ...args, '--json'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const tail = (r.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    throw new Error(`brette.py ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Brian2Record;
}

/** runBrette without blocking: lets a caller simulate with our engine while Brian2 runs on the other core. */
export function runBretteAsync(args: readonly string[], timeoutMs = 30 * 60_000): Promise<Brian2Record> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [BRETTE_SCRIPT, ...args, '--json'], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const tail = stderr.trim().split('\n').slice(-5).join('\n');
        reject(new Error(`brette.py ${args.join(' ')} failed (${err.message.split('\n')[0]}):\n${tail}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Brian2Record);
    });
  });
}
