/**
 * tfjs backend benchmark:
 *   npx tsx bench/tfjs/run.ts [--budget-s 40] [--big] [--no-layouts] [--layouts-only]
 *
 * 1. Brette CUBA (bench/networks, 4000 neurons, p = 0.02) and CUBA scaled to 16k and 64k neurons
 *    (256k with --big) at 80 synapses per neuron, 1 s at dt = 0.1 ms: build and run seconds for
 *    the typed backend and tfjs (WASM here; native where tfjs-node loads), wall and CPU time.
 *    tfjs runs for the whole second or until --budget-s of wall time has passed, whichever comes
 *    first; its run time is then given per simulated second (extrapolated, marked "~").
 * 2. The projection layouts of the tfjs backend (SparseSegmentSum vs dense MatMul) for one
 *    4000 -> 4000 projection at several densities: the measured crossover behind
 *    DENSE_MIN_DENSITY in src/engine/backends/tfjs/propagate.ts.
 *
 * The rate column is a sanity check; an extrapolated tfjs run covers only the first few hundred
 * steps (the onset transient), so its rate is not the steady-state rate.
 *
 * Prints tables and writes bench/tfjs/results.json (--layouts-only: bench/tfjs/layouts.json). Not a test: nothing passes or fails.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { build } from '../../src/engine/build';
import type { NetworkIR } from '../../src/engine/ir';
import type { BackendInstance } from '../../src/engine/backend';
import type { MonitorBatch } from '../../src/shared/results';
import { typedBackend } from '../../src/engine/backends/typed';
import { createTfjsBackend } from '../../src/engine/backends/tfjs';
import { makePropagator, type Layout } from '../../src/engine/backends/tfjs/propagate';
import { nodeTfjsOptions } from '../../src/engine/node/tfjsLoader';
import { connect } from '../../src/engine/connectivity';
import { streamFor } from '../../src/engine/random';
import { formatProblem, hasErrors } from '../../src/shared/problems';
import { cubaDocument } from '../networks/brette';
import { SCALED_K } from '../networks';

const DURATION_MS = 1000;
const CHUNK_STEPS = 100;
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const LAYOUTS = fileURLToPath(new URL('./layouts.json', import.meta.url));

function flag(name: string): boolean {
  return process.argv.includes(name);
}
function num(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Timing {
  backend: string;
  build_s: number;
  /** Steps actually run and their wall/CPU seconds. */
  steps: number;
  run_s: number;
  run_cpu_s: number;
  /** Run seconds per simulated second (extrapolated when steps < all). */
  run_s_per_bio_s: number;
  run_cpu_s_per_bio_s: number;
  extrapolated: boolean;
  rate_hz: number;
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
}

