/**
 * A population of a spec model (src/shared/modelspec) stepped by WebAssembly generated from its
 * spec (generate.ts): its state, parameters and spike bookkeeping live in the instance's arena,
 * and both the per-step driver (update) and the fused driver (wasmStep: net_run calls the same
 * function through its table) run the same generated code, so their results are bit-identical.
 *
 * `fusedKindFor` is what a spec model's typed kernel asks for its generated step; modules are
 * cached per spec and configuration, so a network of many populations of one model compiles
 * once. `specPopulationKernel(spec)` is a complete PopulationKernel factory to register under a
 * model name (tests, the bench's "custom LIF" and, through the registry, user models).
 */
import { withMethod } from '../../../../shared/modelspec/method';
import type { NeuronSpec } from '../../../../shared/modelspec/check';
import { dimName } from '../../../../shared/modelspec/dimension';
import { outputDrive } from '../../../../shared/modelspec/outputs';
import { internalPerCoherent } from '../../../../shared/modelspec/registry';
import type { PopulationIR, ValueIR } from '../../../ir';
import { streamFor } from '../../../random';
import { fillValues, isRandom } from '../../../values';
import { evaluate } from '../../../spec/interpreter';
import type { Drive, KernelContext, PopulationKernel, PopulationKernelFactory } from '../kernels';
import { paramArray } from '../../common/params';
import { notLiveParameter } from '../../common/liveParameters';
import { compileWasm, type GeneratedStep, type GeneratedStepArgs, WasmArena } from '../wasm';
import { ENTRY, fastBlocksEnabled, type GenConfig, generateStep, type SlotOutput } from './generate';
import { GENERATED_SLOTS } from '../generatedRule';
import { sumSynapseGroups } from '../driveSums';
import { jumpsVoltage } from '../../../../shared/catalog';

/** tau_ref / dt rounded up, tolerant of binary rounding of dt (as the hand kernels and the interpreter). */
const STEP_TOLERANCE = 1e-9;
/** Far in the past, so no neuron starts refractory. */
const NEVER = -(2 ** 30);
/** Bytes of one population entry of net_run's table (fused.ts's POP_BYTES). */
export const ENTRY_BYTES = 160;

const compiled = new WeakMap<NeuronSpec, Map<string, object>>();

function configKey(cfg: GenConfig): string {
  return JSON.stringify([cfg.dt, cfg.slots, Object.entries(cfg.choices).sort(), [...cfg.perNeuron].sort(), cfg.refPerNeuron === true, cfg.delta === true, cfg.current === true, fastBlocksEnabled()]);
}

/**
 * The compiled WebAssembly module of `spec`'s step under `cfg` (generated on first use, then
 * cached); throws GenerateError naming the model and the state when the spec cannot be
 * generated, or an Error when WebAssembly is unavailable.
 */
export function fusedKindFor(spec: NeuronSpec, cfg: GenConfig): object {
  let byConfig = compiled.get(spec);
  if (!byConfig) compiled.set(spec, (byConfig = new Map()));
  const key = configKey(cfg);
  const known = byConfig.get(key);
  if (known) return known;
  const module = compileWasm(generateStep(spec, cfg));
  if (!module) throw new Error(`${spec.name}: its generated kernel needs WebAssembly, which is not available here.`);
  byConfig.set(key, module);
  return module;
}

