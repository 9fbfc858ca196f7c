/**
 * A network instantiated on TensorFlow.js tensors. One step runs the phases of STEP_SCHEDULE
 * (src/engine/schedule.ts) in its order inside one tf.tidy: spikes of the previous step ->
 * propagate (SparseSegmentSum or MatMul per projection, into a delay ring of increments per
 * synapse group) -> synapses -> outputs -> neurons -> monitors (kept on the device until flushed). Connectivity,
 * initial values and weights come from the shared builders and streams, so a seed gives the same
 * network as on the typed backend; arithmetic is float32.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { BackendInstance } from '../../backend';
import type { NetworkIR, PopulationIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../../ir';
import type { MonitorBatch } from '../../../shared/results';
import { connect, type Csr } from '../../connectivity';
import { streamFor } from '../../random';
import {
  inputKernels, kernelFor, type KernelContext, outputKernels, populationKernelFor, synapseKernelFor,
  type TfDrive, type TfInputKernel, type TfOutputKernel, type TfPopulationKernel, type TfSynapseKernel,
} from './kernels';
import { FLUSH_ELEMENTS, TfCountRecorder, TfSpikeRecorder, TfStateRecorder } from './monitors';
import { type Layout, makePropagator, type Propagator, SegmentPropagator } from './propagate';
import { TfPlasticity } from './plasticity';
import { changesWeights, scalesTransmission } from '../common/plasticity';
import { Held, sumOrNull } from './tensors';
import { TfPulseSynapse } from '../../spec/pulseSynapseTfjs';
import { getBundledSynapseModel, getSpecModel, isPreAlignedSynapse, type SpecModel } from '../../../shared/modelspec/registry';
import { stateUnit } from '../../stateUnits';
import { STEP_SCHEDULE, type SchedulePhase } from '../../schedule';
import { checkDelay, resolveWeights } from '../common/weights';
import { setLiveParameter } from '../common/liveParameters';
import { unrecordable } from '../common/monitors';
import { jumpsVoltage } from '../../../shared/catalog';

interface PopRuntime {
  readonly ir: PopulationIR;
  readonly kernel: TfPopulationKernel;
  readonly groups: GroupRuntime[];
  readonly inputs: { readonly id: string; readonly kernel: TfInputKernel }[];
  inputsVary: boolean;
  /** Sum of the inputs when none varies with time; refreshed after a parameter change. */
  readonly iextCache: Held;
  inputsDirty: boolean;
  /** A state monitor records "I", so the neuron kernel must hand out its current. */
  wantCurrent: boolean;
  /** This step's total current (when wantCurrent), freed by the step's tidy. */
  current: Tensor | null;
  /** This step's drive, from the 'outputs' phase to the 'neurons' phase. */
  drive: TfDrive | null;
}

interface GroupRuntime {
  readonly ir: SynapseGroupIR;
  readonly kernel: TfSynapseKernel;
  readonly output: TfOutputKernel;
  /** ring[(step) % slots] holds the increments due at `step` (kept tensors), or null. */
  readonly ring: (Tensor | null)[];
  /** A synapse with a pulse (AMPA, GABAa, NMDA): its own spike queue and state per presynaptic neuron. */
  readonly kinetic: TfPulseSynapse | null;
  /** This step's g (or a Delta group's jumps), from the 'synapses' phase to the 'outputs' phase. */
  now: Tensor | null;
}

interface ProjRuntime {
  readonly ir: ProjectionIR;
  readonly csr: Csr;
  readonly pre: PopRuntime;
  readonly group: GroupRuntime;
  readonly propagator: Propagator;
  readonly shortTerm: TfPlasticity | null;
  readonly post: PopRuntime;
  readonly stdp: TfPlasticity | null;
}


export interface TfjsInstanceOptions {
  /** Force a projection layout (benchmarks, tests); default chooses by density. */
  readonly layout?: Layout;
}

export class TfjsInstance implements BackendInstance {
  private stepsDone = 0;
  private readonly pops: PopRuntime[];
  private readonly projs: ProjRuntime[];
  private readonly spikeRecs: { rec: TfSpikeRecorder; pop: PopRuntime }[] = [];
  private readonly countRecs: { rec: TfCountRecorder; pop: PopRuntime }[] = [];
  private readonly stateRecs: TfStateRecorder[] = [];
  private disposed = false;

