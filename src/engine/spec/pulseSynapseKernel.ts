/**
 * The typed backend's kernel for a synapse spec with a transmitter pulse (AMPA, GABAa, NMDA, or
 * one typed in the app): its states live per presynaptic neuron (BrainPy's AlignPreProj), and the
 * instance sums weight · output over the synapses into the target's g (synapseGroups.ts). One
 * step of neuron i, in the 'synapses' phase of step s:
 *
 *   a spike arriving now sets t_arrival = s; the pulse is its value while s − t_arrival < its
 *   steps (pulse.ts), else 0; the states are integrated over dt with the pulse held; then output.
 *
 * An "exact" state is linear in itself with the others (and the pulse) held, so its step is the
 * closed form x_inf + (x − x_inf)·e^{J·dt}, x_inf = f(0)/(−J) — BrainPy's exponential Euler for
 * these equations, the same IEEE operations as the hand-written kernels this replaced. Where J
 * and f(0) read no state (AMPA's g, NMDA's x), both are computed once per pulse phase (on, off),
 * so such a state costs a multiply-add per neuron. Other schemes take the integrator's step.
 */
import type { SpecModel } from '../../shared/modelspec/registry';
import { dependsOn } from '../../shared/modelspec/derivative';
import type { ModelIR } from '../ir';
import type { KernelContext, PreSynapseKernel } from '../backends/typed/kernels';
import { type Closure, compileExpr, type Scope } from './closures';
import { exprel } from './exprel';
import { FrameIntegrator } from './integrator';
import { coherentParams, type Pulse, pulseOf } from './pulse';

/** "Never arrived": far enough in the past that no pulse is on. */
const NEVER = -(2 ** 30);
/**
 * Below this |J·dt| the closed form's x_inf = f(0)/(−J) would cancel against x; the exprel form
 * x + dt·exprel(J·dt)·f is used instead (the same step, without the cancellation).
 */
const SMALL_JDT = 1e-6;

/** A state stepped in closed form with J and f(0) fixed per pulse phase: [off, on]. */
interface PhaseStep {
  readonly xinf: readonly [number, number];
  readonly decay: readonly [number, number];
}

export class PulseSynapseKernel implements PreSynapseKernel {
  /** The output per presynaptic neuron (the open fraction the weights multiply). */
  readonly state: Float64Array;
  private readonly x: Float64Array[];
  private readonly arrival: Int32Array;
  private readonly pulse: Pulse;
  private readonly frame: Float64Array;
  private readonly tSlot: number;
  private readonly pulseSlot: number;
  private readonly dt: number;
  private readonly rhs: readonly Closure[];
  private readonly jac: readonly Closure[];
  private readonly output: Closure;
  /** Index of the state the output is, or -1 when it is an expression. */
  private readonly outputState: number;
  /** Per state: its step fixed per pulse phase, or null (computed per neuron). */
  private readonly phase: readonly (PhaseStep | null)[];
  /** Every state "exact": closed-form steps; else the integrator. */
  private readonly integrator: FrameIntegrator | null;
  private readonly sequential: boolean;
  private readonly next: Float64Array;
  private readonly stateNames: readonly string[];

