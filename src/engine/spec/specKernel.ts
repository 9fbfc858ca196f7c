/**
 * The typed backend's general kernel for every neuron model (bundled and typed in the app), where
 * its generated WebAssembly cannot run: the checked syntax tree compiled once into closures
 * (closures.ts), then the interpreter's step for every neuron (reset from the stored spike,
 * integrate by scheme unless refractory, voltage jumps added to V as it is integrated, bounds,
 * threshold), with the same arithmetic in the same order, so spike steps are identical to
 * interpreter.ts's.
 *
 * Synaptic input enters through the spec's current input (`input I : nA`): I = external +
 * Σ CUBA currents + Σ g·(E - V), where V is the spec's voltage state as the step sees it (each
 * Runge–Kutta stage its own V). For exponential Euler the conductance's share of the Jacobian,
 * (∂f/∂I)·(-Σg), is added to the spec's J (-g/C), as the generated kernels do.
 */
import { modelWithMethod } from '../../shared/modelspec/method';
import { assigned, type AssignOp, type Expr } from '../../shared/modelspec/ast';
import type { SpecState } from '../../shared/modelspec/check';
import { derivative } from '../../shared/modelspec/derivative';
import { dimName } from '../../shared/modelspec/dimension';
import { internalPerCoherent, type SpecModel } from '../../shared/modelspec/registry';
import type { PopulationIR, ValueIR } from '../ir';
import { streamFor } from '../random';
import { fillValues, isRandom } from '../values';
import type { Drive, KernelContext, PopulationKernel } from '../backends/typed/kernels';
import { sumSynapseGroups } from '../backends/typed/driveSums';
import { need, paramArray } from '../backends/common/params';
import { notLiveParameter } from '../backends/common/liveParameters';
import { type Closure, compileExpr, type Scope } from './closures';
import { FrameIntegrator } from './integrator';
import { stepsAtLeast } from '../backends/common/steps';
import { CUR, GE, GS, linearStep, synapticRhs } from './linearStep';

/** Far in the past, so no neuron starts refractory. */
const NEVER = -(2 ** 30);

interface CompiledReset {
  readonly target: number;
  readonly op: AssignOp;
  readonly value: Closure;
}

export class SpecKernel implements PopulationKernel {
  readonly acceptsDelta = true;
  private readonly n: number;
  private readonly states: readonly SpecState[];
  /** Live state arrays (coherent units = internal units for every named dimension but rate). */
  private readonly x: Float64Array[];
  private readonly paramNames: readonly string[];
  /** Parameters per neuron in coherent units (rates per ms). */
  private readonly p: Float64Array[];
  private readonly paramScale: readonly number[];
  /** Frame slots: states [0, S), parameters [S, S+P), then t, the summed current, Σg·E and Σg. */
  private readonly frame: Float64Array;
  private readonly tSlot: number;
  private readonly iSlot: number;
  private readonly geSlot: number;
  private readonly gSlot: number;
  /** True while this step's synaptic input has conductances (the input then reads V). */
  private conductances = false;
  private readonly rhs: Closure[];
  private readonly jac: Closure[];
  /** ∂rhs/∂I per state (null when it does not read the input). */
  private readonly dInput: (Closure | null)[];
  private readonly bound: (Closure | null)[];
  private readonly threshold: Closure | null;
  private readonly rising: boolean;
  private readonly resets: readonly CompiledReset[];
  private readonly refractory: Closure | null;
  private readonly input: Closure;
  private readonly voltage: number;
  private readonly integrator: FrameIntegrator;
  private readonly refSteps: Int32Array;
  private readonly lastSpike: Int32Array;
  /** The spike stored for the next step's reset (spk of the step before). */
  private readonly stored: Uint8Array;
  private readonly isyn: Float64Array;
  private readonly gsum: Float64Array;
  private readonly gesum: Float64Array;