  constructor(private readonly ir: NetworkIR, readonly name: string, private readonly options: TfjsInstanceOptions = {}) {
    const ctx: KernelContext = { dt: ir.dt, seed: ir.seed };
    this.pops = [];
    this.projs = [];
    try {
      for (const p of ir.populations) {
        this.pops.push({
          ir: p, kernel: populationKernelFor(p.model)(p, ctx), groups: [], inputs: [],
          inputsVary: false, iextCache: new Held(), inputsDirty: true, wantCurrent: false, current: null, drive: null,
        });
      }
      const groups = ir.synapseGroups.map((g) => this.makeGroup(g, ctx));
      for (const p of ir.projections) this.projs.push(this.makeProjection(p, groups[p.group]));
      for (const input of ir.inputs) {
        const pop = this.pops[input.target];
        const k = kernelFor(inputKernels, input.model, 'input model')(input, pop.ir.size, pop.ir.id, ctx);
        pop.inputs.push({ id: input.id, kernel: k });
        pop.inputsVary ||= k.timeVarying;
      }
      for (const m of ir.monitors) {
        const pop = this.pops[m.population];
        if (m.record === 'spikes') this.spikeRecs.push({ rec: new TfSpikeRecorder(m, pop.ir.id, pop.ir.size), pop });
        else if (m.record === 'rate') this.countRecs.push({ rec: new TfCountRecorder(m, pop.ir.id, pop.ir.size), pop });
        else {
          for (const v of m.variables) {
            if (v !== 'g' && v !== 'I' && !pop.kernel.variable(v)) throw unrecordable(pop.ir.model, pop.ir.id, v);
            if (v === 'I') pop.wantCurrent = true;
            this.stateRecs.push(new TfStateRecorder(m, pop.ir.id, v, this.unitOf(pop, v), () => this.partsOf(pop, v)));
          }
        }
      }
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  private makeGroup(g: SynapseGroupIR, ctx: KernelContext): GroupRuntime {
    const pop = this.pops[g.post];
    if (pop.ir.family !== 'neuron') throw new Error(`Population "${pop.ir.id}" is a spike source; projections cannot target it.`);
    const maxDelay = Math.max(0, ...g.projections.map((k) => this.ir.projections[k].delaySteps));
    const jumps = jumpsVoltage(g.synapse.model);
    const kinetic = isPreAlignedSynapse(g.synapse.model)
      ? new TfPulseSynapse((getSpecModel(g.synapse.model) ?? getBundledSynapseModel(g.synapse.model)) as SpecModel, g.synapse, this.pops[this.ir.projections[g.projections[0]].pre].ir.size, pop.ir.size, ctx.dt, maxDelay)
      : null;
    const group: GroupRuntime = {
      ir: g,
      kernel: kinetic ?? (jumps ? voltageJumps(pop.ir.size) : synapseKernelFor(g.synapse.model)(g.synapse, pop.ir.size, ctx)),
      output: kernelFor(outputKernels, g.output.model, 'output')(g.output),
      ring: new Array<Tensor | null>(kinetic ? 1 : maxDelay + 1).fill(null),
      kinetic,
      now: null,
    };
    pop.groups.push(group);
    return group;
  }

  private makeProjection(p: ProjectionIR, group: GroupRuntime): ProjRuntime {
    const pre = this.pops[p.pre];
    const post = this.pops[p.post];
    checkDelay(p);
    const csr = connect(p.conn, pre.ir.size, post.ir.size, p.pre === p.post, streamFor(this.ir.seed, 'conn', p.id));
    const { weight, weights } = resolveWeights(p, p.weight, csr.col.length, this.ir.seed);
    const plastic = changesWeights(p.plasticity) ? p.plasticity : undefined;
    // A rule such as STDP changes each synapse's weight every step, which the segment layout holds as a vector.
    const propagator = makePropagator(csr, weight, weights, plastic ? 'segment' : this.options.layout);
    if (group.kinetic) group.kinetic.propagator = propagator;
    const shortTerm = p.plasticity && scalesTransmission(p.plasticity) ? new TfPlasticity(p.plasticity, pre.ir.size, post.ir.size, this.ir.dt, null) : null;
    const stdp = plastic ? new TfPlasticity(plastic, pre.ir.size, post.ir.size, this.ir.dt, propagator as SegmentPropagator) : null;
    return { ir: p, csr, pre, post, group, propagator, shortTerm, stdp };
  }

  private unitOf(pop: PopRuntime, v: string): string {
    return stateUnit(pop.ir.model, v, pop.groups[0]?.output.kind === 'conductance');
  }

  private partsOf(pop: PopRuntime, v: string): Tensor[] {
    if (v === 'g') return pop.groups.length > 0 ? pop.groups.map((g) => g.kernel.g) : [tf.zeros([pop.ir.size])];
    if (v === 'I') return pop.current ? [pop.current] : [tf.zeros([pop.ir.size])];
    const t = pop.kernel.variable(v);
    if (!t) throw unrecordable(pop.ir.model, pop.ir.id, v);
    return [t];
  }

  get step(): number {
    return this.stepsDone;
  }

  advance(steps: number): MonitorBatch {
    if (this.disposed) throw new Error('This tfjs network was disposed; instantiate it again to run.');
    const from = this.stepsDone;
    for (const { rec } of this.countRecs) rec.begin(from, steps);
    const recorders = [...this.spikeRecs.map((r) => r.rec), ...this.countRecs.map((r) => r.rec), ...this.stateRecs];
    for (let k = 0; k < steps; k++) {
      tf.tidy(() => this.stepOnce(from + k));
      let pending = 0;
      for (const r of recorders) pending += r.pendingElements;
      if (pending > FLUSH_ELEMENTS) for (const r of recorders) r.flush();
    }
    this.stepsDone = from + steps;
    return {
      fromStep: from,
      toStep: this.stepsDone,
      spikes: this.spikeRecs.map((r) => r.rec.take()),
      traces: this.stateRecs.map((r) => r.take()),
      counts: this.countRecs.map((r) => r.rec.take()),
    };
  }

  /** One step: the phases of STEP_SCHEDULE in its order ('spikes' are the kernels' stored masks). */
  private stepOnce(s: number): void {
    for (const phase of STEP_SCHEDULE) this.phases[phase](s);
  }

  private readonly phases: Readonly<Record<SchedulePhase, (s: number) => void>> = {
    spikes: () => {},
    propagate: (s) => {
      for (const proj of this.projs) {
        const spk = proj.pre.kernel.spikes();
        if (proj.group.kinetic) {
          proj.group.kinetic.queue(spk, proj.ir.delaySteps);
          continue;
        }
        const ring = proj.group.ring;
        const slot = (s + proj.ir.delaySteps) % ring.length;
        const inc = proj.propagator.increments(proj.shortTerm ? proj.shortTerm.scale(spk) : spk);
        const queued = ring[slot];
        ring[slot] = tf.keep(queued ? tf.add(queued, inc) : inc);
        queued?.dispose();
      }
    },
    synapses: (s) => {
      for (const pop of this.pops) for (const group of pop.groups) this.synapseStep(group, s);
    },
    outputs: (s) => {
      for (const pop of this.pops) pop.drive = this.driveOf(pop, s);
    },
    neurons: (s) => {
      for (const pop of this.pops) pop.current = pop.kernel.update(s, pop.drive as TfDrive, pop.wantCurrent);
    },
    monitors: (s) => {
      for (const proj of this.projs) proj.stdp?.update(proj.pre.kernel.spikes(), proj.post.kernel.spikes());
      for (const { rec, pop } of this.spikeRecs) rec.record(s, pop.kernel.spikes());
      for (const { rec, pop } of this.countRecs) rec.record(s, pop.kernel.spikes());
      for (const rec of this.stateRecs) rec.record(s);
      for (const pop of this.pops) {
        pop.current = null;
        pop.drive = null;
      }
    },
  };

  /** g <- decay(g) + the increments due at step s (a Delta group's increments are this step's jumps instead). */
  private synapseStep(group: GroupRuntime, s: number): void {
    const slot = s % group.ring.length;
    const due = group.ring[slot];
    group.ring[slot] = null;
    if (jumpsVoltage(group.ir.synapse.model)) {
      // This step's jumps, mV: a copy the step's tidy frees, as `due` itself was kept.
      group.now = due ? tf.clone(due) : null;
      due?.dispose();
      return;
    }
    group.now = group.kernel.update(due);
    // `due` was kept across steps; it is no longer needed once g includes it.
    due?.dispose();
  }

  /** Outputs of one population's synapse groups at the present V, and its input current, for step s. */
  private driveOf(pop: PopRuntime, s: number): TfDrive {
    const isyn: Tensor[] = [];
    const gsum: Tensor[] = [];
    const gesum: Tensor[] = [];
    const delta: Tensor[] = [];
    for (const group of pop.groups) {
      const g = group.now;
      group.now = null;
      if (jumpsVoltage(group.ir.synapse.model)) {
        if (g) delta.push(g);
        continue;
      }
      if (!g) continue;
      if (group.output.kind === 'current') isyn.push(g);
      else {
        // A gated output (MgBlock): g times the gate at V stored at the end of the previous step.
        const gate = group.output.gate;
        const V = gate ? pop.kernel.variable('V') : undefined;
        if (gate && !V) throw new Error(`The ${group.ir.output.model} output needs the membrane potential V of "${pop.ir.id}", which its model does not expose.`);
        const gb = gate && V ? tf.mul(g, gate(V)) : g;
        gsum.push(gb);
        gesum.push(tf.mul(gb, group.output.E));
      }
    }
    return { iext: this.inputCurrent(pop, s), isyn: sumOrNull(isyn), gsum: sumOrNull(gsum), gesum: sumOrNull(gesum), delta: sumOrNull(delta) };
  }

  private inputCurrent(pop: PopRuntime, s: number): Tensor | null {
    if (pop.inputs.length === 0) return null;
    if (!pop.inputsVary && !pop.inputsDirty) return pop.iextCache.value;
    const sum = sumOrNull(pop.inputs.map((i) => i.kernel.current(s)));
    if (!pop.inputsVary && sum) {
      // A clone, so the cache never owns (and later frees) an input's own parameter tensor.
      pop.iextCache.set(tf.clone(sum));
      pop.inputsDirty = false;
    }
    return sum;
  }

  setParameter(nodeId: string, field: string, value: ValueIR): void {
    setLiveParameter({
      populations: this.pops.map((pop) => ({
        id: pop.ir.id,
        setParam: (name, v) => pop.kernel.setParam(name, v),
        inputs: pop.inputs.map((input) => ({ id: input.id, setParam: (name, v) => input.kernel.setParam(name, v) })),
        inputsChanged: () => void (pop.inputsDirty = true),
      })),
      projections: this.projs.map((proj) => ({
        id: proj.ir.id,
        setWeight: (v) => {
          const { weight, weights } = resolveWeights(proj.ir, v, proj.csr.col.length, this.ir.seed);
          proj.propagator.setWeights(weight, weights);
        },
      })),
    }, nodeId, field, value);
  }

  /** A copy of a state variable for tests and tools: "V" (mV), "I" (nA, last step's), or "g" (sum over synapse groups). */
  readVariable(popId: string, name: string): Float64Array {
    const pop = this.pops.find((p) => p.ir.id === popId);
    if (!pop) throw new Error(`There is no population "${popId}".`);
    if (name === 'I') throw new Error('The tfjs backend keeps the current only for monitors; record "I" with a state monitor.');
    let out = new Float64Array(0);
    tf.tidy(() => {
      const parts = this.partsOf(pop, name);
      out = Float64Array.from((parts.length === 1 ? parts[0] : tf.addN(parts)).dataSync());
    });
    return out;
  }

  /** The synapses of a projection (for tests and connectivity statistics). */
  connectivity(projectionId: string): Csr {
    const proj = this.projs.find((p) => p.ir.id === projectionId);
    if (!proj) throw new Error(`There is no projection "${projectionId}".`);
    return proj.csr;
  }

  /** A copy of a projection's weights, one per synapse in CSR order (as the typed backend's weights()). */
  weights(projectionId: string): Float64Array {
    const proj = this.projs.find((p) => p.ir.id === projectionId);
    if (!proj) throw new Error(`There is no projection "${projectionId}".`);
    if (proj.propagator instanceof SegmentPropagator) return proj.propagator.csrWeights();
    throw new Error(`Projection "${projectionId}" uses the dense layout; its weights are read only from segment-layout projections.`);
  }

  /** The layout each projection uses ("segment" or "dense"). */
  layouts(): Record<string, Layout> {
    return Object.fromEntries(this.projs.map((p) => [p.ir.id, p.propagator.layout]));
  }

  /** Number of synapse groups (AlignPostProj merging is visible here). */
  get groupCount(): number {
    return this.pops.reduce((n, p) => n + p.groups.length, 0);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const pop of this.pops) {
      pop.kernel.dispose();
      pop.iextCache.dispose();
      for (const i of pop.inputs) i.kernel.dispose();
      for (const g of pop.groups) {
        g.kernel.dispose();
        for (const t of g.ring) t?.dispose();
      }
    }
    for (const p of this.projs) {
      p.propagator.dispose();
      p.shortTerm?.dispose();
      p.stdp?.dispose();
    }
    for (const r of [...this.spikeRecs.map((x) => x.rec), ...this.countRecs.map((x) => x.rec), ...this.stateRecs]) r.dispose();
    this.pops.length = 0;
    this.projs.length = 0;
  }
}

/** A Delta group's stand-in kernel: no state, increments go to the neurons' V as jumps (driveOf). */
function voltageJumps(size: number): TfSynapseKernel {
  const g = tf.keep(tf.zeros([size]));
  return { g, update: () => g, dispose: () => g.dispose() };
}
