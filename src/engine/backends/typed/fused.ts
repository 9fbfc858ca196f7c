/**
 * The fused driver of the typed backend: when a whole network is populations of spec models
 * whose step is generated from the spec (LIF, LIFRef, HH, ...: wasmgen/, net_run calls it
 * through lif.wat's table, at most two synapse groups each) and Poisson sources, joined by
 * plain Expon projections without plasticity (with or without delays), its inputs are constant
 * (or piecewise constant: the instance runs up to the next change), and its monitors record
 * spikes, rates or V, one WebAssembly call (net_run in wasm/lif.wat) steps it for a whole
 * chunk; state monitors of V sample into WebAssembly buffers too. It does what TypedInstance.run does for such a network, in the same order
 * with the same IEEE operations, so spikes and state are bit-identical to the JavaScript driver
 * (test/engine/fused.test.ts); it exists because per-step JavaScript (and compiling it) cost
 * about as much as the neuron loops themselves on the 4000-neuron CUBA benchmark.
 *
 * The table it fills is documented at net_run. The instance checks, at every chunk, that the
 * network still qualifies (a parameter change can end that) and falls back to its own loop.
 */
import type { Csr } from '../../connectivity';
import type { Drive, PopulationKernel } from './kernels';
import { type WasmStepArgs, WasmArena } from './wasm';

const HEADER = 64;
const POP_BYTES = 160;
const PROJ_BYTES = 48;
const MON_BYTES = 48;
/** Samples (values) a state monitor's WebAssembly buffer holds, at most; at least one step's. */
const MON_SAMPLES = 1 << 18;
/** Population kinds of net_run's table (3 + j: the generated step in entry j of table "gen"). */
const KIND = { poisson: 2 } as const;

let enabled = true;
let capacityOverride: number | null = null;

/**
 * Switch the fused driver on or off for instances made from now on (tests compare it with the
 * per-step driver). Off, an instance's WebAssembly memory holds neuron state only, so its
 * propagation runs in JavaScript too.
 */
export function useFusedSteps(on: boolean): void {
  enabled = on;
}

/** Entries of the spike record buffer of drivers made from now on (tests force early returns); null = default. */
export function setFusedRecordCapacity(entries: number | null): void {
  capacityOverride = entries;
}

export function fusedStepsEnabled(): boolean {
  return enabled;
}

/** A synapse group's delay ring buffer: `slots` rows of post-size values (empty: no delays). */
export interface DelayRing {
  readonly delayed: Float64Array;
  readonly slots: number;
}

export interface FusedPopulation {
  readonly kernel: PopulationKernel;
  readonly drive: Drive;
  /** The population's synapse groups, in the order of drive.groups. */
  readonly groups: readonly DelayRing[];
  readonly spikes: Int32Array;
  spikeCount: number;
}

export interface FusedProjection {
  /** Index of the pre population. */
  readonly preIndex: number;
  readonly csr: Csr;
  /** The column indices WebAssembly reads: i32, or u16 ($propagate's $narrow). */
  readonly col: Int32Array | Uint16Array;
  readonly weight: number;
  readonly weights: Float32Array | Float64Array | null;
  /** Where undelayed increments go (the group's g). */
  readonly target: Float64Array;
  readonly delaySteps: number;
  /** The group's ring buffer, where delayed increments go. */
  readonly ring: DelayRing;
  /** Post population size (one ring row). */
  readonly postSize: number;
}

/** Takes the recorded spikes: `count` (population index, step, neuron) triples in step order. */
export type SpikeSink = (triples: Int32Array, count: number) => void;

/** A state monitor the fused driver samples: one f64 array in the arena (V), these neurons, every `every` steps. */
export interface FusedStateMonitor {
  readonly source: Float64Array;
  readonly neurons: Int32Array;
  readonly every: number;
  /** Takes `steps` sampled steps and their samples (neurons.length per step), in step order. */
  append(steps: Int32Array, values: Float32Array): void;
}

/** The arena buffers of one state monitor. */
interface MonitorSlot {
  readonly mon: FusedStateMonitor;
  readonly neurons: Int32Array;
  readonly values: Float32Array;
  readonly steps: Int32Array;
  readonly capacity: number;
}

/** Steps of samples a monitor of `count` neurons buffers per call. */
function monitorCapacity(count: number): number {
  return Math.max(1, Math.floor(MON_SAMPLES / Math.max(1, count)));
}

export class FusedDriver {
  private readonly table: number;
  private readonly i32: Int32Array;
  private readonly f64: Float64Array;
  private readonly records: Int32Array;
  private readonly slots: MonitorSlot[];
  /** Steps run so far (tests and diagnostics). */
  stepsRun = 0;

  private constructor(private readonly arena: WasmArena, private readonly nPops: number, private readonly nProjs: number, capacity: number,
    monitors: readonly FusedStateMonitor[]) {
    const bytes = HEADER + POP_BYTES * nPops + PROJ_BYTES * nProjs + MON_BYTES * monitors.length;
    this.i32 = arena.i32(bytes / 4);
    this.table = this.i32.byteOffset;
    this.f64 = new Float64Array(arena.buffer, this.table, bytes / 8);
    this.records = arena.i32(3 * capacity);
    this.i32[2] = this.records.byteOffset;
    this.i32[3] = capacity;
    this.slots = monitors.map((mon, k) => {
      const n = mon.neurons.length;
      const cap = monitorCapacity(n);
      const slot = { mon, neurons: arena.i32(n), values: arena.f32(cap * n), steps: arena.i32(cap), capacity: cap };
      slot.neurons.set(mon.neurons);
      const w = this.monEntry(k) / 4;
      this.i32.set([mon.source.byteOffset, slot.neurons.byteOffset, n, mon.every, slot.values.byteOffset, slot.steps.byteOffset, 0, 0, cap], w);
      return slot;
    });
    this.i32[6] = monitors.length;
    this.i32[7] = this.table + this.monEntry(0);
  }

