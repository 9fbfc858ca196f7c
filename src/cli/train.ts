/**
 * `snn train <file.snn>`: surrogate-gradient training of the project's network on its task
 * (the document's `training` section). Writes into DIR the trained project (weights and the epoch
 * history saved, so training can continue from it) and summary.json; progress goes to stderr.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { formatProblem } from '../shared/problems';
import { serializeProject } from '../shared/projectFile';
import { EXIT, UsageError, type CliIo } from './io';
import { TRAIN_HELP } from './help';
import { inFile, loadProject, readProjectText } from './projectLoad';
import { createProgress } from './progress';
import { scanFlags } from './runArgs';

export interface TrainArgs {
  readonly file: string;
  readonly epochs?: number;
  readonly seed?: number;
  readonly out?: string;
  readonly quiet: boolean;
  readonly help: boolean;
}

const VALUE_FLAGS = new Set(['--epochs', '--seed', '--out']);
const MAX_SEED = 2 ** 32 - 1;

export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const { values, positional, quiet, help } = scanFlags(argv, VALUE_FLAGS, 'train');
  if (help) return { file: '', quiet, help };
  if (positional.length !== 1) throw new UsageError("one project file expected: snn train <file.snn> (see 'snn train --help')");
  const whole = (name: string, max: number, min: number): number | undefined => {
    const text = values.get(name);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max} (got ${text})`);
    return n;
  };
  const epochs = whole('--epochs', 100_000, 1);
  const seed = whole('--seed', MAX_SEED, 0);
  const out = values.get('--out');
  return { file: positional[0], quiet, help, ...(epochs !== undefined ? { epochs } : {}), ...(seed !== undefined ? { seed } : {}), ...(out !== undefined ? { out } : {}) };
}

export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseTrainArgs(argv);
  if (args.help) {
    io.stdout.write(TRAIN_HELP);
    return EXIT.ok;
  }
  const path = resolve(io.cwd, args.file);
  const project = loadProject(await readProjectText(path, args.file));
  if (!project.ok) {
    for (const p of project.problems) io.stderr.write(`${formatProblem(p)}\n`);
    return EXIT.usage;
  }
  for (const p of project.warnings) io.stderr.write(`${formatProblem(inFile(p))}\n`);
  const [loader, { registerTfjsGradients }, training] = await Promise.all([
    import('../engine/node/tfjsLoader'),
    import('../engine/node/tfjsGradients'),
    import('../engine/training'),
  ]);
  // Native libtensorflow when @tensorflow/tfjs-node loads (optional), else WASM, else plain JS.
  const { flavour, reason } = await training.selectTrainingBackend('auto', loader.nodeTfjsOptions());
  await registerTfjsGradients();

  const doc = project.document as { training?: Record<string, unknown> } | null;
  const overridden = doc && doc.training ? { ...doc, training: { ...doc.training, ...(args.epochs !== undefined ? { epochs: args.epochs } : {}), ...(args.seed !== undefined ? { seed: args.seed } : {}) } } : doc;
  const readData = (p: string): Uint8Array => {
    try {
      return readFileSync(resolve(dirname(path), p));
    } catch (e) {
      throw new UsageError(`cannot read the task's data file ${p}: ${(e as Error).message}`);
    }
  };
  let setup;
  try {
    setup = training.setupTraining(overridden, readData);
  } catch (e) {
    if (e instanceof training.TrainingSetupError || e instanceof training.DataImportError) {
      io.stderr.write(`${args.file}: ${e instanceof training.TrainingSetupError && e.nodeId ? `${e.nodeId}.${e.field}: ` : ''}${e.message}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  const { dataset, network, options } = setup;
  const split = training.splitDataset(dataset, setup.training.validation, setup.training.test, setup.seed);
  if (!args.quiet) {
    io.stderr.write(`backend ${flavour}; task ${dataset.name}: ${dataset.samples.length} samples (${split.train.length} train, ${split.validation.length} validation, ${split.test.length} test), ${dataset.nClasses} classes, ${network.steps} steps of ${network.dt} ms; ${network.parameterCount()} trained parameters\n`);
    io.stderr.write(`  (${reason})\n`);
  }
  const started = io.now();
  const progress = args.quiet ? null : createProgress(io.stderr, io.now);
  const batches = Math.ceil(split.train.length / options.batchSize);
  const outcome = training.train(network, split, {
    ...options,
    now: io.now,
    ...(progress ? { onBatch: (p: { epoch: number; batch: number }) => progress.update({ step: (p.epoch - 1) * batches + p.batch, steps: options.epochs * batches, wallMs: io.now() - started }) } : {}),
    ...(args.quiet
      ? {}
      : { onEpoch: (r: { epoch: number; loss: number; accuracy: number; valLoss: number | null; valAccuracy: number | null; seconds: number }) => io.stderr.write(`${progress && io.stderr.isTTY ? '\n' : ''}epoch ${r.epoch}: loss ${r.loss.toFixed(4)}, accuracy ${(100 * r.accuracy).toFixed(1)} %${r.valAccuracy !== null ? `, validation ${(100 * r.valAccuracy).toFixed(1)} %` : ''}, ${r.seconds.toFixed(2)} s\n`) }),
  });
  progress?.done();
  const wallS = (io.now() - started) / 1000;
  const trained = training.applyTraining(setup, outcome.history, outcome.test?.accuracy ?? null);
  network.dispose();

  const outDir = resolve(io.cwd, args.out ?? `${basename(args.file, extname(args.file))}-trained`);
  await mkdir(outDir, { recursive: true });
  const projectOut = resolve(outDir, basename(args.file));
  const summary = {
    file: args.file,
    backend: flavour,
    task: { name: dataset.name, samples: dataset.samples.length, train: split.train.length, validation: split.validation.length, test: split.test.length, classes: dataset.nClasses, inputs: dataset.nInputs },
    seed: setup.seed,
    steps: network.steps,
    dt: network.dt,
    parameters: network.parameterCount(),
    epochs: outcome.history.length,
    bestEpoch: outcome.bestEpoch,
    stoppedEarly: outcome.stoppedEarly,
    testAccuracy: outcome.test?.accuracy ?? null,
    testLoss: outcome.test?.loss ?? null,
    secondsPerEpoch: outcome.history.length > 0 ? outcome.history.reduce((a, r) => a + r.seconds, 0) / outcome.history.length : null,
    wallSeconds: wallS,
    history: outcome.history,
    project: projectOut,
  };
  await writeFile(projectOut, serializeProject(trained), 'utf8');
  await writeFile(resolve(outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`, 'utf8');
  io.stdout.write(`trained ${summary.epochs} epochs (best ${summary.bestEpoch}${summary.stoppedEarly ? ', stopped early' : ''}) on ${flavour}; test accuracy ${summary.testAccuracy === null ? 'n/a' : `${(100 * summary.testAccuracy).toFixed(1)} %`} (chance ${(100 / dataset.nClasses).toFixed(1)} %)\n`);
  io.stdout.write(`wrote ${basename(projectOut)}, summary.json to ${outDir}\n`);
  return EXIT.ok;
}

/** Read a file relative to the working directory (tests use it to check what was written). */
export const readText = (p: string): Promise<string> => readFile(p, 'utf8');
