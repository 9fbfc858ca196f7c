/**
 * The project document: what the user edits and saves. Plain serialisable records only —
 * ids, kinds and parameter strings with units. No arrays of state, no functions, no React
 * Flow internals. Model-specific parameters are checked by the engine's build step against
 * the catalogue (src/shared/catalog), so this schema checks structure only.
 */
import * as z from 'zod';

/** Limits that keep a hostile or corrupt file from exhausting memory before build runs. */
export const LIMITS = {
  idLength: 64,
  stringLength: 256,
  nodes: 10_000,
  wires: 50_000,
  arrayValues: 1_000_000,
  populationSize: 100_000_000,
  /**
   * Time steps of one run. Step numbers are stored as 32-bit integers (spike times, traces),
   * and 10^8 steps is already 10,000 s of biology at dt = 0.1 ms (hours of wall time).
   */
  steps: 100_000_000,
  /** Characters of one custom model's spec text (HH with comments is ~3,000). */
  modelSource: 100_000,
  customModels: 200,
} as const;

export const Id = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(LIMITS.idLength)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f]+$/, 'an id cannot contain control characters');

/** A number with a unit as text ("-65 mV"), or a plain number for dimensionless values. */
export const Quantity = z.union([z.string().max(LIMITS.stringLength), z.number()]);
export type Quantity = z.infer<typeof Quantity>;

/** A value drawn per neuron or per synapse. `linspace` spreads from..to over the neurons (an F-I sweep). */
export const Distribution = z.discriminatedUnion('dist', [
  z.object({ dist: z.literal('normal'), mean: Quantity, std: Quantity }).strict(),
  z.object({ dist: z.literal('uniform'), low: Quantity, high: Quantity }).strict(),
  z.object({ dist: z.literal('linspace'), from: Quantity, to: Quantity }).strict(),
]);
export type Distribution = z.infer<typeof Distribution>;

/**
 * A parameter value: one quantity for all, one per neuron (a non-empty list), a distribution, or
 * a choice word ("hard"). No model has a true/false parameter, so `true`, `null`, `[]` or an
 * object are refused here with their JSON path instead of surprising the build.
 */
export const ValueSpec = z.union([Quantity, z.array(Quantity).min(1).max(LIMITS.arrayValues), Distribution]);
export type ValueSpec = z.infer<typeof ValueSpec>;

export const Position = z.tuple([z.number(), z.number()]);

const common = {
  id: Id,
  label: z.string().max(LIMITS.stringLength).optional(),
  position: Position.optional(),
};

/** A group of neurons of one model (LIF, Poisson source, spike-time source, ...). */
export const PopulationNode = z
  .object({
    ...common,
    kind: z.literal('population'),
    model: z.string().max(LIMITS.idLength),
    size: z.number(),
    params: z.record(z.string(), ValueSpec).default({}),
    init: z.record(z.string(), ValueSpec).optional(),
    /**
     * Integration method of every state (modelspec/method.ts: auto, euler, exponential_euler, rk2,
     * rk4); absent or "auto": the model's own schemes. Checked by the build, which names a bad value.
     */
    method: z.string().max(LIMITS.idLength).optional(),
    /** Parameters surrogate-gradient training may change (issue 18): the membrane time constant. */
    trainable: z.array(z.enum(['tau'])).max(1).optional(),
  })
  .strict();

/** A current injected into the populations it is wired to (constant, step, ramp, sinusoid, OU noise). */
export const InputNode = z
  .object({
    ...common,
    kind: z.literal('input'),
    model: z.string().max(LIMITS.idLength),
    params: z.record(z.string(), ValueSpec).default({}),
  })
  .strict();

/** A model description with its parameters flattened in: { model: "Expon", tau: "5 ms" }. */
export const ModelRef = z.object({ model: z.string().max(LIMITS.idLength) }).catchall(Quantity);
export type ModelRef = z.infer<typeof ModelRef>;

/** Connectivity rule with its parameters: { rule: "fixed_prob", p: 0.1 }. */
export const ConnSpec = z.object({ rule: z.string().max(LIMITS.idLength) }).catchall(z.union([Quantity, z.boolean()]));
export type ConnSpec = z.infer<typeof ConnSpec>;

/**
 * Trained weights of a projection: one number per synapse in the order the seeded connectivity
 * rule creates them (so the same conn, seed and sizes are needed), in the internal unit of the
 * weight's dimension (`unit`: "nA" for CUBA, "uS" for COBA, "mV" for Delta).
 */
export const TrainedWeights = z
  .object({
    unit: z.string().max(LIMITS.idLength),
    weights: z.array(z.number()).max(LIMITS.arrayValues),
    /** Epochs trained in total so far. */
    epochs: z.number().int().min(0),
  })
  .strict();
export type TrainedWeights = z.infer<typeof TrainedWeights>;

/** Synapses from the population wired into it to the population it is wired to. */
export const ProjectionNode = z
  .object({
    ...common,
    kind: z.literal('projection'),
    conn: ConnSpec,
    weight: ValueSpec,
    delay: Quantity.optional(),
    synapse: ModelRef,
    output: ModelRef,
    plasticity: ModelRef.optional(),
    /** Surrogate-gradient training may change this projection's weights (issue 18). */
    trainable: z.boolean().optional(),
    /** Weights found by training; they replace `weight` when the network is built. */
    trained: TrainedWeights.optional(),
  })
  .strict();

/** Records what the populations wired into it do: spikes, state traces or per-step counts. */
export const MonitorNode = z
  .object({
    ...common,
    kind: z.literal('monitor'),
    record: z.enum(['spikes', 'state', 'rate']),
    /** State variables for `state`, e.g. ["V"]. */
    variables: z.array(z.string().max(LIMITS.idLength)).max(32).optional(),
    /** Neuron indices to record for `state` (default: the first). */
    neurons: z.array(z.number()).max(10_000).optional(),
    /** Sampling interval for `state`, e.g. "0.1 ms" (default: every step). */
    interval: Quantity.optional(),
  })
  .strict();