async function measure(ir: NetworkIR, make: () => Promise<BackendInstance> | BackendInstance, budgetS: number, irSeconds: number): Promise<Timing> {
  const t0 = performance.now();
  const inst = await make();
  const buildS = irSeconds + (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  let spikes = 0;
  while (inst.step < ir.steps && (performance.now() - t1) / 1000 < budgetS) {
    const batch: MonitorBatch = await inst.advance(Math.min(CHUNK_STEPS, ir.steps - inst.step));
    for (const s of batch.spikes) spikes += s.ids.length;
  }
  const runS = (performance.now() - t1) / 1000;
  const cpuS = cpuSeconds(c1);
  const steps = inst.step;
  const name = inst.name;
  inst.dispose();
  const bio = (steps * ir.dt) / 1000;
  const neurons = ir.populations.reduce((n, p) => n + p.size, 0);
  return {
    backend: name, build_s: buildS, steps, run_s: runS, run_cpu_s: cpuS, run_s_per_bio_s: runS / bio, run_cpu_s_per_bio_s: cpuS / bio,
    extrapolated: steps < ir.steps, rate_hz: spikes / neurons / bio,
  };
}

function buildIr(n: number): { ir: NetworkIR; seconds: number } {
  const t0 = performance.now();
  const doc = n === 4000 ? cubaDocument({ seed: 1, durationMs: DURATION_MS }) : cubaDocument({ n, p: SCALED_K / n, seed: 1, durationMs: DURATION_MS });
  const { ir, problems } = build(doc);
  if (!ir || hasErrors(problems)) throw new Error(problems.map(formatProblem).join('\n'));
  return { ir, seconds: (performance.now() - t0) / 1000 };
}

/** Per-step CPU seconds of one projection's increments in one layout (mean of repeats). */
function layoutStepSeconds(n: number, p: number, layout: Layout): number {
  const csr = connect({ rule: 'bernoulli', p, allowSelf: true }, n, n, true, streamFor(1, 'bench-layout'));
  const prop = makePropagator(csr, 0.5, null, layout);
  const mask = new Float32Array(n);
  const rng = streamFor(2, 'bench-mask');
  // About 20 Hz at dt = 0.1 ms: 0.2 % of the neurons spike per step.
  for (let i = 0; i < n; i++) mask[i] = rng.uniform() < 0.002 ? 1 : 0;
  const spk = tf.tensor1d(mask);
  const reps = 60;
  for (let k = 0; k < 3; k++) tf.tidy(() => prop.increments(spk).dataSync());
  // CPU time of this process: wall time on a shared machine mostly measures the other processes.
  const c0 = process.cpuUsage();
  for (let k = 0; k < reps; k++) tf.tidy(() => void prop.increments(spk));
  tf.tidy(() => prop.increments(spk).dataSync());
  const s = cpuSeconds(c0) / reps;
  spk.dispose();
  prop.dispose();
  return s;
}

const fmt = (x: number, d = 2): string => x.toFixed(d);

async function main(): Promise<void> {
  const budgetS = num('--budget-s', 40);
  const tfjs = createTfjsBackend(nodeTfjsOptions());
  const flavour = await tfjs.start();
  console.log(`tfjs runs on ${flavour} (${tf.getBackend()}); ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const layoutsOnly = flag('--layouts-only');
  const sizes = layoutsOnly ? [] : [4000, 16_000, 64_000, ...(flag('--big') ? [256_000] : [])];
  const rows: { network: string; neurons: number; typed: Timing; tfjs: Timing }[] = [];
  for (const n of sizes) {
    const { ir, seconds } = buildIr(n);
    const typed = await measure(ir, () => typedBackend.instantiate(ir), Infinity, seconds);
    const tj = await measure(ir, () => tfjs.instantiate(ir), budgetS, seconds);
    const network = n === 4000 ? 'cuba-4k (Brette, p = 0.02)' : `cuba-${n / 1000}k (k = ${SCALED_K})`;
    rows.push({ network, neurons: n, typed, tfjs: tj });
    console.log(`${network}: typed build ${fmt(typed.build_s)} s run ${fmt(typed.run_s)} s | ${tj.backend} build ${fmt(tj.build_s)} s run ${tj.extrapolated ? '~' : ''}${fmt(tj.run_s_per_bio_s)} s per bio s (${tj.steps} steps)`);
  }
  // CPU time, not wall time: on a shared machine wall time mostly measures the other processes.
  const crossover = rows.find((r) => r.tfjs.run_cpu_s_per_bio_s <= r.typed.run_cpu_s_per_bio_s)?.neurons ?? null;

  if (!layoutsOnly) console.log('\n| network | typed build s | typed run s | typed run CPU s | tfjs build s | tfjs run s / bio s | tfjs run CPU s / bio s | tfjs / typed (CPU) | rate typed / tfjs Hz |');
  if (!layoutsOnly) console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const x = r.tfjs.extrapolated ? '~' : '';
    console.log(`| ${r.network} | ${fmt(r.typed.build_s)} | ${fmt(r.typed.run_s)} | ${fmt(r.typed.run_cpu_s)} | ${fmt(r.tfjs.build_s)} | ${x}${fmt(r.tfjs.run_s_per_bio_s)} | ${x}${fmt(r.tfjs.run_cpu_s_per_bio_s)} | ${x}${fmt(r.tfjs.run_cpu_s_per_bio_s / r.typed.run_cpu_s_per_bio_s, 1)}x | ${fmt(r.typed.rate_hz, 1)} / ${fmt(r.tfjs.rate_hz, 1)} |`);
  }
  if (!layoutsOnly) console.log(`\nCrossover (tfjs ${flavour} at least as fast as typed): ${crossover === null ? `none up to ${sizes.at(-1)} neurons` : `${crossover} neurons`}`);

  const layouts: { n: number; density: number; segment_ms: number; dense_ms: number }[] = [];
  if (!flag('--no-layouts')) {
    console.log('\n| layout test 4000 -> 4000 | density | SparseSegmentSum CPU ms/step | dense MatMul CPU ms/step |');
    console.log('|---|---|---|---|');
    for (const density of [0.01, 0.02, 0.05, 0.07, 0.1, 0.14, 0.2]) {
      const seg = layoutStepSeconds(4000, density, 'segment') * 1000;
      const dense = layoutStepSeconds(4000, density, 'dense') * 1000;
      layouts.push({ n: 4000, density, segment_ms: seg, dense_ms: dense });
      console.log(`| | ${density} | ${fmt(seg, 3)} | ${fmt(dense, 3)} |`);
    }
  }
  const record = {
    date: new Date().toISOString(), tfjs: flavour, cores: os.cpus().length, load_average: os.loadavg(), duration_ms: DURATION_MS, budget_s: budgetS,
    networks: rows, crossover_neurons: crossover, layouts,
  };
  const out = layoutsOnly ? LAYOUTS : RESULTS;
  writeFileSync(out, `${JSON.stringify(layoutsOnly ? { date: record.date, tfjs: flavour, load_average: record.load_average, layouts } : record, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
