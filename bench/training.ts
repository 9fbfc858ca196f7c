/**
 * `npm run bench:training`: time per training epoch (surrogate-gradient BPTT, forward + backward +
 * Adam) for one fixed configuration, on every TensorFlow.js flavour this machine can start
 * (tfjs-node when installed, WASM, plain JS). The configuration is the paper-size Randman network
 * of resources/training/randman.snn — 20 inputs -> 100 LIF -> 10 LIF, 51 steps of 1 ms, batches of
 * 64 — on a fixed subset of its samples, so one "epoch" here is --samples samples.
 * Not a test: nothing passes or fails. Prints a table and writes bench/training-results.json.
 *
 *   npm run bench:training -- [--samples N] [--epochs N] [--flavours tfjs-wasm,tfjs-cpu]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { startTfjs, type TfjsFlavour } from '../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../src/engine/node/tfjsLoader';
import { registerTfjsGradients } from '../src/engine/node/tfjsGradients';
import { setupTraining, splitDataset, train } from '../src/engine/training';
import { parseProjectFile } from '../src/shared/projectFile';

const PROJECT = fileURLToPath(new URL('../resources/training/randman.snn', import.meta.url));
const RESULTS = fileURLToPath(new URL('./training-results.json', import.meta.url));

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const samples = Number(flag('--samples', '640'));
const epochs = Number(flag('--epochs', '2'));
const flavours = flag('--flavours', 'tfjs-node,tfjs-wasm,tfjs-cpu').split(',') as TfjsFlavour[];

async function main(): Promise<void> {
  const file = parseProjectFile(readFileSync(PROJECT, 'utf8'));
  if (!file.ok) throw new Error(file.problems.map((p) => p.message).join('; '));
  const rows: Record<string, unknown>[] = [];
  for (const prefer of flavours) {
    const flavour = await startTfjs(nodeTfjsOptions({ prefer }));
    if (flavour !== prefer) {
      console.log(`${prefer}: not available here (started ${flavour}); skipped`);
      continue;
    }
    await registerTfjsGradients();
    const setup = setupTraining(file.document);
    const split = splitDataset(setup.dataset, 0, 0, setup.seed);
    const subset = { train: split.train.slice(0, samples), validation: [], test: [] };
    const seconds: number[] = [];
    train(setup.network, subset, { ...setup.options, epochs, patience: 0, onEpoch: (r) => seconds.push(r.seconds) });
    setup.network.dispose();
    // The first epoch includes kernel set-up (WASM compilation of each op shape); the rest are steady.
    const steady = seconds.length > 1 ? seconds.slice(1) : seconds;
    const perEpoch = steady.reduce((a, b) => a + b, 0) / steady.length;
    const batches = Math.ceil(samples / setup.options.batchSize);
    const row = { flavour, samples, batchSize: setup.options.batchSize, steps: setup.network.steps, batches, firstEpochS: seconds[0], secondsPerEpoch: perEpoch, msPerBatch: (1000 * perEpoch) / batches, tensorsAfter: tf.memory().numTensors };
    rows.push(row);
    console.log(`${flavour.padEnd(10)} ${samples} samples (${batches} batches of ${setup.options.batchSize}, ${setup.network.steps} steps): ${perEpoch.toFixed(2)} s/epoch, ${row.msPerBatch.toFixed(0)} ms/batch (first epoch ${seconds[0].toFixed(2)} s)`);
  }
  writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), project: 'resources/training/randman.snn', rows }, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
