/**
 * The typed instance's side of the fused WebAssembly driver (fused.ts): whether the network's
 * structure lets it step, the driver's view of the projections and monitors, the inputs summed as
 * the per-step loop would sum them, and the spikes it records handed to the monitors.
 */
import { FusedDriver, type FusedProjection, fusedStepsEnabled } from './fused';
import type { CountRecorder, SpikeRecorder } from './monitors';
import { type PopRuntime, sumInputs } from './runtime';
import type { StepNetwork } from './stepLoop';
import type { InstanceArena } from './arena';

/** Whether the network's structure allows the fused driver (its kernels are checked per chunk). */
function fusable(net: StepNetwork): boolean {
  const extra = net.stepped.length + net.deltaGroups.length + net.plastic.length + net.earlyRecs.length + net.jumped.length;
  return extra === 0 && net.stateRecs.every((r) => r.source !== null) && net.projs.every((p) => !p.shortTerm && !p.stdp && !p.group.arrivals);
}

export class FusedRunner {
  private readonly projs: FusedProjection[];
  /** Populations whose spikes a monitor needs, by population index. */
  private readonly recorded: boolean[];
  /**
   * The driver's table and the summed inputs hold the network as it is for steps before this one,
   * so a stretch starting there needs no prepare (0: prepare first). Set by a prepare to the next
   * step at which an input may change (Infinity when none varies), cleared when the per-step loop
   * runs steps or a parameter changes (invalidate). The instance runs a chunk in slices of ~2 ms
   * (slices.ts), and filling the table each time (a configuration key per generated kernel, a
   * closure per population) cost 1.5-2 % of brunel-sr's run in the profile; summing a step
   * input's per-neuron current again at every slice, and V8 optimising that code on its
   * background threads during the run, cost coba-4k more (its 10 ms kick changes twice).
   */
  private readyUntil = 0;
  /** Per population index, where the sink gathers a recorded population's spikes (null: not recorded). */
  private readonly split: (SpikeSplit | null)[];

  private constructor(private readonly driver: FusedDriver, private readonly net: StepNetwork) {
    const pops = net.pops;
    this.recorded = pops.map((pop) => [...net.spikeRecs, ...net.countRecs].some((r) => r.source === pop));
    this.split = this.recorded.map((r) => (r ? new SpikeSplit() : null));
    this.projs = net.projs.map((proj) => ({
      preIndex: pops.indexOf(proj.pre), csr: proj.csr, col: proj.wasmCol, target: proj.group.input, delaySteps: proj.ir.delaySteps, ring: proj.group, postSize: proj.post.size,
      get weight() { return proj.weight; }, get weights() { return proj.weights; },
    }));
  }

  /** A runner for `net` when its arena has room for the fused driver and its structure allows it, else null. */
  static create(arena: InstanceArena | null, net: StepNetwork): FusedRunner | null {
    if (!arena?.fused || !fusable(net)) return null;
    const driver = FusedDriver.create(arena.arena, net.pops.length, net.projs.length, arena.capacity, net.stateRecs.map((r) => ({
      source: r.source as Float64Array, neurons: r.neurons, every: r.every, append: (steps, values) => r.append(steps, values),
    })));
    return driver ? new FusedRunner(driver, net) : null;
  }

  /** Steps the driver has run. */
  get stepsRun(): number {
    return this.driver.stepsRun;
  }

  /**
   * Steps from s towards `to` in WebAssembly, in stretches over which every input is constant (a
   * step input changes twice). Returns the step reached: s when the driver cannot step now (a
   * kernel or input it cannot take, or a record buffer too small for one step).
   */
  run(s: number, to: number): number {
    let at = s;
    while (at < to) {
      const until = this.prepare(at, to);
      if (until <= at) break;
      const reached = this.driver.run(at, until, this.net.pops as PopRuntime[], this.sink);
      if (reached === at) break;
      at = reached;
    }
    // the per-step loop takes over from here, and moves state the table does not follow
    if (at < to) this.readyUntil = 0;
    return at;
  }

