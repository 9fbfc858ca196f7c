/**
 * The run's clock: dt, duration and the number of steps, checked before anything else uses
 * them. Every time in a document is finite by the time it gets here (parseQuantity refuses
 * "1e999 ms"), but a finite duration can still ask for 10^13 steps or for Infinity once
 * divided by a tiny dt; those are refused here, as are runs with no steps at all. A duration
 * that is not a whole number of steps is rounded and said so, never changed silently.
 */
import { LIMITS, type Simulation } from '../../shared/document';
import { formatQuantity } from '../../shared/units';
import { BuildContext, type NodeReporter } from './context';
import { quantity } from './values';
import { groupDigits } from '../../shared/groupDigits';

/** Relative slack when asking whether duration / dt is a whole number (500 / 0.1 = 5000.000000000001). */
const WHOLE_STEPS_TOLERANCE = 1e-9;

export interface RunClock {
  /** ms, or undefined when dt itself is unusable (reported). */
  readonly dt: number | undefined;
  /** ms, or undefined when unusable (reported). */
  readonly duration: number | undefined;
  /** Whole steps the run takes; 0 when dt or duration is unusable. */
  readonly steps: number;
}

/** A time shown to people: prefixed units, or an exponent when no prefix fits (1e-320 ms). */
export function showTime(ms: number): string {
  const text = formatQuantity(ms, 'time');
  return ms !== 0 && (Math.abs(ms) < 1e-12 || Math.abs(ms) > 1e15 || /^0 /.test(text)) ? `${ms.toExponential(3)} ms` : text;
}

/** dt, duration (or the caller's override of it) and steps, every problem reported under simulation.*. */
export function runClock(sim: Simulation, durationOverride: number | undefined, pre: BuildContext): RunClock {
  const simReport: NodeReporter = (code, field, message, severity) => pre.report(code, `simulation.${field}`, message, undefined, field, severity);
  let dt = quantity(sim.dt, 'time', 'dt', (c, f, m) => simReport(c === 'wrong_dimension' ? c : 'bad_dt', f, m));
  if (dt !== undefined && !(dt > 0)) {
    simReport('bad_dt', 'dt', `dt must be greater than zero (got ${showTime(dt)}).`);
    dt = undefined;
  }
  let duration = durationOverride ?? quantity(sim.duration, 'time', 'duration', (c, f, m) => simReport(c === 'wrong_dimension' ? c : 'bad_duration', f, m));
  if (duration !== undefined && !(duration > 0 && Number.isFinite(duration))) {
    simReport('bad_duration', 'duration', `duration must be a finite time greater than zero (got ${showTime(duration)}).`);
    duration = undefined;
  }
  if (dt === undefined || duration === undefined) return { dt, duration, steps: 0 };
  if (dt >= duration) {
    simReport('bad_duration', 'duration',
      `duration = ${showTime(duration)} is not longer than dt = ${showTime(dt)}, so the run would have ${dt === duration ? 'a single step' : 'no step at all'}. Make the duration many times dt (e.g. dt "0.1 ms", duration "500 ms").`);
    return { dt, duration: undefined, steps: 0 };
  }
  const exact = duration / dt;
  if (!(exact <= LIMITS.steps)) {
    simReport('bad_duration', 'duration',
      `duration / dt = ${exact.toExponential(2)} steps, more than the ${groupDigits(LIMITS.steps)} one run can take (${showTime(LIMITS.steps * dt)} at dt = ${showTime(dt)}). Shorten the duration or use a larger dt.`);
    return { dt, duration: undefined, steps: 0 };
  }
  const steps = Math.round(exact);
  if (Math.abs(exact - steps) > WHOLE_STEPS_TOLERANCE * Math.max(1, exact)) {
    simReport('bad_duration', 'duration',
      `duration = ${showTime(duration)} is not a whole number of steps of dt = ${showTime(dt)}; the run takes ${groupDigits(steps)} steps, which is ${showTime(steps * dt)}. Make the duration a multiple of dt to simulate exactly what you asked for.`,
      'warning');
  }
  return { dt, duration, steps };
}
