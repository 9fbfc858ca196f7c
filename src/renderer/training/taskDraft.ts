/** Pure helpers of the task form: a first training section for a network, and the form's field edits. */
import type { Document, Training, TrainingTask } from '../../shared/document';

export type TaskKind = TrainingTask['kind'];

export const TASK_LABELS: Readonly<Record<TaskKind, string>> = {
  randman: 'Randman',
  latency: 'Latency patterns',
  xor: 'Temporal XOR',
  file: 'My data (CSV/NPY)',
};

/** SpikeTimes populations (a task's input) and LIF populations (a readout) of the document. */
export function candidates(doc: Document): { inputs: { id: string; size: number }[]; readouts: { id: string; size: number }[] } {
  const pops = doc.nodes.filter((n) => n.kind === 'population');
  return {
    inputs: pops.filter((p) => p.model === 'SpikeTimes').map((p) => ({ id: p.id, size: p.size })),
    readouts: pops.filter((p) => p.model === 'LIF').map((p) => ({ id: p.id, size: p.size })),
  };
}

/** A task of `kind` sized to the input and readout populations (so the sizes match from the start). */
export function taskFor(kind: TaskKind, inputs: number, classes: number, previous?: TrainingTask): TrainingTask {
  const duration = previous && 'duration' in previous && previous.duration !== undefined ? previous.duration : undefined;
  switch (kind) {
    case 'randman':
      return { kind, classes, units: inputs, samplesPerClass: 100, ...(duration ? { duration } : { duration: '50 ms' }) };
    case 'latency':
      return { kind, classes, units: inputs, samplesPerClass: 100, ...(duration ? { duration } : { duration: '40 ms' }) };
    case 'xor':
      return { kind, unitsPerGroup: Math.max(1, Math.floor(inputs / 2)), samples: 400, ...(duration ? { duration } : { duration: '50 ms' }) };
    case 'file':
      return { kind, path: '' };
  }
}

/**
 * A first training section: the first SpikeTimes population as input, the LIF population that
 * projects nowhere (else the last one) as readout, a Randman task of matching sizes.
 */
export function draftTraining(doc: Document): Training | null {
  const { inputs, readouts } = candidates(doc);
  if (inputs.length === 0 || readouts.length === 0) return null;
  const sources = new Set(doc.wires.map((w) => w.from));
  const readout = readouts.find((r) => !sources.has(r.id)) ?? readouts[readouts.length - 1];
  return {
    task: taskFor('randman', inputs[0].size, readout.size),
    input: inputs[0].id,
    readout: { population: readout.id, kind: 'max_v' },
    epochs: 20, batchSize: 32, learningRate: 5e-3, slope: 1, validation: 0.15, test: 0.2, patience: 5,
    seed: doc.simulation.seed,
  };
}

/** Number fields of a task, per kind, with their labels (sizes the form offers). */
export const TASK_NUMBERS: Readonly<Record<Exclude<TaskKind, 'file'>, ReadonlyArray<readonly [string, string]>>> = {
  randman: [['classes', 'classes'], ['units', 'inputs'], ['samplesPerClass', 'samples per class'], ['dims', 'manifold dims'], ['alpha', 'smoothness α']],
  latency: [['classes', 'classes'], ['units', 'inputs'], ['samplesPerClass', 'samples per class'], ['dropout', 'dropout']],
  xor: [['unitsPerGroup', 'inputs per cue'], ['samples', 'samples']],
};
