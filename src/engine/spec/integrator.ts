/**
 * One step of a spec's states on a frame of slots (closures.ts), by each state's scheme, written
 * once for the neuron kernel (specKernel.ts) and the synapse kernel (synapseKernel.ts): exact and
 * exponential Euler as x + dt·exprel(dt·J)·f, Euler, RK2 and RK4 over the states of one scheme
 * together, "simultaneous" (every state sees the values before the step) or "sequential" order,
 * then the bounds. The arithmetic is the interpreter's (interpreter.ts), in the same order.
 */
import type { SpecState } from '../../shared/modelspec/check';
import { exprel } from './exprel';
import type { Closure } from './closures';

type Scheme = SpecState['scheme'];

/** States grouped by scheme in order of first appearance (the interpreter's groupsByScheme). */
function groupsByScheme(states: readonly SpecState[]): [Scheme, number[]][] {
  const out = new Map<Scheme, number[]>();
  states.forEach((s, k) => out.set(s.scheme, [...(out.get(s.scheme) ?? []), k]));
  return [...out];
}

export class FrameIntegrator {
  private readonly groups: readonly [Scheme, number[]][];
  private readonly next: Float64Array;
  private readonly before: Float64Array;

  /**
   * `frame` holds states in slots [0, S); `rhs` and `bound` read the frame; `jacobian(k)` is
   * ∂rhs_k/∂x_k for the values in the frame (the neuron kernel adds its conductances' share).
   */
  constructor(
    private readonly states: readonly SpecState[],
    private readonly frame: Float64Array,
    private readonly rhs: readonly Closure[],
    private readonly bound: readonly (Closure | null)[],
    private readonly dt: number,
    private readonly sequential: boolean,
    private readonly jacobian: (k: number) => number,
    /** State k's exact linear step (linearStep.ts) for the values in the frame, or null: its scheme's step. */
    private readonly linear: (k: number) => { readonly xinf: Closure; readonly decay: Closure } | null = () => null,
  ) {
    this.groups = groupsByScheme(states);
    this.next = new Float64Array(states.length);
    this.before = new Float64Array(states.length);
  }

  /** One step of state k alone (the others as the frame holds them), by its scheme; the frame is left as it was. */
  private single(k: number): number {
    const { frame } = this;
    const dt = this.dt;
    const f = this.rhs[k];
    const x = frame[k];
    switch (this.states[k].scheme) {
      case 'exact':
      case 'exponential_euler': {
        const lin = this.linear(k);
        if (lin) {
          const xinf = lin.xinf();
          return xinf + (x - xinf) * lin.decay();
        }
        return x + dt * exprel(dt * this.jacobian(k)) * f();
      }
      case 'euler':
        return x + dt * f();
      case 'rk2': {
        frame[k] = x + (dt / 2) * f();
        const v = x + dt * f();
        frame[k] = x;
        return v;
      }
      case 'rk4': {
        const k1 = f();
        frame[k] = x + (dt / 2) * k1;
        const k2 = f();
        frame[k] = x + (dt / 2) * k2;
        const k3 = f();
        frame[k] = x + dt * k3;
        const k4 = f();
        frame[k] = x;
        return x + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      }
    }
  }

  /** Derivatives of a Runge–Kutta group at y (written into the frame, then the snapshot restored). */
  private derivs(group: readonly number[], y: Float64Array, snapshot: Float64Array, out: Float64Array): void {
    const { frame } = this;
    for (let j = 0; j < group.length; j++) frame[group[j]] = y[j];
    for (let j = 0; j < group.length; j++) out[j] = this.rhs[group[j]]();
    for (let j = 0; j < group.length; j++) frame[group[j]] = snapshot[group[j]];
  }

  private readonly scratch = new Map<number, Float64Array[]>();

  /** y0, k1..k4 and a stage vector for a group of m states, reused every step. */
  private scratchFor(m: number): Float64Array[] {
    let s = this.scratch.get(m);
    if (!s) this.scratch.set(m, (s = Array.from({ length: 6 }, () => new Float64Array(m))));
    return s;
  }

  /**
   * The whole network of states of one neuron, by the interpreter's rules (see interpreter.ts).
   * `jump` (a voltage jump of this step, mV) is added to state `jumped` right after it is
   * integrated, before its bound, so states integrated after it in "sequential" order see the
   * jumped value (brainpy.state: `V = sum_delta_inputs(V)` before w's step); -1: none.
   */
  integrate(jumped = -1, jump = 0): void {
    const { frame, states, bound, next } = this;
    const dt = this.dt;
    if (this.sequential) {
      for (let k = 0; k < states.length; k++) {
        let v = this.single(k);
        if (k === jumped) v += jump;
        const b = bound[k];
        if (b !== null) v = Math.min(v, b());
        frame[k] = v;
      }
      return;
    }
    // The frame keeps the values before the step throughout (each stage restores it); results go to `next`.
    const snapshot = next;
    const S = states.length;
    const before = this.before;
    for (let k = 0; k < S; k++) before[k] = frame[k];
    for (const [scheme, group] of this.groups) {
      if (scheme === 'exact' || scheme === 'exponential_euler') {
        for (const k of group) snapshot[k] = this.single(k);
        continue;
      }
      const m = group.length;
      const [y, k1, k2, k3, k4, stage] = this.scratchFor(m);
      for (let j = 0; j < m; j++) y[j] = before[group[j]];
      this.derivs(group, y, before, k1);
      if (scheme === 'euler') {
        for (let j = 0; j < m; j++) snapshot[group[j]] = y[j] + dt * k1[j];
        continue;
      }
      for (let j = 0; j < m; j++) stage[j] = y[j] + (dt / 2) * k1[j];
      this.derivs(group, stage, before, k2);
      if (scheme === 'rk2') {
        for (let j = 0; j < m; j++) snapshot[group[j]] = y[j] + dt * k2[j];
        continue;
      }
      for (let j = 0; j < m; j++) stage[j] = y[j] + (dt / 2) * k2[j];
      this.derivs(group, stage, before, k3);
      for (let j = 0; j < m; j++) stage[j] = y[j] + dt * k3[j];
      this.derivs(group, stage, before, k4);
      for (let j = 0; j < m; j++) snapshot[group[j]] = y[j] + (dt / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    }
    if (jumped >= 0) snapshot[jumped] += jump;
    // Bounds see the values before the step (the interpreter's view is the snapshot), then all are written.
    for (let k = 0; k < S; k++) {
      const b = bound[k];
      if (b !== null) snapshot[k] = Math.min(snapshot[k], b());
    }
    for (let k = 0; k < S; k++) frame[k] = snapshot[k];
  }

}
