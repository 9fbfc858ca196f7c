/**
 * A lesson step's checks evaluated against the open project and the last run's results, each
 * with a verdict a student can read ("E fires at 4.2 Hz; expected between 2 Hz and 30 Hz"). The
 * app's lesson panel and `snn lesson check` use this one evaluator, so a lesson that passes in
 * CI passes in front of the class.
 */
import type { Document } from '../document';
import type { RunResults, SpikeTrain } from '../results';
import { formatQuantity, parseQuantity, type DimensionName } from '../units';
import { needsResults, type CheckRange, type LessonCheck } from './types';
import { fieldValue } from './applyEdits';
import { fiCurve, isiCv, rateSpectrum, spikesPerStep, sweepOf, trainsByPopulation } from '../analysis';

export interface CheckVerdict {
  readonly pass: boolean;
  /** One sentence: what was measured, against what was expected. */
  readonly text: string;
  /** The check's line in the lesson file. */
  readonly line: number;
}

/** The run a check looks at: its results and the document that produced them. */
export interface LessonRun {
  readonly results: RunResults;
  readonly document: Document;
}

const MS_PER_S = 1000;

function fmt(value: number, dim: DimensionName): string {
  return dim === 'dimensionless' ? String(Number(value.toPrecision(3))) : formatQuantity(value, dim, 3);
}

function expected(r: CheckRange): string {
  if (r.min && r.max) return r.min.value === r.max.value ? `expected ${r.min.text}` : `expected between ${r.min.text} and ${r.max.text}`;
  if (r.min) return `expected at least ${r.min.text}`;
  return `expected at most ${r.max?.text ?? '?'}`;
}

const LEADING_NUMBER = /^\s*[+\-\u2212]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*/i;

/**
 * A measured value in the unit the lesson wrote its bound in ("0.09 /ms" against "expected
 * 0.09 /ms", not "90 Hz"), else in the dimension's usual unit.
 */
function fmtLike(value: number, r: CheckRange): string {
  const text = (r.min ?? r.max)?.text ?? '';
  const unit = text.replace(LEADING_NUMBER, '').trim();
  const one = unit && r.dim !== 'dimensionless' ? parseQuantity(`1 ${unit}`, r.dim) : null;
  if (!one?.ok || one.value === 0) return fmt(value, r.dim);
  return `${Number((value / one.value).toPrecision(3))} ${unit}`;
}

/** Inclusive, with a relative slack of 1e-9 so "equals: 7" and a bound typed in other units compare as meant. */
function inRange(x: number, r: CheckRange): boolean {
  const eps = (b: number): number => 1e-9 * Math.max(1, Math.abs(b));
  return (r.min === undefined || x >= r.min.value - eps(r.min.value)) && (r.max === undefined || x <= r.max.value + eps(r.max.value));
}

function measured(check: LessonCheck & { range: CheckRange }, what: string, value: number, unit = ''): CheckVerdict {
  const pass = inRange(value, check.range);
  return { pass, text: `${what} ${fmtLike(value, check.range)}${unit}${pass ? ` (${expected(check.range)})` : `; ${expected(check.range)}`}.`, line: check.line };
}

/** Network structure only: positions, labels and run settings do not make a run stale. */
function structure(doc: Document): string {
  return JSON.stringify({ nodes: doc.nodes.map(({ position: _p, label: _l, ...rest }) => rest), wires: doc.wires });
}

/** The spikes of `population` from `fromStep` on, as a train of its own. */
function trainFrom(train: SpikeTrain, fromStep: number): SpikeTrain {
  if (fromStep <= 0) return train;
  const keep: number[] = [];
  for (let i = 0; i < train.steps.length; i++) if (train.steps[i] >= fromStep) keep.push(i);
  return { ...train, steps: Int32Array.from(keep, (i) => train.steps[i]), ids: Int32Array.from(keep, (i) => train.ids[i]) };
}

