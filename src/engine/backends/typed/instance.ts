/**
 * A network instantiated on typed arrays: the populations, synapse groups, projections and
 * monitors wired from the IR, then stepped by the fused WebAssembly driver while the network
 * allows it (fusedRunner.ts) and by the per-step loop that follows STEP_SCHEDULE (stepLoop.ts)
 * otherwise. Memory comes from one WebAssembly arena sized up front (arena.ts). Nothing is
 * allocated per step.
 */
import type { BackendInstance, Deadline, InstantiateHooks } from '../../backend';
import type { NetworkIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../../ir';
import type { MonitorBatch } from '../../../shared/results';
import type { Csr } from '../../connectivity';
import { connectNetwork } from '../../connectNetwork';
import { inputKernels, kernelFor, type KernelContext, populationKernelFor } from './kernels';
import { CountRecorder, SpikeRecorder, StateRecorder } from './monitors';
import { type GroupRuntime, makeGroup } from './synapseGroups';
import { shortTerm, weightRule } from './plasticity';
import { stateUnit } from '../../stateUnits';
import type { WasmArena } from './wasm';
import { Slicer } from './slices';
import { makeArena, placeCsr } from './arena';
import { FusedRunner } from './fusedRunner';
import type { PopRuntime, ProjRuntime } from './runtime';
import { runSteps, type StepNetwork } from './stepLoop';
import { checkDelay, resolveWeights } from '../common/weights';
import { setLiveParameter } from '../common/liveParameters';
import { unrecordable } from '../common/monitors';

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
  /** Everything the per-step loop steps. */
  private readonly net: StepNetwork;
  /** Steps whole chunks in one WebAssembly call when the network allows it. */
  private readonly fused: FusedRunner | null;

  constructor(private readonly ir: NetworkIR, hooks: InstantiateHooks = {}) {
    for (const p of ir.projections) checkDelay(p);
    const csrs = connectNetwork(ir, hooks.onProgress);
    hooks.onProgress?.({ phase: 'instantiation', fraction: 0, detail: `${ir.populations.length} populations` });
    const arena = makeArena(ir, csrs);
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
    const { pops, projs, stepped, deltaGroups, jumped, plastic, earlyRecs, spikeRecs, countRecs, stateRecs } = this;
    this.net = { pops, projs, stepped, deltaGroups, jumped, plastic, earlyRecs, spikeRecs, countRecs, stateRecs };
    this.fused = FusedRunner.create(arena, this.net);
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
    const { csr, wasmCol, weightSlot } = placeCsr(p, built, arena);
    const proj: ProjRuntime = { ir: p, csr, weight: 0, weights: null, pre, post, group, shortTerm: shortTerm(p.plasticity, csr, this.ir.dt), stdp: weightRule(p.plasticity, csr, this.ir.dt), weightSlot, wasm: null, wasmCol };
    const inArena = (a: ArrayBufferView): boolean => !!arena && arena.holds(a);
    if (arena && inArena(wasmCol) && inArena(pre.spikes) && inArena(group.input) && (group.delayed.length === 0 || inArena(group.delayed))) proj.wasm = arena;
    this.setWeight(proj, p.weight);
    if (proj.stdp) this.plastic.push(proj);
    return proj;
  }

  private setWeight(proj: ProjRuntime, w: ValueIR): void {
    const { weight, weights } = resolveWeights(proj.ir, w, proj.csr.col.length, this.ir.seed);
    proj.weight = weight;
    if (weights && proj.weightSlot) proj.weightSlot.set(weights);
    proj.weights = weights && (proj.weightSlot ?? weights);
  }

  private unitOf(pop: PopRuntime, v: string): string {
    return stateUnit(pop.ir.model, v, pop.groups[0]?.output.kind === 'conductance');
  }

  private partsOf(pop: PopRuntime, v: string): Float64Array[] {
    if (v === 'g') return pop.groups.map((g) => g.g);
    if (v === 'I') return [(pop.drive.current ??= new Float64Array(pop.size))];
    const arr = pop.kernel.variable(v);
    if (!arr) throw unrecordable(pop.ir.model, pop.id, v);
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

  /** Steps [from, to): in WebAssembly while the network qualifies, then step by step. */
  private readonly runRange = (from: number, to: number): void => {
    const s = this.fused ? this.fused.run(from, to) : from;
    if (s < to) runSteps(this.net, s, to);
  };

  setParameter(nodeId: string, field: string, value: ValueIR): void {
    this.fused?.invalidate();
    setLiveParameter({
      populations: this.pops.map((pop) => ({
        id: pop.id,
        setParam: (name, v) => pop.kernel.setParam(name, v),
        inputs: pop.inputs.map((input) => ({ id: input.id, setParam: (name, v) => input.kernel.setParam(name, v) })),
        inputsChanged: () => void (pop.inputsDirty = true),
      })),
      projections: this.projs.map((proj) => ({ id: proj.ir.id, setWeight: (v) => this.setWeight(proj, v) })),
    }, nodeId, field, value);
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
