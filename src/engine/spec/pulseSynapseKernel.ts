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
 * and f(0) are affine in the other states with coefficients fixed per pulse phase (on, off) —
 * NMDA's g reads x — the coefficients are computed once, and where they read no state at all
 * (AMPA's g, NMDA's x) so are x_inf and e^{J·dt}: such a state costs a multiply-add per neuron.
 * Other states go through the compiled closures; other schemes take the integrator's step.
 */
import type { SpecModel } from '../../shared/modelspec/registry';
import type { Expr } from '../../shared/modelspec/ast';
import type { SpecState } from '../../shared/modelspec/check';
import { dependsOn, derivative } from '../../shared/modelspec/derivative';
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

/**
 * An "exact" state whose J and f(0) are affine in the other states, per pulse phase ([off, on]):
 * J = jb + Σ_j jc[j]·x_j, f(0) = fb + Σ_j fc[j]·x_j. With no coefficients (`fixed`), x_inf and
 * e^{J·dt} themselves are fixed per phase.
 */
interface AffineStep {
  readonly jb: readonly [number, number];
  readonly fb: readonly [number, number];
  readonly jc: readonly [Float64Array, Float64Array];
  readonly fc: readonly [Float64Array, Float64Array];
  readonly fixed: { readonly xinf: readonly [number, number]; readonly decay: readonly [number, number] } | null;
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
  /** Per state its affine step, when every state has one (else null: closures or the integrator). */
  private readonly affine: readonly AffineStep[] | null;
  /** One neuron's states before and after the step (the affine path). */
  private readonly cur: Float64Array;
  /** Every state "exact": closed-form steps; else the integrator. */
  private readonly integrator: FrameIntegrator | null;
  private readonly sequential: boolean;
  private readonly next: Float64Array;
  private readonly stateNames: readonly string[];
  /** Two states, the first fixed per phase and the output one of them: their packed steps (packTwo) for advanceTwo. */
  private readonly packedTwo: readonly [Float64Array, Float64Array] | null;

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
    this.cur = new Float64Array(S);
    this.affine = exact ? affineSteps(spec.states, (e) => compileExpr(e, scope), frame, this.pulseSlot, this.pulse.value, ctx.dt, resolve) : null;
    const a = this.affine;
    this.x = spec.states.map((s) => new Float64Array(nPre).fill(compileExpr(s.init, scope)()));
    this.packedTwo = a && a.length === 2 && a[0].fixed && this.outputState >= 0 && twoStepFar(a[0].fixed, a[1], this.x[0][0] ?? 0, ctx.dt) ? [packTwo(a[0]), packTwo(a[1])] : null;
    // the output is a state: the same array, so no step copies it
    this.state = this.outputState >= 0 ? this.x[this.outputState] : new Float64Array(nPre);
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
  private exactStep(k: number): number {
    const { frame } = this;
    const x = frame[k];
    const J = this.jac[k]();
    if (Math.abs(J * this.dt) < SMALL_JDT) return x + this.dt * exprel(this.dt * J) * this.rhs[k]();
    frame[k] = 0;
    const xinf = this.rhs[k]() / -J;
    frame[k] = x;
    return xinf + (x - xinf) * Math.exp(J * this.dt);
  }