function resultCheck(check: Extract<LessonCheck, { population: string }>, run: LessonRun): CheckVerdict {
  const { results } = run;
  const pop = check.population;
  const fail = (text: string): CheckVerdict => ({ pass: false, text, line: check.line });
  if (check.kind === 'trace-max' || check.kind === 'trace-min') {
    const variable = check.variable ?? 'V';
    const trace = results.traces.find((t) => t.population === pop && t.variable === variable);
    if (!trace || trace.values.length === 0) return fail(`The run recorded no ${variable} of "${pop}": wire a state monitor recording ${variable} to it.`);
    let best = check.kind === 'trace-max' ? -Infinity : Infinity;
    for (const v of trace.values) best = check.kind === 'trace-max' ? Math.max(best, v) : Math.min(best, v);
    return measured(check, `The ${check.kind === 'trace-max' ? 'highest' : 'lowest'} ${variable} of "${pop}" was`, best);
  }
  const train = trainsByPopulation(results).find((t) => t.population === pop);
  if (!train) return fail(`The run recorded no spikes of "${pop}": is there a population "${pop}" with a spike monitor wired to it?`);
  const fromStep = check.fromMs !== undefined ? Math.round(check.fromMs / results.dt) : 0;
  const from = check.fromMs !== undefined ? ` after ${fmt(check.fromMs, 'time')}` : '';
  switch (check.kind) {
    case 'spikes':
      return measured(check, `"${pop}" fired`, train.steps.length, train.steps.length === 1 ? ' spike' : ' spikes');
    case 'rate': {
      const seconds = ((results.steps - fromStep) * results.dt) / MS_PER_S;
      if (seconds <= 0) return fail(`The run is shorter than ${fmt(check.fromMs ?? 0, 'time')}: nothing to measure the rate of "${pop}" on.`);
      return measured(check, `"${pop}" fires${from} at`, trainFrom(train, fromStep).steps.length / (train.size * seconds));
    }
    case 'cv': {
      const cv = isiCv(trainFrom(train, fromStep));
      if (cv === null) return fail(`No neuron of "${pop}" fired 3 spikes${from}, so its ISI CV is not defined; ${expected(check.range)}.`);
      return measured(check, `The ISI CV of "${pop}"${from} is`, cv);
    }
    case 'first-spike':
      if (train.steps.length === 0) return fail(`"${pop}" did not fire; ${expected(check.range)} for its first spike.`);
      return measured(check, `"${pop}" fired first at`, Math.min(...train.steps) * results.dt);
    case 'peak-frequency': {
      const perStep = spikesPerStep(trainFrom(train, fromStep), results.steps).subarray(fromStep);
      const scale = train.size > 0 ? MS_PER_S / (results.dt * train.size) : 0;
      const rate = Float64Array.from(perStep, (c) => c * scale);
      // The rate-spectrum plot's settings (shared), so the check and the plot report one peak.
      const peak = train.steps.length > 0 ? rateSpectrum(rate, results.dt).peakHz : null;
      if (peak === null) return fail(`"${pop}" did not fire${from}, so its rate has no spectrum peak; ${expected(check.range)}.`);
      return measured(check, `The population rate of "${pop}" peaks at`, peak);
    }
    case 'rheobase':
      return rheobase(check, run, train);
    case 'latency': {
      const period = check.periodMs ?? 0;
      const lo = check.fromMs ?? 0;
      const hi = check.toMs ?? Infinity;
      const within = Array.from(train.steps, (s) => s * results.dt).filter((t) => t >= lo && t < hi).map((t) => t % period);
      const span = `${check.fromMs !== undefined ? ` after ${fmt(lo, 'time')}` : ''}${check.toMs !== undefined ? `${check.fromMs !== undefined ? ' and' : ''} before ${fmt(hi, 'time')}` : ''}`;
      if (within.length === 0) return fail(`"${pop}" did not fire${span}, so it has no latency; ${expected(check.range)}.`);
      return measured(check, `"${pop}" fired${span} on average`, within.reduce((a, b) => a + b, 0) / within.length, ` into each ${fmt(period, 'time')} period`);
    }
  }
}