  constructor(private readonly pop: PopulationIR, private readonly ctx: KernelContext, private readonly model: SpecModel) {
    const { spec, catalog } = model;
    const n = (this.n = pop.size);
    this.states = spec.states;
    const S = spec.states.length;
    this.paramNames = spec.params.map((p) => p.name);
    const P = this.paramNames.length;
    this.tSlot = S + P;
    this.iSlot = S + P + 1;
    this.geSlot = S + P + 2;
    this.gSlot = S + P + 3;
    const frame = (this.frame = new Float64Array(S + P + 4));
    const slots = new Map<string, number>();
    spec.states.forEach((s, k) => slots.set(s.name, k));
    this.paramNames.forEach((name, j) => slots.set(name, S + j));
    slots.set('t', this.tSlot);
    slots.set(CUR, this.iSlot);
    slots.set(GE, this.geSlot);
    slots.set(GS, this.gSlot);
    this.paramScale = this.paramNames.map((name) => internalPerCoherent(catalog.params.find((c) => c.name === name)?.dim ?? 'dimensionless'));

    const currentInputs = spec.inputs.filter((i) => dimName(i.dim) === 'current');
    if (spec.inputs.length > currentInputs.length || currentInputs.length > 1) {
      throw new Error(`${pop.model} "${pop.id}": the spec kernel feeds one current input (external plus synaptic); this spec declares ${spec.inputs.map((i) => i.name).join(', ')}.`);
    }
    const inputName = currentInputs[0]?.name;
    this.voltage = spec.states.findIndex((s) => dimName(s.dim) === 'voltage');
    const { iSlot, geSlot, gSlot, voltage } = this;
    this.input = voltage < 0
      ? () => frame[iSlot]
      : () => (this.conductances ? frame[iSlot] + frame[geSlot] - frame[gSlot] * frame[voltage] : frame[iSlot]);
    const input = this.input;
    const scope: Scope = {
      frame,
      slot: (name) => slots.get(name),
      leaf: (name) => (name === inputName ? input : undefined),
      subexpression: (name) => spec.subexpressions.get(name)?.value,
    };
    const compile = (e: Expr): Closure => compileExpr(e, scope);
    const resolve = (name: string): Expr | undefined => spec.subexpressions.get(name)?.value;
    this.rhs = spec.states.map((s) => compile(s.rhs));
    this.jac = spec.states.map((s) => compile(s.jacobian));
    this.dInput = spec.states.map((s) => {
      if (inputName === undefined) return null;
      const d = derivative(s.rhs, inputName, resolve);
      return typeof d === 'string' || (d.kind === 'number' && d.value === 0) ? null : compile(d);
    });
    this.bound = spec.states.map((s) => (s.max ? compile(s.max) : null));
    this.threshold = spec.threshold ? compile(spec.threshold.condition) : null;
    this.rising = spec.threshold?.rising ?? false;
    const chosen = (c: string): string => pop.choices[c] ?? spec.choices.find((x) => x.name === c)?.options[0] ?? '';
    this.resets = spec.resets
      .filter((r) => !r.when || chosen(r.when.choice) === r.when.option)
      .flatMap((r) => r.statements.map((st) => ({ target: slots.get(st.target) as number, op: st.op, value: compile(st.value) })));
    this.refractory = spec.refractory ? compile(spec.refractory) : null;
    // A linear state's exact step (LIF's), without and with conductances, as the generated kernels take it.
    // (With conductances only where the voltage state is V, as the generator requires; else the scheme's step.)
    const named = spec.states.some((s) => s.name === 'V' && dimName(s.dim) === 'voltage');
    const linear = [false, true].map((conductance) => spec.states.map((s) => {
      if (conductance && !named) return null;
      let lin = null;
      try {
        lin = linearStep(spec, s, synapticRhs(spec, s, inputName, conductance).rhs, ctx.dt);
      } catch {
        return null; // no J with conductances: the scheme's step, which reports it where it matters
      }
      return lin ? { xinf: compile(lin.xinf), decay: compile(lin.decay) } : null;
    }));
    this.integrator = new FrameIntegrator(spec.states, frame, this.rhs, this.bound, ctx.dt, spec.order === 'sequential', (k) => this.jacobian(k),
      (k) => linear[this.conductances ? 1 : 0][k]);

    this.p = this.paramNames.map((name, j) => this.resolveParam(name, need(pop.params, name, pop.id), j));
    this.x = spec.states.map((s) => {
      const arr = new Float64Array(n);
      const init = pop.init[s.name];
      if (init) fillValues(init, arr, isRandom(init) ? streamFor(ctx.seed, 'init', pop.id, s.name) : null, `${pop.id}.init.${s.name}`);
      else {
        const value = compile(s.init);
        for (let i = 0; i < n; i++) {
          this.load(i, -1);
          arr[i] = value();
        }
      }
      return arr;
    });
    this.isyn = new Float64Array(n);
    this.gsum = new Float64Array(n);
    this.gesum = new Float64Array(n);
    this.refSteps = new Int32Array(n);
    this.lastSpike = new Int32Array(n).fill(NEVER);
    this.stored = new Uint8Array(n);
    this.derive();
    // The stored spike of "step -1": the threshold on the initial state, no input.
    for (let i = 0; i < n; i++) {
      this.load(i, -1);
      this.stored[i] = this.threshold !== null && this.threshold() !== 0 ? 1 : 0;
    }
  }

