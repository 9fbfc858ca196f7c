/**
 * After a run: which populations never fired, and which fired at the ceiling (one spike per
 * step, or one per refractory period), with the likely cause from the IR — R·I far below the
 * rheobase (the tutorial's R = 1 Ω), inhibition outweighing excitation, nothing driving it, or a
 * time step too large for the neuron. Computed from spike counts only, so the worker can tally
 * them from its streamed batches and the CLI from its results.
 */
import type { Diagnosis } from '../../shared/diagnosis';
import type { MonitorBatch, RunResults } from '../../shared/results';
import { formatQuantity } from '../../shared/units';
import type { NetworkIR, PopulationIR, ValueIR } from '../ir';
import { driveCeiling, isDeliberatelySilent, thresholdFix } from '../build/threshold';
import { rheobase as rheobaseOf } from '../../shared/catalog/thresholdFacts';
import { valueRange } from '../build/values';
import { groupDigits } from '../../shared/groupDigits';

const MS_PER_S = 1000;
/**
 * Fewer spikes than this per neuron over the whole run counts as silent: the tutorial's E/I
 * network at R = 1 Ω gives 1 spike in 500 ms from 400 neurons, all from initial voltages above
 * threshold, and a student would call that "nothing happens".
 */
const SILENT_SPIKES_PER_NEURON = 0.01;
/** A population within this fraction of its ceiling rate counts as saturated. */
const SATURATED_FRACTION = 0.9;
/** dt must resolve the membrane time constant this many times (as the build's dt check). */
const STEPS_PER_TIME_CONSTANT = 10;

const lo = (v: ValueIR | undefined): number | undefined => (v === undefined ? undefined : valueRange(v)[0]);

/** Spikes per population id, summed over a run's batches (each population counted once, whichever monitors saw it). */
export class SpikeTally {
  readonly counts = new Map<string, number>();
  private readonly source = new Map<string, string>();

  add(batch: MonitorBatch): void {
    for (const s of batch.spikes) this.count(s.population, s.monitor, s.steps.length);
    for (const c of batch.counts) {
      let n = 0;
      for (let i = 0; i < c.counts.length; i++) n += c.counts[i];
      this.count(c.population, c.monitor, n);
    }
  }

  private count(population: string, monitor: string, n: number): void {
    const first = this.source.get(population);
    if (first !== undefined && first !== monitor) return;
    this.source.set(population, monitor);
    this.counts.set(population, (this.counts.get(population) ?? 0) + n);
  }

  static of(results: RunResults): SpikeTally {
    const t = new SpikeTally();
    t.add({ fromStep: 0, toStep: results.steps, spikes: results.spikes, traces: [], counts: results.counts });
    return t;
  }
}

/** Steps a neuron of `pop` must wait between spikes at least (1 without a refractory period). */
function minStepsBetween(pop: PopulationIR, dt: number): number {
  const ref = lo(pop.params.tau_ref) ?? 0;
  return ref > 0 ? Math.ceil(ref / dt - 1e-9) + 1 : 1;
}