/** Rheobase of an F-I sweep: halfway between the strongest silent input and the weakest firing one. */
function rheobase(check: Extract<LessonCheck, { population: string }>, run: LessonRun, train: SpikeTrain): CheckVerdict {
  const fail = (text: string): CheckVerdict => ({ pass: false, text, line: check.line });
  const sweep = sweepOf(run.document, check.population, train.size);
  if (sweep.kind === 'random') return fail(`The amplitude of "${sweep.input}" is drawn at random, so the sweep's inputs are not known: use a linspace (0.5 nA … 5 nA).`);
  if (sweep.kind === 'unreadable') return fail(`The amplitude of "${sweep.input}" could not be read as a current per neuron.`);
  if (sweep.kind === 'no-input') return fail(`"${check.population}" has no constant input, so it has no F-I sweep.`);
  const curve = fiCurve(train, sweep.values, run.results.steps, run.results.dt);
  const k = curve.rateHz.findIndex((r) => r > 0);
  if (k < 0) return fail(`No neuron of "${check.population}" fired, so the rheobase is above the largest input, ${fmt(curve.input[curve.input.length - 1], 'current')}; ${expected(check.range)}.`);
  if (k === 0) return fail(`Every neuron of "${check.population}" fired, so the rheobase is below the smallest input, ${fmt(curve.input[0], 'current')}; ${expected(check.range)}.`);
  const estimate = (curve.input[k - 1] + curve.input[k]) / 2;
  return measured(check, `The rheobase of "${check.population}" (between ${fmt(curve.input[k - 1], 'current')}, silent, and ${fmt(curve.input[k], 'current')}, firing) is`, estimate);
}

function documentCheck(check: LessonCheck, doc: Document): CheckVerdict {
  const line = check.line;
  switch (check.kind) {
    case 'wire': {
      const pass = doc.wires.some((w) => w.from === check.from && w.to === check.to);
      return { pass, text: pass ? `"${check.from}" is wired to "${check.to}".` : `There is no wire from "${check.from}" to "${check.to}" yet.`, line };
    }
    case 'node': {
      const node = doc.nodes.find((n) => n.id === check.node);
      if (!node) return { pass: false, text: `There is no node "${check.node}" yet.`, line };
      if (check.nodeKind && node.kind !== check.nodeKind) return { pass: false, text: `"${check.node}" is a ${node.kind}; expected a ${check.nodeKind}.`, line };
      const model = 'model' in node ? node.model : undefined;
      if (check.model && model !== check.model) return { pass: false, text: `"${check.node}" uses ${model ?? 'no model'}; expected ${check.model}.`, line };
      return { pass: true, text: `"${check.node}" is there${check.model ? ` (${check.model})` : ''}.`, line };
    }
    case 'param': {
      const node = doc.nodes.find((n) => n.id === check.node);
      if (!node) return { pass: false, text: `There is no node "${check.node}" in the project.`, line };
      const raw = fieldValue(node, check.field);
      if (typeof raw !== 'string' && typeof raw !== 'number') return { pass: false, text: `${check.field} of "${check.node}" is ${raw === undefined ? 'not set (the model default applies)' : 'not a single value'}; ${expected(check.range)}.`, line };
      const q = parseQuantity(raw, check.range.dim);
      if (!q.ok) return { pass: false, text: `${check.field} of "${check.node}" is "${raw}": ${q.reason}`, line };
      return measured(check, `${check.field} of "${check.node}" is`, q.value);
    }
    default:
      return { pass: false, text: 'This check reads a run, not the document.', line };
  }
}

/**
 * Every check of a step, in order. Result checks need `run`, and a run of the project as it is
 * now: after an edit, the last run no longer says anything about it.
 */
export function evaluateChecks(checks: readonly LessonCheck[], doc: Document, run: LessonRun | null): CheckVerdict[] {
  const stale = run !== null && structure(run.document) !== structure(doc);
  return checks.map((check) => {
    if (!needsResults(check)) return documentCheck(check, doc);
    if (run === null) return { pass: false, text: 'Run the network (Run or F5) to check this.', line: check.line };
    if (stale) return { pass: false, text: 'The project changed since the last run: run it again to check.', line: check.line };
    return resultCheck(check as Extract<LessonCheck, { population: string }>, run);
  });
}
