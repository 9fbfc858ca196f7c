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
   * The driver's table holds the network as it is now, so the next stretch needs no prepare:
   * set after a prepare of a network whose inputs are constant, cleared when the per-step loop
   * runs steps or a parameter changes (invalidate). The instance runs a chunk in slices of ~2 ms
   * (slices.ts), and filling the table each time (a configuration key per generated kernel, a
   * closure per population) cost 1.5-2 % of brunel-sr's run in the profile.
   */
  private ready = false;
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
    if (at < to) this.ready = false;
    return at;
  }

  /** Something the table was filled from changed (a live parameter, a weight, an input): fill it again before the next stretch. */
  invalidate(): void {
    this.ready = false;
  }

  /**
   * Ready the driver for step s: inputs summed as the per-step loop would sum them at s, every
   * kernel and array in place. Returns the step (at most `to`) up to which the inputs stay as
   * summed, or s when the driver cannot step now.
   */
  private prepare(s: number, to: number): number {
    let until = to;
    const pops = this.net.pops;
    if (this.ready && fusedStepsEnabled()) return until;
    for (const pop of pops) {
      if (!pop.inputsVary) continue;
      for (const input of pop.inputs) {
        const next = input.kernel.timeVarying ? input.kernel.nextChange?.(s) : Infinity;
        if (next === undefined) return s;
        until = Math.min(until, next);
      }
    }
    if (!this.driver.prepare(pops, this.projs, this.recorded)) return s;
    for (const pop of pops) if (pop.inputsDirty || pop.inputsVary) sumInputs(pop, s);
    this.ready = pops.every((pop) => !pop.inputsVary);
    return until;
  }

  /**
   * Recorded spikes of the driver, into the monitors: the triples split by population in one
   * pass, then each recorder takes its population's steps and neurons. (Each recorder scanned
   * every triple twice before, 13 passes on the bench's brunel-sr with its four recorders:
   * 3.6 % of the run's profile, under load. Replaying brunel-sr-like calls, 64 steps of
   * 200/340/85 spikes, through the sink: 11.2 -> 5.7 ms per 800,000 triples, best of 30;
   * one pass that looked up the population per triple was slower than before, 18.4 ms.)
   */
  private readonly sink = (triples: Int32Array, count: number): void => {
    const split = this.split;
    for (const part of split) if (part) part.n = 0;
    // net_run records population by population within a step: copy whole runs of one population
    const end = 3 * count;
    for (let e = 0; e < end;) {
      const k = triples[e];
      let f = e + 3;
      while (f < end && triples[f] === k) f += 3;
      const part = split[k] as SpikeSplit;
      part.reserve((f - e) / 3);
      const { steps, ids } = part;
      let n = part.n;
      for (; e < f; e += 3) {
        steps[n] = triples[e + 1];
        ids[n++] = triples[e + 2];
      }
      part.n = n;
    }
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

  /** Room for `extra` more. */
  reserve(extra: number): void {
    if (this.n + extra <= this.steps.length) return;
    let cap = 2 * this.steps.length;
    while (cap < this.n + extra) cap *= 2;
    const steps = new Int32Array(cap);
    const ids = new Int32Array(cap);
    steps.set(this.steps.subarray(0, this.n));
    ids.set(this.ids.subarray(0, this.n));
    this.steps = steps;
    this.ids = ids;
  }
}