function allEqual(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

/** Arena bytes a population of n neurons of `spec` takes. */
export function specArenaBytes(spec: NeuronSpec, n: number): number {
  // states, parameters given per neuron, iext, g0, g1, voltage jumps, recorded current (f64); last spike, refractory steps, spikes (i32)
  const perNeuron = (spec.states.length + spec.params.length + 5) * 8 * n + 3 * 4 * n;
  return WasmArena.size(perNeuron, 8 * (spec.states.length + spec.params.length), ENTRY_BYTES) + 16 * (spec.states.length + spec.params.length + 8);
}

/**
 * The synapse slots the instance will give population `pop` (its drive's groups): the network's
 * synapse groups onto it in order, Delta groups apart (they are voltage jumps, not groups), each
 * a current or a conductance as its output's spec says (COBA, MgBlock: conductances). Empty without the network.
 */
function expectedSlots(pop: PopulationIR, ctx: KernelContext): SlotOutput[] {
  const index = ctx.network?.populations.indexOf(pop) ?? -1;
  if (index < 0 || !ctx.network) return [];
  return ctx.network.synapseGroups
    .filter((g) => g.post === index && !jumpsVoltage(g.synapse.model))
    .map((g) => (outputDrive(g.output.model) === 'conductance' ? 'conductance' : 'current'));
}

/**
 * The slots of the module that steps a drive of more synapse groups than a module has slots
 * (GENERATED_SLOTS): none when every group is a current, else one conductance (see SpecKernel.merge).
 */
function mergedSlots(outputs: readonly SlotOutput[]): SlotOutput[] {
  return outputs.includes('conductance') ? ['conductance'] : [];
}

/** Whether a Delta projection targets population `pop` (its drive then carries voltage jumps). */
function expectsDelta(pop: PopulationIR, ctx: KernelContext): boolean {
  const index = ctx.network?.populations.indexOf(pop) ?? -1;
  return index >= 0 && (ctx.network?.synapseGroups.some((g) => g.post === index && jumpsVoltage(g.synapse.model)) ?? false);
}

/** Whether a state monitor records population `pop`'s current I. */
function recordsCurrent(pop: PopulationIR, ctx: KernelContext): boolean {
  const index = ctx.network?.populations.indexOf(pop) ?? -1;
  return index >= 0 && (ctx.network?.monitors.some((m) => m.population === index && m.record === 'state' && m.variables.includes('I')) ?? false);
}

class SpecKernel implements PopulationKernel {
  /** Voltage jumps (Delta projections) are added after integration, outside refractoriness. */
  readonly acceptsDelta = true;

  private readonly arena: WasmArena;
  private readonly n: number;
  private readonly states: Map<string, Float64Array>;
  private readonly last: Int32Array;
  /** Refractory steps per neuron, used when they differ (refPerNeuron). */
  private readonly refs: Int32Array;
  private readonly iext: Float64Array;
  private readonly g: [Float64Array, Float64Array];
  /** This step's voltage jumps (copied in) and the current written for a monitor of I (copied out). */
  private readonly delta: Float64Array;
  private readonly current: Float64Array;
  private readonly spikeList: Int32Array;
  private readonly block: Float64Array;
  private readonly blockI32: Int32Array;
  private readonly entry: Int32Array;
  private readonly entryF64: Float64Array;
  private readonly hosted = new Set<ArrayBufferView>();
  /** Parameter values, one per neuron. */
  private readonly values: Record<string, Float64Array> = {};
  /** Arena arrays of the parameters given per neuron. */
  private readonly paramArrays = new Map<string, Float64Array>();
  private refSteps = 0;
  private refPerNeuron = false;
  /** The network gives this population more synapse groups than the module has slots: g0 and g1 then hold their sums (merge). */
  private readonly merging: boolean;
  private step: { readonly key: string; readonly netKind: number; readonly run: GeneratedStep } | null = null;

  constructor(private readonly spec: NeuronSpec, private readonly pop: PopulationIR, private readonly ctx: KernelContext) {
    const n = (this.n = pop.size);
    const arena = ctx.arena && ctx.arena.free >= specArenaBytes(spec, n) ? ctx.arena : WasmArena.create(specArenaBytes(spec, n));
    if (!arena) throw new Error(`${spec.name} "${pop.id}": its generated kernel needs WebAssembly, which is not available here.`);
    this.arena = arena;
    for (const p of spec.params) {
      const given = pop.params[p.name];
      if (given) this.values[p.name] = this.coherent(p.name, given);
      else if (p.default !== undefined) this.values[p.name] = new Float64Array(n).fill(p.default);
      else throw new Error(`${spec.name} "${pop.id}" has no value for ${p.name}.`);
    }
    for (const c of spec.choices) {
      const chosen = pop.choices[c.name];
      if (chosen !== undefined && !c.options.includes(chosen)) throw new Error(`${spec.name} "${pop.id}": ${c.name} must be one of ${c.options.join(', ')}, not "${chosen}".`);
    }
    this.states = new Map(spec.states.map((s) => [s.name, arena.f64(n)]));
    this.last = arena.i32(n).fill(NEVER);
    this.refs = arena.i32(n);
    this.iext = arena.f64(n);
    this.g = [arena.f64(n), arena.f64(n)];
    this.delta = arena.f64(n);
    this.current = arena.f64(n);
    this.spikeList = arena.i32(n);
    this.block = arena.f64(spec.states.length + spec.params.length);
    this.blockI32 = new Int32Array(this.block.buffer, this.block.byteOffset, 2 * this.block.length);
    this.entry = arena.i32(ENTRY_BYTES / 4);
    this.entryF64 = new Float64Array(this.entry.buffer, this.entry.byteOffset, ENTRY_BYTES / 8);
    for (const p of spec.params) this.paramArrays.set(p.name, arena.f64(n));
    spec.states.forEach((s, k) => {
      const arr = this.states.get(s.name) as Float64Array;
      this.blockI32[2 * k] = arr.byteOffset;
      const given = pop.init[s.name];
      if (given) fillValues(given, arr, isRandom(given) ? streamFor(ctx.seed, 'init', pop.id, s.name) : null, `${pop.id}.init.${s.name}`);
      else for (let i = 0; i < n; i++) arr[i] = evaluate(s.init, (name) => this.valueOf(name, i));
    });
    this.derive();
    // Generate, compile and install the step for the synapse groups the network gives this
    // population now, at the build: a first generation in a process costs ~30 ms while V8
    // compiles the generator itself, plus the module's compilation, which belong to the build,
    // not to the run (on CUBA 4k's 1 s they were ~20 % of the run's CPU time). A drive that
    // turns out different at the first step gets its own step then.
    const slots = expectedSlots(pop, ctx);
    this.merging = slots.length > GENERATED_SLOTS;
    this.stepForSlots(this.merging ? mergedSlots(slots) : slots, expectsDelta(pop, ctx), recordsCurrent(pop, ctx));
  }

  /**
   * A document's value of parameter `name` per neuron, in the spec's coherent units: the build
   * gives values in the internal units (rates in Hz), the spec's equations read rates per ms.
   */
  private coherent(name: string, v: ValueIR): Float64Array {
    const arr = paramArray(v, this.n, this.ctx.seed, this.pop.id, name);
    const p = this.spec.params.find((q) => q.name === name);
    const scale = p ? internalPerCoherent(dimName(p.dim) ?? 'dimensionless') : 1;
    if (scale !== 1) for (let i = 0; i < arr.length; i++) arr[i] /= scale;
    return arr;
  }

  /** A parameter's or state's value for neuron i (initial values, thresholds at the start); parameters from `values`. */
  private valueOf(name: string, i: number, values: Readonly<Record<string, Float64Array>> = this.values): number {
    const p = values[name];
    if (p) return p[i];
    const s = this.states.get(name);
    if (s) return s[i];
    if (name === 't') return 0;
    throw new Error(`${this.spec.name} "${this.pop.id}": "${name}" has no value before the first step.`);
  }

  /** Parameters into the block (shared ones as values, the others as arrays), refractory steps. */
  private derive(): void {
    const base = this.spec.states.length;
    this.perNeuron = new Set(this.spec.params.filter((p) => !allEqual(this.values[p.name])).map((p) => p.name));
    this.spec.params.forEach((p, k) => {
      const v = this.values[p.name];
      if (allEqual(v)) this.block[base + k] = v[0] ?? 0;
      else {
        const arr = this.paramArrays.get(p.name) as Float64Array;
        arr.set(v);
        this.block[base + k] = 0;
        this.blockI32[2 * (base + k)] = arr.byteOffset;
      }
    });
    const steps = this.refractorySteps(this.values);
    this.refPerNeuron = !allEqual(steps);
    this.refs.set(steps);
    this.refSteps = steps[0] ?? 0;
    this.step = null;
  }

  /** Steps of the refractory period of each neuron under parameter `values` (all 0 without one). */
  private refractorySteps(values: Readonly<Record<string, Float64Array>>): number[] {
    const ref = this.spec.refractory;
    if (!ref) return new Array<number>(this.n).fill(0);
    return Array.from({ length: this.n }, (_, i) => Math.max(0, Math.ceil(evaluate(ref, (name) => this.valueOf(name, i, values)) / this.ctx.dt - STEP_TOLERANCE)));
  }

  /** Parameters given per neuron (derive() keeps it; the module is specialised for it). */
  private perNeuron = new Set<string>();

  /** The generated step for this drive (compiled and installed on first use and after a parameter change). */
  private stepFor(drive: Drive): { readonly netKind: number; readonly run: GeneratedStep } {
    const outputs = drive.groups.map((g) => g.output.kind);
    return this.stepForSlots(outputs.length > GENERATED_SLOTS ? mergedSlots(outputs) : outputs, drive.delta != null, drive.current !== null);
  }

  private stepForSlots(slots: readonly SlotOutput[], delta: boolean, current: boolean): { readonly netKind: number; readonly run: GeneratedStep } {
    const cfg: GenConfig = { dt: this.ctx.dt, slots, choices: this.pop.choices, perNeuron: this.perNeuron, refPerNeuron: this.refPerNeuron, delta, current };
    const key = configKey(cfg);
    if (this.step?.key === key) return this.step;
    const installed = this.arena.install(fusedKindFor(this.spec, cfg));
    if (!installed) throw new Error(`${this.spec.name} "${this.pop.id}": its generated kernel could not be instantiated.`);
    this.step = { key, netKind: installed.kind, run: installed.step };
    return this.step;
  }

  private fill(i32: Int32Array, f64: Float64Array, at: number, drive: Drive, netKind: number): void {
    const w = at / 4;
    const d = at / 8;
    i32[w + ENTRY.n / 4] = this.n;
    i32[w + ENTRY.last / 4] = this.last.byteOffset;
    i32[w + ENTRY.iext / 4] = this.iext.byteOffset;
    i32[w + ENTRY.g0 / 4] = this.g[0].byteOffset;
    i32[w + ENTRY.g1 / 4] = this.g[1].byteOffset;
    i32[w + ENTRY.spikes / 4] = this.spikeList.byteOffset;
    i32[w + ENTRY.ref / 4] = this.refSteps;
    i32[w + ENTRY.refs / 4] = this.refs.byteOffset;
    i32[w + 44 / 4] = netKind;
    i32[w + ENTRY.block / 4] = this.block.byteOffset;
    i32[w + ENTRY.delta / 4] = this.delta.byteOffset;
    i32[w + ENTRY.current / 4] = this.current.byteOffset;
    if (drive.groups.length > GENERATED_SLOTS) {
      // merged (update only: wasmStep refuses such a drive): the input current is g0, Σg is g1's slot 0 with E = 0
      i32[w + ENTRY.iext / 4] = this.g[0].byteOffset;
      i32[w + ENTRY.g0 / 4] = this.g[1].byteOffset;
      f64[d + ENTRY.decay0 / 8] = 1;
      f64[d + ENTRY.E0 / 8] = 0;
      return;
    }
    drive.groups.forEach((g, k) => {
      f64[d + (k === 0 ? ENTRY.decay0 : ENTRY.decay1) / 8] = g.decay;
      f64[d + (k === 0 ? ENTRY.E0 : ENTRY.E1) / 8] = g.output.kind === 'conductance' ? g.output.E : 0;
    });
  }

  initialSpikes(spikes: Int32Array): number {
    const th = this.spec.threshold;
    if (!th || th.rising) return 0;
    let c = 0;
    for (let i = 0; i < this.n; i++) {
      if (evaluate(th.condition, (name) => this.valueOf(name, i)) !== 0) spikes[c++] = i;
    }
    return c;
  }

  update(step: number, drive: Drive, spikes: Int32Array): number {
    const { run } = this.stepFor(drive);
    const merged = drive.groups.length > GENERATED_SLOTS;
    if (merged) this.merge(drive);
    else {
      if (drive.iext !== this.iext) this.iext.set(drive.iext);
      drive.groups.forEach((g, k) => { if (g.g !== this.g[k]) this.g[k].set(g.g); });
    }
    if (drive.delta) this.delta.set(drive.delta);
    this.fill(this.entry, this.entryF64, 0, drive, 0);
    const c = run(this.entry.byteOffset, step);
    // a group stepped in the 'synapses' phase (decay 1) computes its g anew: nothing to copy back
    if (!merged) drive.groups.forEach((g, k) => { if (g.g !== this.g[k] && g.decay !== 1) g.g.set(this.g[k]); });
    if (drive.current) drive.current.set(this.current);
    if (spikes !== this.spikeList) for (let k = 0; k < c; k++) spikes[k] = this.spikeList[k];
    return c;
  }

  /**
   * More synapse groups than the module's two slots: rather than generate a slot per group (a
   * module per count and mix of groups, and an entry table that grows with them), sum them here,
   * per step, into g0 = I_ext + ΣI + Σg·E (the module reads it as its external current) and
   * g1 = Σg (its one conductance slot, E = 0, decay 1), so the module's input
   * (I_ext + 0) + 0 - Σg·V is the JavaScript spec kernel's (I_ext + ΣI) + ΣgE - Σg·V: both sum
   * with driveSums.ts's sumSynapseGroups, which also decays the groups' g in place after reading
   * them, as the module does for its slots. Only the per-step driver takes this path:
   * such populations have groups stepped in the 'synapses' phase or too many for the fused table,
   * and a population with at most two groups keeps its slots (and the fused driver) unchanged.
   */
  private merge(drive: Drive): void {
    const [cur, gsum] = this.g;
    if (this.hosted.has(cur) || this.hosted.has(gsum)) {
      throw new Error(`${this.spec.name} "${this.pop.id}": ${drive.groups.length} synapse groups, but its two slots already host groups (build the kernel with the network, so it knows).`);
    }
    const gesum = (this.gesum ??= new Float64Array(this.n));
    if (!sumSynapseGroups(drive, this.n, cur, gsum, gesum)) return;
    for (let i = 0; i < this.n; i++) cur[i] += gesum[i];
  }

  /** Σg·E of a merged drive (merge), allocated on its first step. */
  private gesum: Float64Array | null = null;

  wasmStep(arena: WasmArena, drive: Drive, spikes: Int32Array): GeneratedStepArgs | null {
    if (arena !== this.arena || drive.iext !== this.iext || spikes !== this.spikeList || drive.groups.length > 2) return null;
    if (drive.groups.some((g, k) => g.g !== this.g[k]) || drive.current || drive.delta) return null;
    const { netKind } = this.stepFor(drive);
    if (netKind < 0) return null;
    return { kind: 'generated', netKind, n: this.n, fill: (i32, f64, at) => this.fill(i32, f64, at, drive, netKind) };
  }

  variable(name: string): Float64Array | undefined {
    return this.states.get(name);
  }

  setParam(name: string, value: ValueIR): void {
    if (!this.values[name]) throw notLiveParameter(this.spec.name, this.pop.id, name, Object.keys(this.values));
    this.values[name] = this.coherent(name, value);
    this.derive();
  }

  hostArray(role: string): Float64Array | undefined {
    // merging: g0 and g1 hold the sums of the groups, so they host none
    const arr = role === 'iext' ? this.iext : this.merging ? undefined : role === 'g0' ? this.g[0] : role === 'g1' ? this.g[1] : undefined;
    if (!arr || this.hosted.has(arr)) return undefined;
    this.hosted.add(arr);
    return arr;
  }

  hostSpikes(): Int32Array | undefined {
    if (this.hosted.has(this.spikeList)) return undefined;
    this.hosted.add(this.spikeList);
    return this.spikeList;
  }
}

/** A typed-backend kernel factory for populations of `spec`, stepped by its generated WebAssembly. */
export function specPopulationKernel(spec: NeuronSpec): PopulationKernelFactory {
  // the population's integration method (document field `method`) is applied to the spec here
  return (pop, ctx) => new SpecKernel(withMethod(spec, pop.method), pop, ctx);
}