  advance(step: number, arrived: Uint8Array): void {
    if (this.affine) {
      if (this.affine.length === 1 && this.affine[0].fixed && this.outputState === 0) this.advanceOne(step, arrived, this.affine[0].fixed);
      else if (this.packedTwo) this.advanceTwo(step, arrived, this.packedTwo[0], this.packedTwo[1]);
      else this.advanceAffine(step, arrived, this.affine);
      return;
    }
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
        for (let k = 0; k < S; k++) frame[k] = this.exactStep(k);
      } else {
        for (let k = 0; k < S; k++) next[k] = this.exactStep(k);
        for (let k = 0; k < S; k++) frame[k] = next[k];
      }
      for (let k = 0; k < S; k++) x[k][i] = frame[k];
      state[i] = this.outputState >= 0 ? frame[this.outputState] : this.output();
    }
  }

  /** One state with x_inf and e^{J·dt} fixed per phase, and the output that state (AMPA, GABAa). */
  private advanceOne(step: number, arrived: Uint8Array, { xinf, decay }: NonNullable<AffineStep['fixed']>): void {
    const { arrival } = this;
    const x = this.x[0];
    const pulseSteps = this.pulse.steps;
    const [xOff, xOn] = xinf;
    const [dOff, dOn] = decay;
    for (let i = 0; i < x.length; i++) {
      if (arrived[i]) arrival[i] = step;
      const v = step - arrival[i] < pulseSteps ? xOn + (x[i] - xOn) * dOn : xOff + (x[i] - xOff) * dOff;
      x[i] = v;
    }
  }

  /**
   * advanceAffine unrolled for two states, the output one of them (NMDA): the first state's step
   * fixed per phase (NMDA's x), the second affine in the first with the same coefficients in both
   * phases (NMDA's g reads x, not the pulse). A state's coefficient on itself is 0 (its J holds it),
   * so the second reads only the first. This loop is the whole cost of an NMDA synapse, so its
   * numbers are locals, as few as the step needs: every double live across Math.exp (a call) is
   * saved and restored around it, and loads from the packed arrays at a phase offset were what made
   * it slower than the hand-written kernel it replaced. It has no small-|J·dt| branch (exprel):
   * chosen only where J·dt provably stays away from it (twoStepFar), since a call in the loop made
   * V8 keep every coefficient boxed and unbox it at each neuron.
   */
  private advanceTwo(step: number, arrived: Uint8Array, c0: Float64Array, c1: Float64Array): void {
    const { arrival, sequential, dt } = this;
    const X0 = this.x[0];
    const X1 = this.x[1];
    const pulseSteps = this.pulse.steps;
    // packTwo's layout: phase p at 1 + 8·p: [xinf, decay, jb, fb, jc0, jc1, fc0, fc1]
    const xOff = c0[1], dOff = c0[2], xOn = c0[9], dOn = c0[10];
    const jb = c1[3], fb = c1[4], jc = c1[5], fc = c1[7];
    for (let i = 0; i < X0.length; i++) {
      if (arrived[i]) arrival[i] = step;
      const x0 = X0[i];
      const n0 = step - arrival[i] < pulseSteps ? xOn + (x0 - xOn) * dOn : xOff + (x0 - xOff) * dOff;
      X0[i] = n0;
      const s0 = sequential ? n0 : x0;
      const J = jb + jc * s0;
      const f0 = fb + fc * s0;
      const x1 = X1[i];
      const Jdt = J * dt;
      const xinf = f0 / -J;
      X1[i] = xinf + (x1 - xinf) * Math.exp(Jdt);
    }
  }

  /** Every state affine in the others (NMDA): the closed form from the coefficients, no closures. */
  private advanceAffine(step: number, arrived: Uint8Array, affine: readonly AffineStep[]): void {
    const { x, arrival, state, cur, next, sequential, dt } = this;
    const S = x.length;
    const pulseSteps = this.pulse.steps;
    const src = sequential ? cur : next;
    for (let i = 0; i < state.length; i++) {
      if (arrived[i]) arrival[i] = step;
      const on = step - arrival[i] < pulseSteps ? 1 : 0;
      for (let k = 0; k < S; k++) cur[k] = next[k] = x[k][i];
      for (let k = 0; k < S; k++) {
        const a = affine[k];
        const xk = sequential ? cur[k] : next[k];
        let v: number;
        const fixed = a.fixed;
        if (fixed) v = fixed.xinf[on] + (xk - fixed.xinf[on]) * fixed.decay[on];
        else {
          let J = a.jb[on];
          let f0 = a.fb[on];
          const jc = a.jc[on];
          const fc = a.fc[on];
          for (let j = 0; j < S; j++) {
            if (jc[j] !== 0) J += jc[j] * src[j];
            if (fc[j] !== 0) f0 += fc[j] * src[j];
          }
          if (Math.abs(J * dt) < SMALL_JDT) v = xk + dt * exprel(dt * J) * (f0 + J * xk);
          else {
            const xinf = f0 / -J;
            v = xinf + (xk - xinf) * Math.exp(J * dt);
          }
        }
        cur[k] = v;
      }
      for (let k = 0; k < S; k++) x[k][i] = cur[k];
      if (this.outputState >= 0) state[i] = cur[this.outputState];
      else {
        for (let k = 0; k < S; k++) this.frame[k] = cur[k];
        state[i] = this.output();
      }
    }
  }

  /** A state array by name (per presynaptic neuron), for tests. */
  variable(name: string): Float64Array | undefined {
    const k = this.stateNames.indexOf(name);
    return k < 0 ? undefined : this.x[k];
  }
}

/** Margins of twoStepFar: |J·dt| at least this many times SMALL_JDT, the first state's range widened by this fraction (rounding). */
const FAR_FACTOR = 2;
const RANGE_SLACK = 1e-9;

/**
 * advanceTwo applies: the second state's coefficients are the same with the pulse on and off (it
 * does not read the pulse), and its J·dt stays at least FAR_FACTOR·SMALL_JDT from 0 for every value
 * the first state can take, so its closed form never needs exprel. The first state steps to
 * x_inf + (x − x_inf)·d with 0 ≤ d < 1 in both phases, so it stays between its initial value and the
 * two x_inf; J is affine in it, so its extremes are at the ends of that range.
 */
