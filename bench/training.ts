/**
 * `npm run bench:training`: time per training epoch (surrogate-gradient BPTT, forward + backward +
 * Adam) for the fixed configuration of bench/trainingEpochs.ts — the paper-size Randman network of
 * resources/training/randman.snn, 20 inputs -> 100 LIF -> 10 LIF, 51 steps of 1 ms, batches of 64,
 * an epoch of --samples samples — on every TensorFlow.js flavour this machine can start: in Node
 * (tfjs-node when installed, WASM, plain JS) and in headless Chromium (WebGL, which is SwiftShader
 * software GL there, and WASM; each in a Web Worker as the app trains). The first epoch includes
 * kernel and shader set-up and is shown apart; the time per epoch is the median of the next
 * --repeats epochs. `npm run bench` shows the same as its training row.
 * Not a test: nothing passes or fails. Prints a table and writes bench/training-results.json.
 *
 *   npm run bench:training -- [--samples N] [--repeats N] [--flavours tfjs-node,tfjs-wasm,tfjs-cpu]
 *                             [--browser tfjs-webgl,tfjs-wasm] [--no-browser]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TfjsFlavour } from '../src/engine/backends/tfjs';
import { BENCH_PROJECT, BENCH_REPEATS, BENCH_SAMPLES } from './trainingEpochs';
import { benchTrainingInNode, type TrainingRow } from './trainingNode';
import { benchTrainingInChromium } from './trainingBrowser';
import { printTrainingTable } from './table';

const RESULTS = fileURLToPath(new URL('./training-results.json', import.meta.url));

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const whole = (name: string, fallback: number): number => {
  const n = Number(flag(name, String(fallback)));
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} needs a whole number >= 1`);
  return n;
};

async function main(): Promise<void> {
  const samples = whole('--samples', BENCH_SAMPLES);
  const repeats = whole('--repeats', BENCH_REPEATS);
  const flavours = flag('--flavours', 'tfjs-node,tfjs-wasm,tfjs-cpu').split(',').filter(Boolean) as TfjsFlavour[];
  const browser = process.argv.includes('--no-browser') ? [] : flag('--browser', 'tfjs-webgl,tfjs-wasm').split(',').filter(Boolean);
  const say = (r: TrainingRow): void => console.log(`  ${r.where} ${r.flavour}: ${r.choice ?? (r.timing ? `${r.timing.secondsPerEpoch.toFixed(2)} s/epoch` : r.error)}`);
  const rows = await benchTrainingInNode(['auto', ...flavours], samples, repeats, say);
  if (browser.length > 0) rows.push(...(await benchTrainingInChromium(['auto', ...browser], samples, repeats, (r) => say({ where: 'chromium', ...r }))).map((r) => ({ where: 'chromium', ...r })));
  console.log('');
  printTrainingTable(rows);
  writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), project: BENCH_PROJECT, samples, repeats, rows }, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