/** Why `pop` stayed silent, or null when it never fires by design (see isDeliberatelySilent). */
function silentCause(ir: NetworkIR, pop: PopulationIR, spikes: number): { cause: string; message: string } | null {
  const id = pop.id;
  const never = spikes === 0 ? 'never fired' : `almost never fired (${spikes} spike${spikes === 1 ? '' : 's'} from ${groupDigits(pop.size)} neurons in ${formatQuantity(ir.duration, 'time')})`;
  if (pop.model === 'Poisson') return { cause: 'rate is zero', message: `"${id}" ${never}: its rate is 0 Hz (or too low to give a spike in ${formatQuantity(ir.duration, 'time')}). Raise params.rate.` };
  if (pop.family === 'source') return { cause: 'no spike times', message: `"${id}" ${never}: none of its listed spike times fall inside the run.` };
  const inputs = ir.inputs.filter((i) => i.target === pop.index);
  const incoming = ir.projections.filter((p) => p.post === pop.index);
  if (inputs.length === 0 && incoming.length === 0) {
    return { cause: 'nothing drives it', message: `"${id}" ${never}: nothing drives it. Wire an input or a projection into it.` };
  }
  const ceiling = driveCeiling(pop, ir.inputs, ir.projections, ir.synapseGroups, ir.populations, ir.dt, ir.duration);
  if (ceiling && ceiling.reach < ceiling.gap) {
    if (isDeliberatelySilent(ceiling, pop, ir.projections)) return null;
    const rheobase = formatQuantity(rheobaseOf(ceiling.gap, ceiling.rMax), 'current');
    const initial = spikes > 0 ? ' (any spike came from an initial V above threshold)' : '';
    return {
      cause: 'R·I far below rheobase',
      message: `"${id}" ${never}: even its strongest input lifts V only ${formatQuantity(ceiling.reach, 'voltage')} above V_rest, but it needs ${formatQuantity(ceiling.gap, 'voltage')} (${ceiling.formula}) with R = ${formatQuantity(ceiling.rMax, 'resistance')}${initial}. The rheobase is ${rheobase}: ${thresholdFix(ceiling)}.`,
    };
  }
  const inhibitory = incoming.filter((p) => (lo(p.weight) ?? 0) < 0 || (ir.synapseGroups[p.group]?.output.params.E ?? 0) < (lo(pop.params.V_rest) ?? -Infinity));
  if (inhibitory.length > 0) {
    return {
      cause: 'inhibition dominating',
      message: `"${id}" ${never}: its input could reach threshold, but inhibition through ${inhibitory.map((p) => `"${p.id}"`).join(', ')} likely holds it down. Weaken the inhibitory weights or strengthen the excitation.`,
    };
  }
  return { cause: 'input too weak in this run', message: `"${id}" ${never}: its input stayed below threshold during this run (its presynaptic populations may have been silent). Strengthen the input or the weights.` };
}

function saturatedCause(ir: NetworkIR, pop: PopulationIR, rateHz: number, ceilingHz: number): { cause: string; message: string } {
  const id = pop.id;
  const at = `"${id}" fired at ${rateHz.toFixed(0)} Hz, the most it can (${ceilingHz.toFixed(0)} Hz`;
  const tau = lo(pop.params.tau);
  if (pop.family === 'source') return { cause: 'rate at the ceiling', message: `${at}: one spike per step). Its rate asks for more spikes than steps; lower the rate or dt.` };
  if (tau !== undefined && ir.dt > tau / STEPS_PER_TIME_CONSTANT) {
    return { cause: 'dt too large', message: `${at}). dt = ${formatQuantity(ir.dt, 'time')} is too coarse for tau = ${formatQuantity(tau, 'time')}: V jumps past threshold every step. Use dt ≤ ${formatQuantity(tau / STEPS_PER_TIME_CONSTANT, 'time')}.` };
  }
  const limit = minStepsBetween(pop, ir.dt) > 1 ? 'only the refractory period limits it' : 'it spikes at every time step';
  return { cause: 'input far above threshold', message: `${at}): ${limit}. Its input is far above threshold — lower the input or the weights (or check R's unit).` };
}

/** Causes that follow from the network alone, true however long it had run. */
const CERTAIN_CAUSES: ReadonlySet<string> = new Set(['R·I far below rheobase', 'nothing drives it']);

/**
 * Findings for every neuron or source population whose spikes were counted, in population order.
 * A run stopped early only gets the findings the network decides by itself (a population that
 * could never fire): silence after a few steps says nothing about the rest.
 */
export function diagnoseRun(ir: NetworkIR, counts: ReadonlyMap<string, number>, stepsRun: number, stopped = false): Diagnosis[] {
  const out: Diagnosis[] = [];
  const seconds = (stepsRun * ir.dt) / MS_PER_S;
  if (!(seconds > 0)) return out;
  for (const pop of ir.populations) {
    const spikes = counts.get(pop.id);
    if (spikes === undefined) continue; // not recorded: nothing to say
    const rateHz = spikes / (pop.size * seconds);
    const ceilingHz = MS_PER_S / (minStepsBetween(pop, ir.dt) * ir.dt);
    if (spikes < Math.max(1, SILENT_SPIKES_PER_NEURON * pop.size)) {
      const cause = silentCause(ir, pop, spikes);
      if (cause !== null) out.push({ code: 'silent', nodeId: pop.id, rateHz, ceilingHz, ...cause });
    } else if (rateHz >= SATURATED_FRACTION * ceilingHz) out.push({ code: 'saturated', nodeId: pop.id, rateHz, ceilingHz, ...saturatedCause(ir, pop, rateHz, ceilingHz) });
  }
  return stopped ? out.filter((d) => CERTAIN_CAUSES.has(d.cause)) : out;
}