  /** Something the table was filled from changed (a live parameter, a weight, an input): fill it again before the next stretch. */
  invalidate(): void {
    this.readyUntil = 0;
  }

  /**
   * Ready the driver for step s: inputs summed as the per-step loop would sum them at s, every
   * kernel and array in place. Returns the step (at most `to`) up to which the inputs stay as
   * summed, or s when the driver cannot step now.
   */
  private prepare(s: number, to: number): number {
    if (s < this.readyUntil && fusedStepsEnabled()) return Math.min(to, this.readyUntil);
    // the first step after s at which some input may change
    let change = Infinity;
    const pops = this.net.pops;
    for (const pop of pops) {
      if (!pop.inputsVary) continue;
      for (const input of pop.inputs) {
        const next = input.kernel.timeVarying ? input.kernel.nextChange?.(s) : Infinity;
        if (next === undefined) return s;
        change = Math.min(change, next);
      }
    }
    if (!this.driver.prepare(pops, this.projs, this.recorded)) return s;
    for (const pop of pops) if (pop.inputsDirty || pop.inputsVary) sumInputs(pop, s);
    this.readyUntil = change;
    return Math.min(to, change);
  }

  /**
   * Recorded spikes of the driver, into the monitors: the triples split by population in one
   * pass, then each recorder takes its population's steps and neurons. (Each recorder scanned
   * every triple twice before, 13 passes on the bench's brunel-sr with its four recorders:
   * 3.6 % of the run's profile, under load. Replaying brunel-sr-like calls, 64 steps of
   * 200/340/85 spikes, through the sink: 11.2 -> 5.7 ms per 800,000 triples, best of 30;
   * one pass that looked up the population per triple was slower than before, 18.4 ms.)
   * The per-triple loop is SpikeSplit.take, small on purpose: V8 optimises it during the run on
   * a background thread, and when the loop, its growth and the recorders were one function here
   * that compile took 12-18 ms of a 60 ms coba-4k run (node --trace-opt, loaded machine).
   */
  private readonly sink = (triples: Int32Array, count: number): void => {
    const split = this.split;
    // no population gets more than `count` entries: room for them all, once per call
    for (const part of split) if (part) part.begin(count);
    // net_run records population by population within a step: copy whole runs of one population
    const end = 3 * count;
    for (let e = 0; e < end;) e = (split[triples[e]] as SpikeSplit).take(triples, e, end);
    const pops = this.net.pops;
    for (const r of this.net.spikeRecs as SpikeRecorder[]) {
      const part = split[pops.indexOf(r.source as PopRuntime)] as SpikeSplit;
      r.appendSpikes(part.steps, part.ids, part.n);
    }
    for (const r of this.net.countRecs as CountRecorder[]) {
      const part = split[pops.indexOf(r.source as PopRuntime)] as SpikeSplit;
      r.addSpikes(part.steps, part.n);
    }
  };
}

/** One recorded population's spikes of one driver call: steps and neurons, n of them. */
class SpikeSplit {
  steps = new Int32Array(1024);
  ids = new Int32Array(1024);
  n = 0;

  /** Empty, with room for `count` entries. */
  begin(count: number): void {
    this.n = 0;
    if (count <= this.steps.length) return;
    let cap = 2 * this.steps.length;
    while (cap < count) cap *= 2;
    this.steps = new Int32Array(cap);
    this.ids = new Int32Array(cap);
  }

  /** The run of triples from index e (before `end`) of e's population: its steps and neurons appended; returns the index after it. */
  take(triples: Int32Array, e: number, end: number): number {
    const k = triples[e];
    const { steps, ids } = this;
    let n = this.n;
    do {
      steps[n] = triples[e + 1];
      ids[n++] = triples[e + 2];
      e += 3;
    } while (e < end && triples[e] === k);
    this.n = n;
    return e;
  }
}