  constructor(model: SpecModel, ir: ModelIR, nPre: number, ctx: KernelContext) {
    const { spec } = model;
    if (!spec.synapse?.pulse) throw new Error(`${model.name} is not a synapse model with a pulse.`);
    this.dt = ctx.dt;
    this.stateNames = spec.states.map((s) => s.name);
    const params = coherentParams(model, ir);
    this.pulse = pulseOf(model, params, ctx.dt) as Pulse;
    const S = spec.states.length;
    const P = spec.params.length;
    this.tSlot = S + P;
    this.pulseSlot = S + P + 1;
    const frame = (this.frame = new Float64Array(S + P + 2));
    const slots = new Map<string, number>();
    spec.states.forEach((s, k) => slots.set(s.name, k));
    spec.params.forEach((p, j) => {
      slots.set(p.name, S + j);
      frame[S + j] = params[p.name];
    });
    slots.set('t', this.tSlot);
    slots.set(this.pulse.name, this.pulseSlot);
    const scope: Scope = { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: (n) => spec.subexpressions.get(n)?.value };
    this.rhs = spec.states.map((s) => compileExpr(s.rhs, scope));
    this.jac = spec.states.map((s) => compileExpr(s.jacobian, scope));
    this.output = compileExpr(spec.synapse.output, scope);
    const out = spec.synapse.output;
    this.outputState = out.kind === 'name' ? spec.states.findIndex((s) => s.name === out.name) : -1;
    this.sequential = spec.order === 'sequential';
    this.next = new Float64Array(S);
    const resolve = (n: string) => spec.subexpressions.get(n)?.value;
    const exact = spec.states.every((s) => s.scheme === 'exact' && !s.max);
    this.integrator = exact ? null : new FrameIntegrator(spec.states, frame, this.rhs, spec.states.map((s) => (s.max ? compileExpr(s.max, scope) : null)), ctx.dt, this.sequential, (k) => this.jac[k]());
    this.phase = spec.states.map((s, k) => {
      if (!exact || dependsOn(s.rhs, 't', resolve) || spec.states.some((o) => o.name !== s.name && dependsOn(s.rhs, o.name, resolve))) return null;
      const at = (on: 0 | 1): { xinf: number; decay: number } | null => {
        frame[this.pulseSlot] = on ? this.pulse.value : 0;
        frame[k] = 0;
        const J = this.jac[k]();
        const f0 = this.rhs[k]();
        return Math.abs(J * ctx.dt) < SMALL_JDT ? null : { xinf: f0 / -J, decay: Math.exp(J * ctx.dt) };
      };
      const [off, on] = [at(0), at(1)];
      return off && on ? { xinf: [off.xinf, on.xinf], decay: [off.decay, on.decay] } : null;
    });
    this.x = spec.states.map((s) => new Float64Array(nPre).fill(compileExpr(s.init, scope)()));
    this.state = new Float64Array(nPre);
    this.arrival = new Int32Array(nPre).fill(NEVER);
    frame[this.pulseSlot] = 0;
    for (let i = 0; i < nPre; i++) this.state[i] = this.outputAt(i);
  }

  /** The output for neuron i's states (loaded into the frame unless it is one state). */
  private outputAt(i: number): number {
    if (this.outputState >= 0) return this.x[this.outputState][i];
    for (let k = 0; k < this.x.length; k++) this.frame[k] = this.x[k][i];
    return this.output();
  }

  /** Closed-form step of "exact" state k for the values in the frame (see the file's comment). */
  private exactStep(k: number, on: 0 | 1): number {
    const ph = this.phase[k];
    const { frame } = this;
    const x = frame[k];
    if (ph) return ph.xinf[on] + (x - ph.xinf[on]) * ph.decay[on];
    const J = this.jac[k]();
    if (Math.abs(J * this.dt) < SMALL_JDT) return x + this.dt * exprel(this.dt * J) * this.rhs[k]();
    frame[k] = 0;
    const xinf = this.rhs[k]() / -J;
    frame[k] = x;
    return xinf + (x - xinf) * Math.exp(J * this.dt);
  }

  advance(step: number, arrived: Uint8Array): void {
    const { x, frame, arrival, state, next, integrator, sequential } = this;
    const S = x.length;
    const pulseSteps = this.pulse.steps;
    const pulseValue = this.pulse.value;
    frame[this.tSlot] = step * this.dt;
    for (let i = 0; i < state.length; i++) {
      if (arrived[i]) arrival[i] = step;
      const on = step - arrival[i] < pulseSteps ? 1 : 0;
      frame[this.pulseSlot] = on ? pulseValue : 0;
      for (let k = 0; k < S; k++) frame[k] = x[k][i];
      if (integrator) integrator.integrate();
      else if (sequential) {
        for (let k = 0; k < S; k++) frame[k] = this.exactStep(k, on);
      } else {
        for (let k = 0; k < S; k++) next[k] = this.exactStep(k, on);
        for (let k = 0; k < S; k++) frame[k] = next[k];
      }
      for (let k = 0; k < S; k++) x[k][i] = frame[k];
      state[i] = this.outputState >= 0 ? frame[this.outputState] : this.output();
    }
  }

  /** A state array by name (per presynaptic neuron), for tests. */
  variable(name: string): Float64Array | undefined {
    const k = this.stateNames.indexOf(name);
    return k < 0 ? undefined : this.x[k];
  }
}

/** The pre-aligned kernel factory of a synapse spec with a pulse. */
export function pulseSynapseFactory(model: SpecModel): (ir: ModelIR, nPre: number, ctx: KernelContext) => PreSynapseKernel {
  return (ir, nPre, ctx) => new PulseSynapseKernel(model, ir, nPre, ctx);
}