  private resolveParam(name: string, v: ValueIR, j: number): Float64Array {
    const arr = paramArray(v, this.n, this.ctx.seed, this.pop.id, name);
    const scale = this.paramScale[j];
    if (scale !== 1) for (let i = 0; i < arr.length; i++) arr[i] /= scale;
    return arr;
  }

  /** Refractory steps per neuron from the current parameters. */
  private derive(): void {
    if (!this.refractory) return;
    for (let i = 0; i < this.n; i++) {
      this.load(i, -1);
      this.refSteps[i] = stepsAtLeast(this.refractory(), this.ctx.dt);
    }
  }

  /** Load neuron i's parameters and states (when built) into the frame, with no input. */
  private load(i: number, step: number): void {
    const { frame, p, x } = this;
    const S = this.states.length;
    for (let j = 0; j < p.length; j++) frame[S + j] = p[j][i];
    if (x) for (let k = 0; k < S; k++) frame[k] = x[k][i];
    frame[this.tSlot] = step * this.ctx.dt;
    frame[this.iSlot] = 0;
    frame[this.geSlot] = 0;
    frame[this.gSlot] = 0;
  }

  /** J of state k for the values in the frame, with the conductances' share when there are any. */
  private jacobian(k: number): number {
    const J = this.jac[k]();
    const dI = this.dInput[k];
    return this.conductances && dI !== null && k === this.voltage ? J + dI() * -this.frame[this.gSlot] : J;
  }

  update(step: number, drive: Drive, spikes: Int32Array): number {
    this.sumGroups(drive);
    const { frame, x, states, resets, threshold, rising, stored, isyn, gsum, gesum, voltage } = this;
    const { current } = drive;
    const delta = drive.delta ?? null;
    if (this.conductances && voltage < 0) {
      throw new Error(`${this.pop.model} "${this.pop.id}" has no voltage state, so a conductance (COBA) projection cannot drive it; use CUBA.`);
    }
    const S = states.length;
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      this.load(i, step);
      frame[this.iSlot] = isyn[i];
      frame[this.geSlot] = gesum[i];
      frame[this.gSlot] = gsum[i];
      if (stored[i]) {
        for (const r of resets) {
          const v = r.value();
          const t = r.target;
          frame[t] = assigned(r.op, frame[t], v);
        }
      }
      const before = rising && threshold !== null ? threshold() !== 0 : false;
      if (current !== null) current[i] = this.input();
      if (step - this.lastSpike[i] >= this.refSteps[i]) {
        // voltage jumps join V's update (integrator.ts), outside refractoriness
        if (delta !== null && voltage >= 0) this.integrator.integrate(voltage, delta[i]);
        else this.integrator.integrate();
      }
      const fired = threshold !== null && threshold() !== 0 && !(rising && before);
      stored[i] = fired ? 1 : 0;
      if (fired) {
        spikes[count++] = i;
        this.lastSpike[i] = step;
      }
      for (let k = 0; k < S; k++) x[k][i] = frame[k];
    }
    return count;
  }

  /** Sum the synapse groups into current and conductance terms, decaying each g for the next step. */
  private sumGroups(drive: Drive): void {
    // the current sum starts from the external current (I_ext + slot 0 + slot 1, as the generated kernels add)
    this.conductances = sumSynapseGroups(drive, this.n, this.isyn, this.gsum, this.gesum);
  }

  initialSpikes(spikes: Int32Array): number {
    let c = 0;
    for (let i = 0; i < this.n; i++) if (this.stored[i]) spikes[c++] = i;
    return c;
  }

  variable(name: string): Float64Array | undefined {
    const k = this.states.findIndex((s) => s.name === name);
    return k < 0 ? undefined : this.x[k];
  }

  setParam(name: string, value: ValueIR): void {
    const j = this.paramNames.indexOf(name);
    if (j < 0) {
      throw notLiveParameter(this.pop.model, this.pop.id, name, this.paramNames);
    }
    this.p[j] = this.resolveParam(name, value, j);
    this.derive();
  }
}

/** The kernel factory of a spec model. */
export function specKernelFactory(model: SpecModel): (pop: PopulationIR, ctx: KernelContext) => PopulationKernel {
  // the population's integration method (document field `method`) is applied to the spec here
  return (pop, ctx) => new SpecKernel(pop, ctx, modelWithMethod(model, pop.method));
}
