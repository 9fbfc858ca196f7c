/**
 * A lesson: a short sequence of steps over one project, written by a teacher as a text file
 * (`resources/lessons/*.lesson.md`, format in docs/lesson-format.md) and parsed by parseLesson.
 * Plain serialisable records, like the document: the app, the CLI and the tests read the same ones.
 */
import type { ValueSpec } from '../document';
import type { DimensionName } from '../units';

/** Where the lesson's project comes from: a bundled example by file name, or a document written inline. */
export type LessonProject = { readonly kind: 'example'; readonly name: string } | { readonly kind: 'inline'; readonly document: unknown };

/** One change a step makes to the open project (set up, or its "show me" solution). */
export type LessonEdit =
  /** Replace the project with another (a bundled example or an inline document). */
  | { readonly type: 'load'; readonly project: LessonProject; readonly line: number }
  /** Set one field of a node: `field` as the inspector names it ("params.R", "weight", "synapse.tau", "size"). */
  | { readonly type: 'set'; readonly node: string; readonly field: string; readonly value: ValueSpec; readonly line: number }
  /** Change run settings ("duration", "dt", "seed"). */
  | { readonly type: 'simulation'; readonly values: Readonly<Record<string, string | number>>; readonly line: number }
  /** Add a node (a document node record, position optional). */
  | { readonly type: 'add'; readonly node: Readonly<Record<string, unknown>>; readonly line: number }
  | { readonly type: 'remove'; readonly node: string; readonly line: number }
  | { readonly type: 'wire'; readonly from: string; readonly to: string; readonly line: number }
  | { readonly type: 'unwire'; readonly from: string; readonly to: string; readonly line: number };

/** A bound of a check, as written ("60 Hz") and in the check's internal unit. */
export interface Bound {
  readonly text: string;
  readonly value: number;
}

/** Inclusive range a measured value must fall in; either end may be open. */
export interface CheckRange {
  /** Dimension of the bounds (their values are in its internal unit: Hz, nA, ms, mV, ...). */
  readonly dim: DimensionName;
  readonly min?: Bound;
  readonly max?: Bound;
}

/** What a check measures. Results kinds need a run; document kinds read the open project. */
export const RESULT_CHECKS = {
  rate: 'mean firing rate of a population (Hz)',
  spikes: 'number of spikes of a population',
  cv: 'mean ISI coefficient of variation of a population',
  rheobase: 'rheobase of an F-I sweep: the input halfway between the strongest silent and the weakest firing neuron',
  'peak-frequency': 'frequency of the largest peak of the population rate spectrum (Hz)',
  'first-spike': 'time of the first spike of a population (ms)',
  latency: 'mean time of the spikes of a population within a repeated period (period:), e.g. within each presentation of a pattern (ms)',
  'trace-max': 'largest recorded value of a state variable of a population (e.g. V, mV)',
  'trace-min': 'smallest recorded value of a state variable of a population',
} as const;
export const DOCUMENT_CHECKS = {
  param: 'a field of a node in the project (e.g. params.R of "neuron")',
  wire: 'a wire from one node to another exists',
  node: 'a node exists (with a given kind or model)',
} as const;

export type ResultCheckKind = keyof typeof RESULT_CHECKS;
export type DocumentCheckKind = keyof typeof DOCUMENT_CHECKS;
export type CheckKind = ResultCheckKind | DocumentCheckKind;

export type LessonCheck =
  | {
      readonly kind: ResultCheckKind;
      /** Population measured. */
      readonly population: string;
      readonly range: CheckRange;
      /** State variable for trace-max / trace-min (default "V"). */
      readonly variable?: string;
      /** Spikes before this time (ms) are left out of rate, cv, peak-frequency and latency (a transient). */
      readonly fromMs?: number;
      /** Spikes from this time (ms) on are left out of latency. */
      readonly toMs?: number;
      /** The repeat period (ms) latency measures within. */
      readonly periodMs?: number;
      readonly line: number;
    }
  | { readonly kind: 'param'; readonly node: string; readonly field: string; readonly range: CheckRange; readonly line: number }
  | { readonly kind: 'wire'; readonly from: string; readonly to: string; readonly line: number }
  | { readonly kind: 'node'; readonly node: string; readonly nodeKind?: string; readonly model?: string; readonly line: number };

/** One step: text, what it sets up, what it asks and checks, hints, and its solution. */
export interface LessonStep {
  readonly title: string;
  /** Markdown (with $math$ and links node:ID / field:ID#path). */
  readonly text: string;
  /** One sentence saying what the student should do; none for a step that only explains. */
  readonly ask?: string;
  /** Applied when the student first enters the step. */
  readonly setup: readonly LessonEdit[];
  /** All must pass for the step to pass; none: the step only explains. */
  readonly checks: readonly LessonCheck[];
  /** Shown one more after each wrong try. */
  readonly hints: readonly string[];
  /** "Show me": edits, then a run when `showRuns`. */
  readonly show: readonly LessonEdit[];
  readonly showRuns: boolean;
  /** Line of the step's header in the lesson file (1-based). */
  readonly line: number;
}

export interface Lesson {
  readonly title: string;
  /** One or two sentences for the lesson list. */
  readonly summary: string;
  readonly project: LessonProject;
  readonly steps: readonly LessonStep[];
}

/** A mistake in a lesson file, with the 1-based line it is on. */
export interface LessonError {
  readonly line: number;
  readonly message: string;
}

export type ParsedLesson = { readonly ok: true; readonly lesson: Lesson } | { readonly ok: false; readonly errors: readonly LessonError[] };

/** Whether a check needs a run's results (else it reads the document). */
export function needsResults(check: LessonCheck): boolean {
  return Object.hasOwn(RESULT_CHECKS, check.kind);
}
