/**
 * From a document with a `training` section to what the trainer needs (network, data set, options),
 * and back: trained weights (and taus) with the epoch history written into a new document. Files
 * of the user's own data are read through an adapter, so this runs in Node and in a browser worker.
 */
import { Document, type Training, type TrainingEpoch, type TrainingTask } from '../../shared/document';
import { getModel } from '../../shared/catalog';
import { DIMENSIONS, parseQuantity } from '../../shared/units';
import { build } from '../build';
import { weightDim } from '../build/projection';
import type { NetworkIR } from '../ir';
import type { SpikeDataset } from './dataset';
import { importCsv, importNpy } from './import';
import { TrainableNetwork, TrainingSetupError } from './network';
import { latencyTask, LATENCY_DEFAULTS } from './tasks/latency';
import { RANDMAN_PAPER, randman } from './tasks/randman';
import { XOR_DEFAULTS, xorTask } from './tasks/xor';
import type { EpochRecord, TrainOptions } from './trainer';

/** Reads a file named in the document (relative to the project); Node passes fs, a browser its picker. */
export type ReadData = (path: string) => Uint8Array;

export interface TrainingSetup {
  readonly doc: Document;
  readonly training: Training;
  readonly ir: NetworkIR;
  readonly dataset: SpikeDataset;
  readonly network: TrainableNetwork;
  readonly seed: number;
  readonly options: Omit<TrainOptions, 'onBatch' | 'onEpoch' | 'shouldStop' | 'now'>;
}

function ms(q: string | number | undefined, fallback: number, field: string): number {
  if (q === undefined) return fallback;
  const p = parseQuantity(q, 'time');
  if (!p.ok) throw new TrainingSetupError('training', field, `training.${field}: ${p.reason}`);
  return p.value;
}

/** The task's samples, generated with `seed` or read from the user's file. */
export function taskDataset(task: TrainingTask, seed: number, dt: number, read?: ReadData): SpikeDataset {
  switch (task.kind) {
    case 'randman': {
      const d = RANDMAN_PAPER;
      return randman({
        classes: task.classes ?? d.classes, units: task.units ?? d.units, dims: task.dims ?? d.dims, alpha: task.alpha ?? d.alpha,
        samplesPerClass: task.samplesPerClass ?? d.samplesPerClass, spikesPerUnit: task.spikesPerUnit ?? d.spikesPerUnit,
        duration: ms(task.duration, d.duration, 'task.duration'), seed,
      });
    }
    case 'latency': {
      const d = LATENCY_DEFAULTS;
      return latencyTask({
        ...d, classes: task.classes ?? d.classes, units: task.units ?? d.units, samplesPerClass: task.samplesPerClass ?? d.samplesPerClass,
        duration: ms(task.duration, d.duration, 'task.duration'), jitter: ms(task.jitter, d.jitter, 'task.jitter'), dropout: task.dropout ?? d.dropout, seed,
      });
    }
    case 'xor': {
      const d = XOR_DEFAULTS;
      const duration = ms(task.duration, d.duration, 'task.duration');
      const scale = duration / d.duration;
      return xorTask({
        ...d, unitsPerGroup: task.unitsPerGroup ?? d.unitsPerGroup, samples: task.samples ?? d.samples, duration,
        cue1: d.cue1 * scale, cue2: d.cue2 * scale, cueLength: d.cueLength * scale, seed,
      });
    }
    case 'file': {
      if (!read) throw new TrainingSetupError('training', 'task.path', 'This task reads a file, which is not possible here (no file access).');
      const bytes = read(task.path);
      if (task.path.toLowerCase().endsWith('.npy')) {
        if (!task.labels) throw new TrainingSetupError('training', 'task.labels', 'A .npy raster needs a labels .npy file beside it (task.labels).');
        return importNpy(bytes, read(task.labels), dt, task.path);
      }
      return importCsv(new TextDecoder().decode(bytes), task.path);
    }
  }
}

/** Validate the document's training section and compile everything the trainer needs. */
export function setupTraining(input: unknown, read?: ReadData): TrainingSetup {
  const doc = Document.parse(input);
  const training = doc.training;
  if (!training) throw new TrainingSetupError('training', 'training', 'This project has no training section: add a task (inputs, targets, readout) first.');
  const first = build(doc);
  if (!first.ir) throw new TrainingSetupError('', '', `The network does not build: ${first.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')}`);
  const dt = first.ir.dt;
  const seed = training.seed ?? doc.simulation.seed;
  const dataset = taskDataset(training.task, seed, dt, read);
  const inputNode = doc.nodes.find((n) => n.id === training.input);
  if (inputNode?.kind === 'population' && inputNode.size !== dataset.nInputs) {
    throw new TrainingSetupError(training.input, 'size', `The task has ${dataset.nInputs} input units but population "${training.input}" has ${inputNode.size} neurons; make them equal.`);
  }
  const out = doc.nodes.find((n) => n.id === training.readout.population);
  if (out?.kind === 'population' && out.size !== dataset.nClasses) {
    throw new TrainingSetupError(training.readout.population, 'size', `The task has ${dataset.nClasses} classes but the readout population "${out.id}" has ${out.size} neurons; it needs one per class.`);
  }
  // The run covers the sample plus one step, so a spike at the very end still reaches the network.
  const { ir, problems } = build(doc, { durationMs: dataset.duration + dt });
  if (!ir) throw new TrainingSetupError('', '', problems.map((p) => p.message).join(' '));
  const projections = doc.nodes.filter((n) => n.kind === 'projection' && n.trainable).map((n) => n.id);
  const taus = doc.nodes.filter((n) => n.kind === 'population' && n.trainable?.includes('tau')).map((n) => n.id);
  if (projections.length === 0 && taus.length === 0) throw new TrainingSetupError('training', 'trainable', 'Nothing is trainable: mark the weights of at least one projection trainable.');
  const network = new TrainableNetwork(ir, { input: training.input, readout: training.readout, projections, taus });
  return {
    doc, training, ir, dataset, network, seed,
    options: { epochs: training.epochs, batchSize: training.batchSize, learningRate: training.learningRate, slope: training.slope, patience: training.patience, seed },
  };
}

/** A copy of the document holding the trained parameters and the history extended by `rows`. */
export function applyTraining(setup: TrainingSetup, rows: readonly EpochRecord[], testAccuracy: number | null): Document {
  const { doc, network } = setup;
  const history: TrainingEpoch[] = [...(doc.training?.history ?? [])];
  const offset = history.length;
  for (const r of rows) history.push({ ...r, epoch: offset + r.epoch });
  const nodes = doc.nodes.map((n) => {
    if (n.kind === 'projection' && n.trainable) {
      const weights = Array.from(network.synapseWeights(n.id));
      const output = getModel('output', n.output.model);
      if (!output) throw new TrainingSetupError(n.id, 'output.model', `There is no output model "${n.output.model}".`);
      return { ...n, trained: { unit: DIMENSIONS[weightDim(n, output)].internal, weights, epochs: history.length } };
    }
    if (n.kind === 'population' && n.trainable?.includes('tau')) {
      const tau = network.trainedTau(n.id);
      if (tau) return { ...n, params: { ...n.params, tau: Array.from(tau, (t) => `${t} ms`) } };
    }
    return n;
  });
  return { ...doc, nodes, training: { ...(doc.training as Training), history, testAccuracy } };
}
