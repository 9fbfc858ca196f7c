/**
 * The exact step of a synapse spec whose states form a linear system with constant coefficients:
 * every state "exact", each right-hand side linear in every state, with slopes and constant terms
 * that read only parameters (no t, no w). Then dx/dt = A·x + b and one step of dt is
 *
 *   x <- P·x + c,   [P c; 0 1] = exp([A·dt  b·dt; 0 0])
 *
 * the propagator Brian2's "exact" and Rotter & Diesmann's exact integration use. The coupled
 * states are solved together (Alpha's h drives g within the step), which stepping each state with
 * the others held (exponential Euler) would not be. P is computed once per kernel, so the step is
 * a small matrix-vector product per target neuron. Written once for the typed (synapseKernel.ts)
 * and the tfjs (synapseTfjs.ts) synapse kernels; the output, when it is linear in the states with
 * constant coefficients (DualExpon's a·(g_decay − g_rise)), is reduced to its coefficients too.
 */
import type { Expr } from '../../shared/modelspec/ast';
import { type NeuronSpec, SPIKE_WEIGHT } from '../../shared/modelspec/check';
import { dependsOn, derivative } from '../../shared/modelspec/derivative';
import { compileExpr, type Scope } from './closures';
import { exprel } from './exprel';

/** One step of the states: x_k <- Σ_j P[k·S + j]·x_j + c_k (row-major, S states). */
export interface LinearPropagator {
  readonly P: Float64Array;
  readonly c: Float64Array;
}

/** A value linear in the states: Σ_k coef[k]·x_k + offset. */
export interface LinearForm {
  readonly coef: Float64Array;
  readonly offset: number;
}

/**
 * Evaluate an expression of parameters (and unit words); states read 0, `t` and `w` have no
 * value. `params` are the parameters in coherent spec units (rates per ms).
 */
function constantEvaluator(spec: NeuronSpec, params: Readonly<Record<string, number>>): (e: Expr) => number {
  const S = spec.states.length;
  const names = spec.params.map((p) => p.name);
  // states, parameters, then w (0: an on_pre increment's value without weight)
  const frame = new Float64Array(S + names.length + 1);
  names.forEach((n, j) => (frame[S + j] = params[n]));
  const slots = new Map<string, number>();
  spec.states.forEach((s, k) => slots.set(s.name, k));
  names.forEach((n, j) => slots.set(n, S + j));
  slots.set(SPIKE_WEIGHT, S + names.length);
  const scope: Scope = { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: (n) => spec.subexpressions.get(n)?.value };
  return (e) => compileExpr(e, scope)();
}

const resolveIn = (spec: NeuronSpec) => (name: string): Expr | undefined => spec.subexpressions.get(name)?.value;

/** `e`'s coefficients in the states and its value at zero, or null when it is not linear with constant coefficients. */
function linearForm(spec: NeuronSpec, e: Expr, value: (e: Expr) => number): LinearForm | null {
  const resolve = resolveIn(spec);
  const states = spec.states.map((s) => s.name);
  // t and w vary per step: a term reading them is not a constant coefficient
  if (dependsOn(e, 't', resolve) || dependsOn(e, 'w', resolve)) return null;
  const coef = new Float64Array(states.length);
  for (let j = 0; j < states.length; j++) {
    const d = derivative(e, states[j], resolve);
    if (typeof d === 'string' || states.some((x) => dependsOn(d, x, resolve))) return null;
    coef[j] = value(d);
  }
  const offset = value(e);
  if (![...coef, offset].every(Number.isFinite)) return null;
  return { coef, offset };
}

/**
 * The propagator of the spec's states over `dt` (ms), or null when they are not all "exact" and
 * linear with constant coefficients (then each state takes its own scheme's step).
 */
