/**
 * A network instantiated on typed arrays. Each step of `run` follows STEP_SCHEDULE
 * (src/engine/schedule.ts): spikes of the previous step -> propagate (event-driven, CSR rows of
 * spiking neurons only, into a delay ring buffer per synapse group) -> synapses + outputs ->
 * neurons (one fused loop per population) -> monitors. Nothing is allocated per step.
 */
import type { BackendInstance, Deadline, InstantiateHooks } from '../../backend';
import type { NetworkIR, PopulationIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../../ir';
import type { MonitorBatch } from '../../../shared/results';
import type { Csr } from '../../connectivity';
import { connectNetwork } from '../../connectNetwork';
import { streamFor } from '../../random';
import { isRandom, resolveValues32, scalarOf } from '../../values';
import { type Drive, type InputKernel, inputKernels, kernelFor, type KernelContext, type PopulationKernel, populationArenaBytesFor, populationKernelFor } from './kernels';
import { CountRecorder, type RecordSource, SpikeRecorder, StateRecorder } from './monitors';
import { delayBufferLength, type GroupRuntime, makeGroup, takeDelayed } from './synapseGroups';
import { type ShortTerm, shortTerm, Stdp } from './plasticity';
import { stateUnit } from '../../stateUnits';
import { WasmArena } from './wasm';
import { NARROW_COLUMNS } from './columns';
import { FusedDriver, type FusedProjection, fusedStepsEnabled } from './fused';
import { Slicer } from './slices';

interface PopRuntime extends RecordSource {
  readonly ir: PopulationIR;
  readonly kernel: PopulationKernel;
  readonly drive: Drive;
  readonly groups: GroupRuntime[];
  readonly inputs: { readonly id: string; readonly kernel: InputKernel }[];
  inputsVary: boolean;
  /** Cached constant inputs must be summed again (first step, or a parameter changed). */
  inputsDirty: boolean;
}

interface ProjRuntime {
  readonly ir: ProjectionIR;
  readonly csr: Csr;
  /** Weight of every synapse when `weights` is null (nA for CUBA, µS for COBA, mV for Delta). */
  weight: number;
  /** Per synapse; float64 under STDP so small changes accumulate without rounding. */
  weights: Float32Array | Float64Array | null;
  readonly pre: PopRuntime;
  readonly post: PopRuntime;
  readonly group: GroupRuntime;
  readonly shortTerm: ShortTerm | null;
  stdp: Stdp | null;
  /** Per-synapse float32 weights in the WebAssembly arena, when reserved there (fused driver). */
  readonly weightSlot: Float32Array | null;
  /** The arena holding this projection's CSR, pre spikes and targets: propagate in WebAssembly. */
  wasm: WasmArena | null;
  /** The column indices $propagate reads: csr.col, or a u16 copy in the arena (NARROW_COLUMNS). */
  readonly wasmCol: Int32Array | Uint16Array;
}



export class TypedInstance implements BackendInstance {
  readonly name = 'typed';
  readonly honoursDeadline = true;
  private stepsDone = 0;
  private readonly slicer = new Slicer();
  private readonly pops: PopRuntime[];
  private readonly projs: ProjRuntime[];
  private readonly plastic: ProjRuntime[] = [];
  /** Groups with a 'synapses' phase of their own (all but plain Expon). */
  private readonly stepped: GroupRuntime[] = [];
  /** Populations receiving Delta projections, whose jumps are cleared after each step. */
  private readonly jumped: PopRuntime[] = [];
  private readonly deltaGroups: GroupRuntime[] = [];
  private readonly spikeRecs: SpikeRecorder[] = [];
  private readonly countRecs: CountRecorder[] = [];
  private readonly stateRecs: StateRecorder[] = [];
  /** State recorders of synaptic g, which read it before the neuron loops decay it. */
  private readonly earlyRecs: StateRecorder[] = [];
  /** Every state recorder in monitor order (the order of traces in a batch). */
  private readonly allStateRecs: StateRecorder[] = [];

  /** Steps whole chunks in one WebAssembly call when the network allows it (see fused.ts). */
  private readonly fused: FusedDriver | null;
  private readonly fusedProjs: FusedProjection[] = [];
  /** Populations whose spikes a monitor needs, by population index (fused driver). */
  private readonly recorded: boolean[];

  constructor(private readonly ir: NetworkIR, hooks: InstantiateHooks = {}) {
    for (const p of ir.projections) {
      if (!Number.isInteger(p.delaySteps) || p.delaySteps < 0) throw new Error(`Projection "${p.id}" has a delay of ${p.delaySteps} steps; it must be a whole number >= 0.`);
    }
    const csrs = connectNetwork(ir, hooks.onProgress);
    hooks.onProgress?.({ phase: 'instantiation', fraction: 0, detail: `${ir.populations.length} populations` });
    const arena = this.makeArena(csrs);
    const ctx: KernelContext = { dt: ir.dt, seed: ir.seed, arena: arena?.arena ?? null, network: ir };
    this.pops = ir.populations.map((p) => {
      const kernel = populationKernelFor(p.model)(p, ctx);
      // In WebAssembly memory when the arena has room for it, so propagation from any population runs there.
      const spikes = kernel.hostSpikes?.() ?? (arena?.fused ? arena.arena.i32(p.size) : new Int32Array(p.size));
      const groups: GroupRuntime[] = [];
      return {
        id: p.id, size: p.size, ir: p, kernel, spikes, spikeCount: kernel.initialSpikes(spikes),
        drive: { iext: kernel.hostArray?.('iext') ?? new Float64Array(p.size), groups, current: null }, groups, inputs: [], inputsVary: false, inputsDirty: true,
      };
    });
    // Delay buffers go to WebAssembly memory only when it was sized for them (the full arena).
    const groupCtx: KernelContext = { ...ctx, arena: arena?.fused ? arena.arena : null };
    const groups = ir.synapseGroups.map((g) => this.makeGroup(g, groupCtx));
    this.projs = ir.projections.map((p, k) => this.makeProjection(p, groups[p.group], csrs[k], arena?.fused ? arena.arena : null));
    for (const proj of this.projs) if (proj.group.arrivals) proj.group.source = proj;
    for (const input of ir.inputs) {
      const pop = this.pops[input.target];
      const k = kernelFor(inputKernels, input.model, 'input model')(input, pop.size, pop.id, ctx);
      pop.inputs.push({ id: input.id, kernel: k });
      pop.inputsVary ||= k.timeVarying;
    }
    for (const m of ir.monitors) {
      const pop = this.pops[m.population];
      if (m.record === 'spikes') this.spikeRecs.push(new SpikeRecorder(m, pop));
      else if (m.record === 'rate') this.countRecs.push(new CountRecorder(m, pop));
      else {
        for (const v of m.variables) {
          const rec = new StateRecorder(m, pop.id, v, this.unitOf(pop, v), this.partsOf(pop, v));
          (v === 'g' ? this.earlyRecs : this.stateRecs).push(rec);
          this.allStateRecs.push(rec);
        }
      }
    }
    this.recorded = this.pops.map((pop) => [...this.spikeRecs, ...this.countRecs].some((r) => r.source === pop));
    this.fused = arena?.fused && this.fusable()
      ? FusedDriver.create(arena.arena, this.pops.length, this.projs.length, arena.capacity, this.stateRecs.map((r) => ({
        source: r.source as Float64Array, neurons: r.neurons, every: r.every, append: (steps, values) => r.append(steps, values),
      })))
      : null;
    if (this.fused) {
      for (const proj of this.projs) {
        const entry = {
          preIndex: this.pops.indexOf(proj.pre), csr: proj.csr, col: proj.wasmCol, target: proj.group.input, delaySteps: proj.ir.delaySteps, ring: proj.group, postSize: proj.post.size,
          get weight() { return proj.weight; }, get weights() { return proj.weights; },
        };
        this.fusedProjs.push(entry);
      }
    }
  }

  /**
   * One WebAssembly memory for the whole instance when it has populations that run there:
   * sized before anything is allocated in it (it cannot grow once views exist). With room for
   * the projections' CSR, per-synapse weights and the fused driver's table when that fits, else
   * for the neuron state only; null when no kernel uses it or WebAssembly is unavailable.
   */
  private makeArena(csrs: Csr[]): { arena: WasmArena; fused: boolean; capacity: number } | null {
    const neurons = this.ir.populations.reduce((sum, p) => sum + populationArenaBytesFor(p.model, p.size), 0);
    if (neurons === 0) return null;
    const capacity = FusedDriver.capacity(this.ir.populations.reduce((n, p) => n + p.size, 0));
    const sampled = this.ir.monitors.flatMap((m) => (m.record === 'spikes' || m.record === 'rate' ? [] : m.variables.map(() => m.neurons.length)));
    let rest = FusedDriver.bytes(this.ir.populations.length, csrs.length, capacity, sampled);
    for (const p of this.ir.populations) rest += WasmArena.size(4 * p.size);
    csrs.forEach((csr, k) => {
      rest += WasmArena.size(4 * csr.rowPtr.length, (csr.nPost <= NARROW_COLUMNS ? 2 : 4) * csr.col.length);
      if (scalarOf(this.ir.projections[k].weight) === undefined) rest += WasmArena.size(4 * csr.col.length);
    });
    for (const g of this.ir.synapseGroups) {
      const maxDelay = Math.max(0, ...g.projections.map((k) => this.ir.projections[k].delaySteps));
      rest += WasmArena.size(8 * delayBufferLength(g, this.ir.populations[g.post].size, maxDelay));
    }
    const full = fusedStepsEnabled() ? WasmArena.create(neurons + rest) : null;
    if (full) return { arena: full, fused: true, capacity };
    const arena = WasmArena.create(neurons);
    return arena ? { arena, fused: false, capacity } : null;
  }

  /** Whether the network's structure allows the fused driver (its kernels are checked per chunk). */
  private fusable(): boolean {
    const extra = this.stepped.length + this.deltaGroups.length + this.plastic.length + this.earlyRecs.length + this.jumped.length;
    return extra === 0 && this.stateRecs.every((r) => r.source !== null) && this.projs.every((p) => !p.shortTerm && !p.stdp && !p.group.arrivals);
  }

  private makeGroup(g: SynapseGroupIR, ctx: KernelContext): GroupRuntime {
    const pop = this.pops[g.post];
    if (pop.ir.family !== 'neuron') throw new Error(`Population "${pop.id}" is a spike source; projections cannot target it.`);
    const projs = g.projections.map((k) => this.ir.projections[k]);
    const maxDelay = Math.max(0, ...projs.map((p) => p.delaySteps));
    const owner = {
      id: pop.id, kernel: pop.kernel, size: pop.size,
      delta: () => (pop.drive.delta ??= new Float64Array(pop.size)),
      hostG: () => pop.kernel.hostArray?.(`g${pop.groups.length}`),
    };
    const group = makeGroup(g, owner, this.pops[projs[0].pre].size, maxDelay, ctx);
    if (group.isDelta) {
      this.deltaGroups.push(group);
      if (!this.jumped.includes(pop)) this.jumped.push(pop);
    } else pop.groups.push(group);
    if (group.advance) this.stepped.push(group);
    return group;
  }

  /** `arena`: where the CSR (and per-synapse weights) move so WebAssembly can read them. */
  private makeProjection(p: ProjectionIR, group: GroupRuntime, built: Csr, arena: WasmArena | null): ProjRuntime {
    const pre = this.pops[p.pre];
    const post = this.pops[p.post];
    let csr = built;
    let wasmCol: Int32Array | Uint16Array = built.col;
    let weightSlot: Float32Array | null = null;
    if (arena) {
      const rowPtr = arena.i32(built.rowPtr.length);
      rowPtr.set(built.rowPtr);
      // Narrow columns: a u16 copy for WebAssembly beside the i32 one JavaScript reads (csr.col).
      wasmCol = built.nPost <= NARROW_COLUMNS ? arena.u16(built.col.length) : arena.i32(built.col.length);
      wasmCol.set(built.col);
      csr = { nPre: built.nPre, nPost: built.nPost, rowPtr, col: wasmCol instanceof Int32Array ? wasmCol : built.col };
      if (scalarOf(p.weight) === undefined) weightSlot = arena.f32(built.col.length);
    }
    const proj: ProjRuntime = { ir: p, csr, weight: 0, weights: null, pre, post, group, shortTerm: shortTerm(p.plasticity, pre.size, this.ir.dt), stdp: null, weightSlot, wasm: null, wasmCol };
    const inArena = (a: ArrayBufferView): boolean => !!arena && arena.holds(a);
    if (arena && inArena(wasmCol) && inArena(pre.spikes) && inArena(group.input) && (group.delayed.length === 0 || inArena(group.delayed))) proj.wasm = arena;
    this.setWeight(proj, p.weight);
    if (p.plasticity?.model === 'STDP') {
      proj.stdp = new Stdp(p.plasticity, csr, this.ir.dt);
      this.plastic.push(proj);
    }
    return proj;
  }

  private setWeight(proj: ProjRuntime, w: ValueIR): void {
    const scalar = scalarOf(w);
    if (scalar !== undefined) {
      proj.weight = scalar;
      proj.weights = null;
      return;
    }
    const rng = isRandom(w) ? streamFor(this.ir.seed, 'weight', proj.ir.id) : null;
    const weights = resolveValues32(w, proj.csr.col.length, rng, `${proj.ir.id}.weight`);
    if (proj.weightSlot) proj.weightSlot.set(weights);
    proj.weights = proj.weightSlot ?? weights;
  }

  /** STDP changes every synapse's weight, so it needs one float64 per synapse. */
  private plasticWeights(proj: ProjRuntime): Float64Array {
    if (proj.weights instanceof Float64Array) return proj.weights;
    const w = proj.weights ? Float64Array.from(proj.weights) : new Float64Array(proj.csr.col.length).fill(proj.weight);
    proj.weights = w;
    return w;
  }

  private unitOf(pop: PopRuntime, v: string): string {
    return stateUnit(pop.ir.model, v, pop.groups[0]?.output.kind === 'conductance');
  }

  private partsOf(pop: PopRuntime, v: string): Float64Array[] {
    if (v === 'g') return pop.groups.map((g) => g.g);
    if (v === 'I') return [(pop.drive.current ??= new Float64Array(pop.size))];
    const arr = pop.kernel.variable(v);
    if (!arr) throw new Error(`${pop.ir.model} population "${pop.id}" has no state variable "${v}" to record.`);
    return [arr];
  }

  get step(): number {
    return this.stepsDone;
  }

  advance(steps: number, deadline?: Deadline): MonitorBatch {
    const from = this.stepsDone;
    for (const r of this.countRecs) r.begin(from, steps);
    const reached = this.slicer.run(from, from + steps, deadline, this.runRange);
    for (const r of this.countRecs) r.end(reached);
    this.stepsDone = reached;
    return {
      fromStep: from,
      toStep: this.stepsDone,
      spikes: this.spikeRecs.map((r) => r.take()),
      traces: this.allStateRecs.map((r) => r.take()),
      counts: this.countRecs.map((r) => r.take()),
    };
  }

  /**
   * Steps [from, to): in WebAssembly while the network qualifies, in stretches over which every
   * input is constant (a step input changes twice), else step by step.
   */
  private readonly runRange = (from: number, to: number): void => {
    let s = from;
    while (s < to && this.fused) {
      const until = this.prepareFused(s, to);
      if (until <= s) break;
      const reached = this.fused.run(s, until, this.pops, this.sink);
      if (reached === s) break; // a record buffer too small for one step: the per-step loop goes on
      s = reached;
    }
    if (s < to) this.run(s, to);
  };

  /**
   * Ready the fused driver for step s: inputs summed as the per-step loop would sum them at s,
   * every kernel and array in place. Returns the step (at most `to`) up to which the inputs stay
   * as summed, or s when the fused driver cannot step now.
   */
  private prepareFused(s: number, to: number): number {
    let until = to;
    for (const pop of this.pops) {
      if (!pop.inputsVary) continue;
      for (const input of pop.inputs) {
        const next = input.kernel.timeVarying ? input.kernel.nextChange?.(s) : Infinity;
        if (next === undefined) return s;
        until = Math.min(until, next);
      }
    }
    if (!(this.fused as FusedDriver).prepare(this.pops, this.fusedProjs, this.recorded)) return s;
    for (const pop of this.pops) {
      if (!pop.inputsDirty && !pop.inputsVary) continue;
      const iext = pop.drive.iext;
      iext.fill(0);
      for (let j = 0; j < pop.inputs.length; j++) pop.inputs[j].kernel.add(s, iext);
      pop.inputsDirty = false;
    }
    return until;
  }

  /** Recorded spikes of the fused driver, into the monitors. */
  private readonly sink = (triples: Int32Array, count: number): void => {
    for (const r of this.spikeRecs) r.appendTriples(triples, count, this.pops.indexOf(r.source as PopRuntime));
    for (const r of this.countRecs) r.addTriples(triples, count, this.pops.indexOf(r.source as PopRuntime));
  };

  /**
   * Steps [from, to). The loop is inside (not around a stepOnce call) so the JIT compiles this
   * body once; a loop calling a step function gets the body compiled twice (the function and the
   * loop with it inlined), doubling its compile CPU.
   */
  private run(from: number, to: number): void {
    for (let s = from; s < to; s++) {
      const projs = this.projs;
      for (let k = 0; k < projs.length; k++) propagate(projs[k], s);
      const pops = this.pops;
      for (let k = 0; k < pops.length; k++) {
        const pop = pops[k];
        const groups = pop.groups;
        for (let j = 0; j < groups.length; j++) if (groups[j].delayed.length > 0) takeDelayed(groups[j], s);
        if (pop.inputsVary || pop.inputsDirty) {
          const iext = pop.drive.iext;
          iext.fill(0);
          for (let j = 0; j < pop.inputs.length; j++) pop.inputs[j].kernel.add(s, iext);
          pop.inputsDirty = false;
        }
      }
      for (let k = 0; k < this.deltaGroups.length; k++) if (this.deltaGroups[k].delayed.length > 0) takeDelayed(this.deltaGroups[k], s);
      for (let k = 0; k < this.stepped.length; k++) (this.stepped[k].advance as (s: number) => void)(s);
      // g of this step is complete here; the neuron loops decay it for the next step.
      for (let k = 0; k < this.earlyRecs.length; k++) this.earlyRecs[k].record(s);
      for (let k = 0; k < pops.length; k++) {
        const pop = pops[k];
        pop.spikeCount = pop.kernel.update(s, pop.drive, pop.spikes);
      }
      for (let k = 0; k < this.jumped.length; k++) (this.jumped[k].drive.delta as Float64Array).fill(0);
      for (let k = 0; k < this.plastic.length; k++) {
        const proj = this.plastic[k];
        (proj.stdp as Stdp).update(proj.pre, proj.post, this.plasticWeights(proj));
      }
      for (let k = 0; k < this.spikeRecs.length; k++) this.spikeRecs[k].record(s);
      for (let k = 0; k < this.countRecs.length; k++) this.countRecs[k].record(s);
      for (let k = 0; k < this.stateRecs.length; k++) this.stateRecs[k].record(s);
    }
  }

  setParameter(nodeId: string, field: string, value: ValueIR): void {
    const name = field.startsWith('params.') ? field.slice('params.'.length) : field;
    let found = false;
    for (const pop of this.pops) {
      for (const input of pop.inputs) {
        if (input.id !== nodeId) continue;
        input.kernel.setParam(name, value);
        pop.inputsDirty = true;
        found = true;
      }
      if (pop.id === nodeId) {
        pop.kernel.setParam(name, value);
        found = true;
      }
    }
    for (const proj of this.projs) {
      if (proj.ir.id !== nodeId) continue;
      if (name !== 'weight') throw new Error(`Projection "${nodeId}" can change only its weight during a run, not ${field}.`);
      this.setWeight(proj, value);
      found = true;
    }
    if (!found) throw new Error(`There is no node "${nodeId}" in the running network.`);
  }

  /** A live state array of a population for tests and tools, e.g. "V" (mV). */
  readVariable(popId: string, name: string): Float64Array {
    const pop = this.pops.find((p) => p.id === popId);
    const arr = pop?.kernel.variable(name);
    if (!arr) throw new Error(`There is no state "${name}" in population "${popId}".`);
    return arr;
  }

  /** The synapses of a projection (for tests and connectivity statistics). */
  connectivity(projectionId: string): Csr {
    const proj = this.projs.find((p) => p.ir.id === projectionId);
    if (!proj) throw new Error(`There is no projection "${projectionId}".`);
    return proj.csr;
  }

  /** A copy of a projection's current weights, one per synapse in CSR order (nA, µS or mV). */
  weights(projectionId: string): Float64Array {
    const proj = this.projs.find((p) => p.ir.id === projectionId);
    if (!proj) throw new Error(`There is no projection "${projectionId}".`);
    return proj.weights ? Float64Array.from(proj.weights) : new Float64Array(proj.csr.col.length).fill(proj.weight);
  }

  /** Steps the fused WebAssembly driver has run (0 when the network does not qualify). */
  get fusedSteps(): number {
    return this.fused?.stepsRun ?? 0;
  }

  /** Number of synapse groups (AlignPostProj merging is visible here). */
  get groupCount(): number {
    return this.pops.reduce((n, p) => n + p.groups.length, 0);
  }

  dispose(): void {
    this.pops.length = 0;
    this.projs.length = 0;
  }
}

/**
 * Add the weights of the rows of neurons that spiked in the previous step: straight into the
 * group's input when there is no delay, else into the slot due `delaySteps` later. Short-term
 * plasticity scales each spike's row; pre-aligned receptors only note the arrival.
 */
function propagate(proj: ProjRuntime, s: number): void {
  const pre = proj.pre;
  const c = pre.spikeCount;
  if (c === 0) return;
  const spikes = pre.spikes;
  const group = proj.group;
  const d = proj.ir.delaySteps;
  if (group.arrivals) {
    const off = ((s + d) % group.slots) * group.nPre;
    for (let k = 0; k < c; k++) group.arrivals[off + spikes[k]] = 1;
    return;
  }
  const { rowPtr, col } = proj.csr;
  const buf = d === 0 ? group.input : group.delayed;
  const off = d === 0 ? 0 : ((s + d) % group.slots) * group.size;
  const weights = proj.weights;
  const stp = proj.shortTerm;
  const wasm = proj.wasm;
  if (wasm !== null && stp === null && (weights === null || (weights instanceof Float32Array && wasm.holds(weights)))) {
    // The same additions in the same order, in WebAssembly (no bounds checks): 2.4x faster on
    // brunel-sr.snn, whose time is almost all propagation.
    const wcol = proj.wasmCol;
    wasm.propagate(spikes.byteOffset, c, rowPtr.byteOffset, wcol.byteOffset, weights === null ? 0 : weights.byteOffset, proj.weight, buf.byteOffset + 8 * off, wcol instanceof Uint16Array ? 1 : 0);
    return;
  }
  for (let k = 0; k < c; k++) {
    const i = spikes[k];
    const f = stp === null ? 1 : stp.efficacy(i, s);
    if (weights === null) {
      const w = proj.weight * f;
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) buf[off + col[e]] += w;
    } else {
      for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) buf[off + col[e]] += weights[e] * f;
    }
  }
}