  private monEntry(k: number): number {
    return HEADER + POP_BYTES * this.nPops + PROJ_BYTES * this.nProjs + MON_BYTES * k;
  }

  /** Record buffer entries for populations of `neurons` neurons in all: room for two full steps at least. */
  static capacity(neurons: number): number {
    return capacityOverride ?? Math.max(2 * neurons, 1 << 16);
  }

  /**
   * Arena bytes of a driver for this many populations, projections and record entries, and
   * state monitors of these neuron counts.
   */
  static bytes(nPops: number, nProjs: number, capacity: number, monitorSizes: readonly number[] = []): number {
    const monitors = monitorSizes.map((n) => WasmArena.size(4 * n, 4 * n * monitorCapacity(n), 4 * monitorCapacity(n)));
    return WasmArena.size(HEADER + POP_BYTES * nPops + PROJ_BYTES * nProjs + MON_BYTES * monitorSizes.length, 12 * capacity) + monitors.reduce((a, b) => a + b, 0);
  }

  static create(arena: WasmArena, nPops: number, nProjs: number, capacity: number, monitors: readonly FusedStateMonitor[] = []): FusedDriver | null {
    if (monitors.some((m) => !arena.holds(m.source) || !(m.every >= 1))) return null;
    const sizes = monitors.map((m) => m.neurons.length);
    return arena.free >= FusedDriver.bytes(nPops, nProjs, capacity, sizes) ? new FusedDriver(arena, nPops, nProjs, capacity, monitors) : null;
  }

  private popEntry(k: number): number {
    return HEADER + POP_BYTES * k;
  }

  /**
   * Fill the table for the next chunk; false when some population or projection cannot run
   * fused now (its arrays are not all in the arena, or its kernel is off the fast loop).
   */
  prepare(pops: readonly FusedPopulation[], projs: readonly FusedProjection[], recorded: readonly boolean[]): boolean {
    if (!enabled) return false;
    const args: WasmStepArgs[] = [];
    for (const pop of pops) {
      const a = pop.kernel.wasmStep?.(this.arena, pop.drive, pop.spikes) ?? null;
      if (!a) return false;
      if (pop.groups.some((g) => g.delayed.length > 0 && !this.arena.holds(g.delayed))) return false;
      args.push(a);
    }
    for (const proj of projs) {
      if (!this.arena.holds(proj.col) || !this.arena.holds(proj.csr.rowPtr) || !this.arena.holds(proj.target)) return false;
      if (proj.delaySteps > 0 && !this.arena.holds(proj.ring.delayed)) return false;
      if (proj.weights && !(proj.weights instanceof Float32Array && this.arena.holds(proj.weights))) return false;
    }
    const { i32, f64 } = this;
    i32[0] = this.nPops;
    i32[1] = this.nProjs;
    i32[4] = 0;
    let most = 0;
    args.forEach((a, k) => {
      const at = this.popEntry(k);
      const w = at / 4;
      i32.fill(0, w, w + POP_BYTES / 4);
      if (a.kind === 'generated') {
        a.fill(i32, f64, at);
        i32[w + 7] = pops[k].spikeCount;
        i32[w + 10] = recorded[k] ? 1 : 0;
        i32[w + 11] = a.netKind;
        pops[k].groups.forEach((g, j) => {
          if (g.delayed.length > 0) i32.set([g.delayed.byteOffset, g.slots], w + 35 + 2 * j);
        });
      } else {
        i32.set([a.n, 0, 0, 0, 0, 0, a.pSpikes, pops[k].spikeCount, 0, 0, recorded[k] ? 1 : 0, KIND.poisson], w);
        i32.set([a.pProb, a.pState], w + 33);
      }
      if (recorded[k]) most += a.n;
    });
    i32[5] = most;
    projs.forEach((p, k) => {
      const at = HEADER + POP_BYTES * this.nPops + PROJ_BYTES * k;
      const delayed = p.delaySteps > 0;
      i32.set([this.table + this.popEntry(p.preIndex), p.csr.rowPtr.byteOffset, p.col.byteOffset, p.weights ? p.weights.byteOffset : 0,
        delayed ? p.ring.delayed.byteOffset : p.target.byteOffset, p.delaySteps], at / 4);
      f64[at / 8 + 3] = p.weight;
      i32.set([delayed ? p.ring.slots : 0, p.postSize, p.col instanceof Uint16Array ? 1 : 0], at / 4 + 8);
    });
    return true;
  }

  /**
   * Steps from `from` towards `to` (fewer when the record buffer fills up; call again), hands
   * the recorded spikes to `sink` and leaves each population's spike count in `pops`.
   * Returns the step reached.
   */
  run(from: number, to: number, pops: FusedPopulation[], sink: SpikeSink): number {
    const reached = this.arena.netRun(this.table, from, to);
    this.stepsRun += reached - from;
    const { i32, records } = this;
    for (let k = 0; k < pops.length; k++) pops[k].spikeCount = i32[this.popEntry(k) / 4 + 7];
    if (i32[4] > 0) sink(records, i32[4]);
    i32[4] = 0;
    this.slots.forEach((slot, k) => {
      const w = this.monEntry(k) / 4;
      const taken = i32[w + 7];
      if (taken === 0) return;
      slot.mon.append(slot.steps.subarray(0, taken), slot.values.subarray(0, taken * slot.neurons.length));
      i32[w + 7] = 0;
    });
    return reached;
  }
}