function twoStepFar(first: NonNullable<AffineStep['fixed']>, second: AffineStep, init: number, dt: number): boolean {
  if (!samePhases(second) || !first.decay.every((d) => d >= 0 && d < 1)) return false;
  let lo = Math.min(init, ...first.xinf);
  let hi = Math.max(init, ...first.xinf);
  const slack = RANGE_SLACK * Math.max(1, Math.abs(lo), Math.abs(hi));
  lo -= slack;
  hi += slack;
  const J = (s: number) => second.jb[0] + second.jc[0][0] * s;
  const [a, b] = [J(lo) * dt, J(hi) * dt];
  const far = FAR_FACTOR * SMALL_JDT;
  return Number.isFinite(a) && Number.isFinite(b) && ((a >= far && b >= far) || (a <= -far && b <= -far));
}

/** The step's coefficients are the same with the pulse on and off (the state does not read the pulse). */
function samePhases(a: AffineStep): boolean {
  const same = (x: readonly [number, number]) => Object.is(x[0], x[1]);
  const sameAll = (x: readonly [Float64Array, Float64Array]) => x[0].every((v, j) => Object.is(v, x[1][j]));
  return same(a.jb) && same(a.fb) && sameAll(a.jc) && sameAll(a.fc);
}

/**
 * A two-state affine step packed for advanceTwo, by phase p (0 off, 1 on): [fixed, xinf_p, decay_p,
 * jb_p, fb_p, jc0_p, jc1_p, fc0_p, fc1_p] at 1 + 8·p … (fixed = 1 when x_inf and e^{J·dt} are fixed).
 */
function packTwo(a: AffineStep): Float64Array {
  const out = new Float64Array(17);
  out[0] = a.fixed ? 1 : 0;
  for (const p of [0, 1] as const) {
    const o = 1 + 8 * p;
    out.set([a.fixed?.xinf[p] ?? 0, a.fixed?.decay[p] ?? 0, a.jb[p], a.fb[p], a.jc[p][0], a.jc[p][1], a.fc[p][0], a.fc[p][1]], o);
  }
  return out;
}

/**
 * Each state's affine step (see AffineStep), or null when a state's J or f(0) is not affine in the
 * others with coefficients that read only parameters and the pulse (or reads t). The coefficients
 * are the derivatives' values with every state at 0, computed with the compiled closures, so
 * AMPA's and NMDA's steps have the hand-written kernels' bits.
 */
function affineSteps(
  states: readonly SpecState[], compile: (e: Expr) => Closure, frame: Float64Array, pulseSlot: number, pulseValue: number, dt: number, resolve: (n: string) => Expr | undefined,
): AffineStep[] | null {
  const S = states.length;
  const names = states.map((s) => s.name);
  const readsState = (e: Expr, except = -1): boolean => names.some((n, j) => j !== except && dependsOn(e, n, resolve));
  const out: AffineStep[] = [];
  for (let k = 0; k < S; k++) {
    const s = states[k];
    if (dependsOn(s.rhs, 't', resolve)) return null;
    const jTerms: (Closure | null)[] = [];
    const fTerms: (Closure | null)[] = [];
    for (let j = 0; j < S; j++) {
      if (j === k || !dependsOn(s.rhs, names[j], resolve)) {
        jTerms.push(null);
        fTerms.push(null);
        continue;
      }
      const dJ = derivative(s.jacobian, names[j], resolve);
      const dF = derivative(s.rhs, names[j], resolve);
      // J's slope may read no state; f's slope may read x_k only (it is taken at x_k = 0)
      if (typeof dJ === 'string' || typeof dF === 'string' || readsState(dJ) || readsState(dF, k)) return null;
      jTerms.push(compile(dJ));
      fTerms.push(compile(dF));
    }
    const J = compile(s.jacobian);
    const f = compile(s.rhs);
    const phase = (on: 0 | 1) => {
      for (let j = 0; j < S; j++) frame[j] = 0;
      frame[pulseSlot] = on ? pulseValue : 0;
      return {
        jb: J(), fb: f(),
        jc: Float64Array.from(jTerms, (c) => (c ? c() : 0)),
        fc: Float64Array.from(fTerms, (c) => (c ? c() : 0)),
      };
    };
    const [off, on] = [phase(0), phase(1)];
    const none = [...off.jc, ...off.fc, ...on.jc, ...on.fc].every((c) => c === 0);
    const fixedAt = (p: typeof off) => (Math.abs(p.jb * dt) < SMALL_JDT ? null : { xinf: p.fb / -p.jb, decay: Math.exp(p.jb * dt) });
    const [fOff, fOn] = none ? [fixedAt(off), fixedAt(on)] : [null, null];
    out.push({
      jb: [off.jb, on.jb], fb: [off.fb, on.fb], jc: [off.jc, on.jc], fc: [off.fc, on.fc],
      fixed: fOff && fOn ? { xinf: [fOff.xinf, fOn.xinf], decay: [fOff.decay, fOn.decay] } : null,
    });
  }
  return out;
}

/** The pre-aligned kernel factory of a synapse spec with a pulse. */
export function pulseSynapseFactory(model: SpecModel): (ir: ModelIR, nPre: number, ctx: KernelContext) => PreSynapseKernel {
  return (ir, nPre, ctx) => new PulseSynapseKernel(model, ir, nPre, ctx);
}