export const Node = z.discriminatedUnion('kind', [PopulationNode, InputNode, ProjectionNode, MonitorNode]);
export type Node = z.infer<typeof Node>;
export type PopulationNode = z.infer<typeof PopulationNode>;
export type InputNode = z.infer<typeof InputNode>;
export type ProjectionNode = z.infer<typeof ProjectionNode>;
export type MonitorNode = z.infer<typeof MonitorNode>;
export type NodeKind = Node['kind'];

export const Wire = z.object({ from: Id, to: Id }).strict();
export type Wire = z.infer<typeof Wire>;

export const BACKENDS = ['auto', 'typed', 'tfjs'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export const Simulation = z
  .object({
    dt: Quantity.default('0.1 ms'),
    duration: Quantity.default('500 ms'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(42),
    backend: z.enum(BACKENDS).default('auto'),
  })
  .strict();
export type Simulation = z.infer<typeof Simulation>;

/** A classification task generated from a seed, or the user's own spike data (issue 18). */
export const TrainingTask = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('randman'),
      classes: z.number().optional(),
      units: z.number().optional(),
      dims: z.number().optional(),
      alpha: z.number().optional(),
      samplesPerClass: z.number().optional(),
      spikesPerUnit: z.number().optional(),
      duration: Quantity.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('latency'),
      classes: z.number().optional(),
      units: z.number().optional(),
      samplesPerClass: z.number().optional(),
      duration: Quantity.optional(),
      jitter: Quantity.optional(),
      dropout: z.number().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('xor'),
      unitsPerGroup: z.number().optional(),
      samples: z.number().optional(),
      duration: Quantity.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('file'),
      /** CSV (sample,time_ms,unit,label) or a .npy raster, relative to the project file. */
      path: z.string().max(4096),
      /** Labels .npy beside a .npy raster. */
      labels: z.string().max(4096).optional(),
    })
    .strict(),
]);
export type TrainingTask = z.infer<typeof TrainingTask>;

/** One epoch of a training's history. Losses are cross-entropies (nats), accuracies fractions. */
export const TrainingEpoch = z
  .object({
    epoch: z.number().int().min(1),
    loss: z.number(),
    accuracy: z.number(),
    valLoss: z.number().nullable(),
    valAccuracy: z.number().nullable(),
    seconds: z.number(),
  })
  .strict();
export type TrainingEpoch = z.infer<typeof TrainingEpoch>;

/**
 * Surrogate-gradient training of this network (issue 18): the task, the SpikeTimes population its
 * samples are written into, the output population read as class scores, the optimiser settings
 * and the history of every epoch trained so far.
 */
export const Training = z
  .object({
    task: TrainingTask,
    input: Id,
    readout: z.object({ population: Id, kind: z.enum(['count', 'max_v']).default('count') }).strict(),
    epochs: z.number().int().min(1).max(100_000).default(20),
    batchSize: z.number().int().min(1).max(100_000).default(32),
    learningRate: z.number().positive().default(2e-3),
    /** Surrogate slope, per mV. */
    slope: z.number().positive().default(1),
    validation: z.number().min(0).max(0.9).default(0.1),
    test: z.number().min(0).max(0.9).default(0.2),
    /** Epochs without a better validation loss before stopping (0: never). */
    patience: z.number().int().min(0).default(5),
    /** Seed of the task and the batches (default: the simulation's seed). */
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    history: z.array(TrainingEpoch).max(100_000).optional(),
    /** Test accuracy of the saved parameters, when a test split was scored. */
    testAccuracy: z.number().nullable().optional(),
  })
  .strict();
export type Training = z.infer<typeof Training>;

/**
 * A neuron model the user wrote in the app (issue 16): its name and its spec text, the one source
 * of truth. `parsed` is the interface the text declared when the file was saved (parameters with
 * dimension and default, inputs, states), written by serializeProject and checked against the
 * text on loading (src/shared/customModels.ts); in memory a document holds name and source only.
 */
export const CustomModel = z
  .object({
    name: z.string().min(1, 'a model name cannot be empty').max(LIMITS.idLength),
    source: z.string().max(LIMITS.modelSource),
    parsed: z
      .object({
        params: z.record(z.string(), z.object({ dim: z.string().max(LIMITS.stringLength), default: z.number().optional() }).strict()),
        inputs: z.record(z.string(), z.string().max(LIMITS.stringLength)),
        states: z.record(z.string(), z.string().max(LIMITS.stringLength)),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CustomModel = z.infer<typeof CustomModel>;

export const Meta = z
  .object({
    title: z.string().max(LIMITS.stringLength).optional(),
    description: z.string().max(10_000).optional(),
  })
  .strict();

export const Document = z
  .object({
    meta: Meta.optional(),
    simulation: Simulation.default({ dt: '0.1 ms', duration: '500 ms', seed: 42, backend: 'auto' }),
    nodes: z.array(Node).max(LIMITS.nodes),
    wires: z.array(Wire).max(LIMITS.wires).default([]),
    training: Training.optional(),
    /** The user's own neuron models (absent when there are none, so such a file is a version 1 file). */
    customModels: z.array(CustomModel).max(LIMITS.customModels).optional(),
  })
  .strict();
export type Document = z.infer<typeof Document>;
/** A document as written by hand: defaults may be omitted. */
export type DocumentInput = z.input<typeof Document>;

/** Find a node by id. */
export function nodeById(doc: Document, id: string): Node | undefined {
  return doc.nodes.find((n) => n.id === id);
}
