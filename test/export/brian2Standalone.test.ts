/**
 * `--target cpp_standalone` of the Brian2 export: the same exported script, compiled by Brian2 into
 * one C++ program (Debian's brian2 2.5.1 and g++), gives the same spikes as Brian2's runtime
 * target. Connectivity and initial values come from the script's seeded numpy generator in both,
 * so the networks are identical; the tolerances are those of the export's engine comparison
 * (test/export/brian2.test.ts): within 1 spike for a deterministic network, rates within 10 %
 * for random ones (numpy and C++ may round a threshold crossing differently, and a recurrent
 * network amplifies one such difference).
 *
 * Compiling takes 0.5-3 minutes per network on a loaded 2-core machine (measured at load 17).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportProject } from '../../src/engine/export';
import { parseProjectFile } from '../../src/shared/projectFile';

const PYTHON = '/usr/bin/python3';
const EXAMPLES = fileURLToPath(new URL('../../resources/examples', import.meta.url));
const RATE_REL = 0.1;
const COMPILE_TIMEOUT_MS = 20 * 60_000;
/** Shorter than the projects' own durations so numpy (the runtime target) stays quick on 4,000 neurons. */
const DURATION_MS = 300;

const haveBrian2 = spawnSync(PYTHON, ['-c', 'import brian2'], { stdio: 'ignore' }).status === 0;
const haveCxx = spawnSync('g++', ['--version'], { stdio: 'ignore' }).status === 0;
if (!haveBrian2 || !haveCxx) console.warn(`cpp_standalone export runs skipped: needs brian2 under ${PYTHON} and g++.`);

const work = mkdtempSync(join(tmpdir(), 'snn-standalone-'));

interface Summary {
  backend: string;
  run_s?: number;
  populations: Record<string, { spikes: number; rate_hz: number }>;
}

function run(script: string, args: string[]): Summary {
  const r = spawnSync(PYTHON, [script, ...args], { encoding: 'utf8', timeout: COMPILE_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${(r.stderr ?? '').slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Summary;
}

function example(name: string) {
  const file = parseProjectFile(readFileSync(join(EXAMPLES, `${name}.snn`), 'utf8'));
  if (!file.ok) throw new Error(`${name}: ${file.problems[0].message}`);
  return file.document;
}

function exported(name: string): { script: string; deterministic: boolean } {
  const document = example(name);
  const out = exportProject(document, 'brian2', { brian2Target: 'cpp_standalone' });
  if (!out.ok) throw new Error(`${name}: ${out.problems.map((p) => p.message).join('\n')}`);
  const script = join(work, `${name.replace(/\W/g, '_')}.py`);
  writeFileSync(script, out.script);
  const text = JSON.stringify(document.nodes);
  const deterministic = !/"rule":"(fixed_prob|bernoulli|fixed_indegree|fixed_outdegree)"/.test(text) && !/"dist":"(normal|uniform)"/.test(text) && !/"model":"(Poisson|ou)"/.test(text);
  return { script, deterministic };
}

describe('the Brian2 export with --target cpp_standalone', () => {
  it('makes cpp_standalone the script\'s default target and keeps the runtime targets', () => {
    const { script } = exported('01-single-lif');
    const text = readFileSync(script, 'utf8');
    expect(text).toContain("choices=['numpy', 'cython', 'cpp_standalone'], default='cpp_standalone'");
    expect(text).toContain("b2.set_device('cpp_standalone'");
    const plain = exportProject(example('01-single-lif'), 'brian2');
    expect(plain.ok && plain.script).toContain("default='numpy'");
  });

  describe.skipIf(!haveBrian2 || !haveCxx)('runs in Brian2 and agrees with the runtime target', () => {
    it.each(['01-single-lif', '05-ei-balanced', 'brette-cuba'])('%s', (name) => {
      const { script, deterministic } = exported(name);
      const args = ['--duration-ms', String(DURATION_MS)];
      const standalone = run(script, [...args, '--build-dir', join(work, `${name}-build`)]);
      const runtime = run(script, [...args, '--target', 'numpy']);
      expect(standalone.backend).toBe('brian2 cpp_standalone');
      expect(runtime.backend).toBe('brian2 numpy');
      expect(standalone.run_s).toBeGreaterThan(0);
      for (const [pop, b] of Object.entries(runtime.populations)) {
        const a = standalone.populations[pop];
        expect(a, pop).toBeDefined();
        expect(b.spikes, `${pop} fires at all`).toBeGreaterThan(0);
        if (deterministic) expect(Math.abs(a.spikes - b.spikes), `${pop} spikes`).toBeLessThanOrEqual(1);
        else expect(Math.abs(a.rate_hz - b.rate_hz), `${pop} rate`).toBeLessThanOrEqual(RATE_REL * b.rate_hz);
      }
    }, 3 * COMPILE_TIMEOUT_MS);
  });
});