export function linearPropagator(spec: NeuronSpec, params: Readonly<Record<string, number>>, dt: number): LinearPropagator | null {
  if (spec.states.length === 0 || spec.states.some((s) => s.scheme !== 'exact' || s.max)) return null;
  const value = constantEvaluator(spec, params);
  const S = spec.states.length;
  const n = S + 1;
  const M = new Float64Array(n * n);
  for (let k = 0; k < S; k++) {
    const f = linearForm(spec, spec.states[k].rhs, value);
    if (!f) return null;
    for (let j = 0; j < S; j++) M[k * n + j] = f.coef[j] * dt;
    M[k * n + S] = f.offset * dt;
  }
  const E = expm(M, n);
  const P = new Float64Array(S * S);
  const c = new Float64Array(S);
  for (let k = 0; k < S; k++) {
    for (let j = 0; j < S; j++) P[k * S + j] = E[k * n + j];
    c[k] = E[k * n + S];
    // A state on its own (no other state in its equation: Expon's g, DualExpon's two, Alpha's h)
    // takes the closed form itself, e^{A_kk·dt} and b_k·dt·exprel(A_kk·dt), as Math.exp gives it.
    let alone = true;
    for (let j = 0; j < S; j++) if (j !== k && M[k * n + j] !== 0) alone = false;
    if (alone) {
      P[k * S + k] = Math.exp(M[k * n + k]);
      c[k] = M[k * n + S] === 0 ? 0 : M[k * n + S] * exprel(M[k * n + k]);
    }
  }
  return { P, c };
}

/** The synapse output as a linear form of the states, or null when it is not one with constant coefficients. */
export function linearOutput(spec: NeuronSpec, params: Readonly<Record<string, number>>): LinearForm | null {
  if (!spec.synapse) return null;
  return linearForm(spec, spec.synapse.output, constantEvaluator(spec, params));
}

/**
 * on_pre as an increment per unit weight, state k += d[k]·w, when every statement adds to a state
 * a value proportional to w with a constant factor (Expon's, DualExpon's and Alpha's `+= w`);
 * null otherwise (then the statements run as written).
 */
export function linearOnPre(spec: NeuronSpec, params: Readonly<Record<string, number>>): Float64Array | null {
  if (!spec.synapse) return null;
  const value = constantEvaluator(spec, params);
  const resolve = resolveIn(spec);
  const index = new Map(spec.states.map((s, k) => [s.name, k]));
  const d = new Float64Array(spec.states.length);
  for (const st of spec.synapse.onPre) {
    const k = index.get(st.target);
    if (k === undefined || (st.op !== '+=' && st.op !== '-=')) return null;
    if (spec.states.some((x) => dependsOn(st.value, x.name, resolve)) || dependsOn(st.value, 't', resolve)) return null;
    const slope = derivative(st.value, SPIKE_WEIGHT, resolve);
    if (typeof slope === 'string' || dependsOn(slope, SPIKE_WEIGHT, resolve) || value(st.value) !== 0) return null;
    const per = value(slope);
    if (!Number.isFinite(per)) return null;
    d[k] += st.op === '+=' ? per : -per;
  }
  return d;
}

/** Taylor terms at most; the scaled matrix has norm <= 1/2, so 30 terms reach far below one ulp. */
const MAX_TERMS = 30;

/**
 * exp(M) of an n×n row-major matrix by scaling and squaring with a Taylor series: M is scaled by
 * 2^-s to a norm of at most 1/2, the series summed until a term no longer changes the sum, then
 * squared s times. For a synapse's few states at dt/tau <= 1 no squaring is needed and the result
 * is within a few ulps of the closed forms (tested against them in the synapse folders' tests).
 */
export function expm(M: Float64Array, n: number): Float64Array {
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(M[i * n + j]);
    norm = Math.max(norm, row);
  }
  if (!Number.isFinite(norm)) return new Float64Array(n * n).fill(NaN);
  const s = norm > 0.5 ? Math.ceil(Math.log2(norm / 0.5)) : 0;
  const X = M.map((v) => v / 2 ** s);
  const sum = new Float64Array(n * n);
  for (let i = 0; i < n; i++) sum[i * n + i] = 1;
  let term: Float64Array = Float64Array.from(sum);
  for (let k = 1; k <= MAX_TERMS; k++) {
    term = matmul(term, X, n).map((v) => v / k);
    let changed = false;
    for (let i = 0; i < n * n; i++) {
      const next = sum[i] + term[i];
      if (next !== sum[i]) changed = true;
      sum[i] = next;
    }
    if (!changed) break;
  }
  let out: Float64Array = sum;
  for (let q = 0; q < s; q++) out = matmul(out, out, n);
  return out;
}

function matmul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}
