/** Running Brian2 from TypeScript: availability check, bench/brian2/brette.py, and a project's generated export. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportProject } from '../src/engine/export';

/** Debian's interpreter, which has python3-brian; never a virtualenv's python. */
export const PYTHON = '/usr/bin/python3';
export const BRETTE_SCRIPT = fileURLToPath(new URL('./brian2/brette.py', import.meta.url));

/** The JSON line brette.py prints (the fields the benchmark and the reference tests use). */
export interface Brian2Record {
  readonly model: string;
  readonly n: number;
  /** null when the script does not count them (the generated export). */
  readonly synapses: number | null;
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

/** The summary line an exported Brian2 script prints (src/engine/export/python.ts), with its cpp_standalone timings. */
interface ExportSummary {
  readonly populations: Record<string, { size: number; spikes: number; rate_hz: number; cv_isi: number | null }>;
  readonly run_s: number;
  readonly run_s_samples: number[];
  readonly compile_s: number;
}

/**
 * Run `document`'s generated Brian2 export in cpp_standalone (`--repeats` runs of the compiled
 * program), as a Brian2Record: rates of the populations E and I, the median run time and the
 * compile time. The script is written to a fresh temporary directory with its C++ build.
 */
export function runExportedBrian2(name: string, document: unknown, seed: number, durationMs: number, repeats: number, timeoutMs = 60 * 60_000): Brian2Record {
  const out = exportProject(document, 'brian2', { brian2Target: 'cpp_standalone' });
  if (!out.ok) throw new Error(`${name}: the Brian2 export refused it: ${out.problems.map((p) => p.message).join(' ')}`);
  const dir = mkdtempSync(join(tmpdir(), `snn-bench-${name}-`));
  const script = join(dir, `${name}.py`);
  writeFileSync(script, out.script);
  const args = [script, '--seed', String(seed), '--duration-ms', String(durationMs), '--repeats', String(repeats), '--build-dir', join(dir, 'build')];
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    const tail = (r.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    throw new Error(`${name}'s Brian2 export failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  const s = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as ExportSummary;
  rmSync(dir, { recursive: true, force: true });
  const pop = (id: string) => s.populations[id];
  return {
    model: name,
    n: Object.values(s.populations).reduce((a, p) => a + p.size, 0),
    synapses: null,
    duration_ms: durationMs,
    seed,
    device: 'cpp_standalone',
    build_s: Number.NaN,
    run_s: s.run_s,
    run_s_samples: s.run_s_samples,
    compile_s: s.compile_s,
    rate_exc_hz: pop('E')?.rate_hz ?? Number.NaN,
    rate_inh_hz: pop('I')?.rate_hz ?? Number.NaN,
    cv_exc: pop('E')?.cv_isi ?? null,
    cv_inh: pop('I')?.cv_isi ?? null,
  };
}
