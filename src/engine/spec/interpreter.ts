/**
 * The reference interpreter of neuron specs: steps a population by walking the checked syntax tree
 * for every neuron, state and step. Slow on purpose and written to be read: it is what generated
 * kernels are compared with, so it does the step of SEMANTICS.md and nothing clever.
 *
 * One step s of neuron i (SEMANTICS.md "One time step", step 5):
 * 1. reset: if the stored spike of step s-1 is set, run the reset statements (those of the chosen
 *    options), in order, each seeing the previous one's result;
 * 2. integrate, unless refractory (s - t_spike < ceil(tau_ref/dt) steps, as the kernels count):
 *    "sequential": each state in declaration order by its scheme, the others frozen at their
 *    latest values, then its bound `max = …`; "simultaneous": from the values before the step,
 *    each exact/exponential-Euler state alone (the others frozen, Brian2's exponential_euler) and
 *    the states of one Runge–Kutta scheme together as one system (Brian2's euler/rk2/rk4), then
 *    the bounds. `t` is the step's start in every stage (inputs are constant within a step). A
 *    linear state of LIF's form takes its exact step x_inf + (x - x_inf)·e^{-dt/D}
 *    (linearStep.ts), as every kernel does, instead of exponential Euler's x + dt·exprel(dt·J)·f,
 *    which is the same step in another algebraic form;
 * 3. threshold on the new state (for "rising", only when it was false before the integration);
 *    a spike is stored for step s+1 and remembered as t_spike.
 * Inputs are supplied per step and neuron in coherent units (nA for a current). Synaptic
 * conductances, when given, enter the spec's current input as I + Σg·E - Σg·V at the V the step
 * sees (SEMANTICS.md, COBA), so for LIF they enter its leak; voltage jumps are not modelled yet.
 */
import { assigned, type Expr } from '../../shared/modelspec/ast';
import type { NeuronSpec, SpecState } from '../../shared/modelspec/check';
import { constantValue } from '../../shared/modelspec/check';
import { dimEqual, namedDim, unitWord } from '../../shared/modelspec/dimension';
import { exprel } from './exprel';
import { stepsAtLeast } from '../backends/common/steps';
import { detExp } from '../math/detExp';
import { CUR, DET_EXP, GE, GS, linearStep, MATH_EXP, synapticRhs } from './linearStep';


export interface InterpretOptions {
  readonly spec: NeuronSpec;
  /** Number of neurons. */
  readonly n: number;
  /** Time step, ms. */
  readonly dt: number;
  readonly steps: number;
  /** Parameter values in coherent units (ms, mV, nA, µS, MΩ, nF, 1/ms), one value or one per neuron; others take the spec's default. */
  readonly params?: Readonly<Record<string, number | ArrayLike<number>>>;
  readonly choices?: Readonly<Record<string, string>>;
  /** Initial values (coherent units) overriding the spec's `init` lines. */
  readonly init?: Readonly<Record<string, number | ArrayLike<number>>>;
  /** Value of input `name` for neuron i in step s (coherent units). */
  readonly input: (name: string, step: number, i: number) => number;
  /**
   * Synaptic conductances onto neuron i in step s: Σg (µS) and Σg·E (nA) over its conductance
   * outputs, as the step reads them (MgBlock's already blocked). They drive the spec's current input.
   */
  readonly conductance?: (step: number, i: number) => { readonly g: number; readonly gE: number };
}

export interface InterpretResult {
  /** Steps at which each neuron spiked. */
  readonly spikes: number[][];
  /** Every state after each step: trace[name][step * n + i]. */
  readonly trace: Record<string, Float64Array>;
}

type Env = (name: string) => number;

/** Value of an expression given the values of names; truth values are 1 and 0. */
export function evaluate(e: Expr, env: Env): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'unit':
      return unitValue(e.name);
    case 'name':
      return env(e.name);
    case 'unary':
      return e.op === '-' ? -evaluate(e.arg, env) : evaluate(e.arg, env) ? 0 : 1;
    case 'call': {
      const a = e.args.map((x) => evaluate(x, env));
      switch (e.fn) {
        case 'exp': return Math.exp(a[0]);
        case 'log': return Math.log(a[0]);
        case 'sqrt': return Math.sqrt(a[0]);
        case 'abs': return Math.abs(a[0]);
        case 'exprel': return exprel(a[0]);
        case MATH_EXP: return Math.exp(a[0]);
        case DET_EXP: return detExp(a[0]);
        case 'sin': return Math.sin(a[0]);
        case 'cos': return Math.cos(a[0]);
        case 'tanh': return Math.tanh(a[0]);
        case 'min': return Math.min(a[0], a[1]);
        case 'max': return Math.max(a[0], a[1]);
        default: throw new Error(`The interpreter has no function "${e.fn}".`);
      }
    }
    case 'binary': {
      if (e.op === 'and') return evaluate(e.left, env) && evaluate(e.right, env) ? 1 : 0;
      if (e.op === 'or') return evaluate(e.left, env) || evaluate(e.right, env) ? 1 : 0;
      const l = evaluate(e.left, env);
      const r = evaluate(e.right, env);
      switch (e.op) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': return l / r;
        case '**': return l ** r;
        case '<': return l < r ? 1 : 0;
        case '<=': return l <= r ? 1 : 0;
        case '>': return l > r ? 1 : 0;
        case '>=': return l >= r ? 1 : 0;
        case '==': return l === r ? 1 : 0;
        default: return l !== r ? 1 : 0;
      }
    }
  }
}

function unitValue(name: string): number {
  const u = unitWord(name);
  if (!u) throw new Error(`"${name}" is not a unit.`);
  return u.value;
}

const at = (v: number | ArrayLike<number>, i: number): number => (typeof v === 'number' ? v : v[i]);

/** One step of dx/dt = f(x) with everything else frozen, by the state's scheme. */
function integrateState(s: SpecState, x: number, dt: number, f: (x: number) => number, J: (x: number) => number): number {
  switch (s.scheme) {
    case 'exact':
    case 'exponential_euler':
      // Exact when f is linear in x: x_inf + (x - x_inf) e^{J dt} = x + dt·exprel(J dt)·f(x).
      return x + dt * exprel(dt * J(x)) * f(x);
    case 'euler':
      return x + dt * f(x);
    case 'rk2':
      return x + dt * f(x + (dt / 2) * f(x));
    case 'rk4': {
      const k1 = f(x);
      const k2 = f(x + (dt / 2) * k1);
      const k3 = f(x + (dt / 2) * k2);
      const k4 = f(x + dt * k3);
      return x + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }
  }
}

/** State indices grouped by scheme, in declaration order. */
function groupsByScheme(spec: NeuronSpec): Map<SpecState['scheme'], number[]> {
  const out = new Map<SpecState['scheme'], number[]>();
  spec.states.forEach((s, k) => out.set(s.scheme, [...(out.get(s.scheme) ?? []), k]));
  return out;
}

/** One explicit step of y' = f(y) for a vector y (Euler, midpoint RK2 or classical RK4). */
function rungeKutta(scheme: SpecState['scheme'], y: readonly number[], dt: number, f: (y: readonly number[]) => number[]): number[] {
  const axpy = (a: readonly number[], h: number, d: readonly number[]): number[] => a.map((v, j) => v + h * d[j]);
  const k1 = f(y);
  if (scheme === 'euler') return axpy(y, dt, k1);
  if (scheme === 'rk2') return axpy(y, dt, f(axpy(y, dt / 2, k1)));
  const k2 = f(axpy(y, dt / 2, k1));
  const k3 = f(axpy(y, dt / 2, k2));
  const k4 = f(axpy(y, dt, k3));
  return y.map((v, j) => v + (dt / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
}

/** Run a population of `spec` neurons for `steps` steps. */
export function interpret(o: InterpretOptions): InterpretResult {
  const { spec, n, dt, steps } = o;
  const choices: Record<string, string> = Object.fromEntries(spec.choices.map((c) => [c.name, o.choices?.[c.name] ?? c.options[0]]));
  for (const [name, value] of Object.entries(o.choices ?? {})) {
    const c = spec.choices.find((x) => x.name === name);
    if (!c || !c.options.includes(value)) throw new Error(`${spec.name} has no choice ${name} = ${value}.`);
  }
  const params = new Map<string, number | ArrayLike<number>>();
  for (const p of spec.params) {
    const v = o.params?.[p.name] ?? p.default;
    if (v === undefined) throw new Error(`${spec.name} needs a value for ${p.name}.`);
    params.set(p.name, v);
  }
  const stateIndex = new Map(spec.states.map((s, k) => [s.name, k]));
  const inputNames = new Set(spec.inputs.map((x) => x.name));
  const trace: Record<string, Float64Array> = Object.fromEntries(spec.states.map((s) => [s.name, new Float64Array(steps * n)]));
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const resets = spec.resets.filter((r) => !r.when || choices[r.when.choice] === r.when.option);
  const currentInput = spec.inputs.find((x) => dimEqual(x.dim, namedDim('current')))?.name;
  if (o.conductance && !currentInput) throw new Error(`${spec.name} has no current input for synaptic conductances.`);
  // with conductances the current input is written out as (I + Σg·E) - Σg·V in every right-hand side (linearStep.ts)
  const eqs = spec.states.map((s) => synapticRhs(spec, s, currentInput, o.conductance !== undefined));
  const linear = spec.states.map((s, k) => linearStep(spec, s, eqs[k].rhs, dt));

  for (let i = 0; i < n; i++) {
    let step = -1;
    const x = new Float64Array(spec.states.length);
    /** Values the current evaluation sees: the live states, or a snapshot for "simultaneous". */
    let view: Float64Array = x;
    let override: { k: number; value: number } | null = null;
    const env: Env = (name) => {
      const k = stateIndex.get(name);
      if (k !== undefined) return override && override.k === k ? override.value : view[k];
      const p = params.get(name);
      if (p !== undefined) return at(p, i);
      if (inputNames.has(name)) return o.input(name, step, i);
      if (o.conductance) {
        if (name === CUR) return o.input(currentInput as string, step, i);
        if (name === GE) return o.conductance(step, i).gE;
        if (name === GS) return o.conductance(step, i).g;
      }
      const sub = spec.subexpressions.get(name);
      if (sub) return evaluate(sub.value, env);
      if (name === 't') return step * dt;
      return unitValue(name);
    };
    spec.states.forEach((s, k) => {
      const given = o.init?.[s.name];
      x[k] = given !== undefined ? at(given, i) : evaluate(s.init, env);
    });
    const refractory = spec.refractory ? stepsAtLeast(evaluate(spec.refractory, env), dt) : 0;
    const bounded = (s: SpecState, v: number): number => (s.max ? Math.min(v, evaluate(s.max, env)) : v);
    const fires = (): boolean => (spec.threshold ? evaluate(spec.threshold.condition, env) !== 0 : false);
    let stored = fires();
    let lastSpike = -Infinity;
    for (step = 0; step < steps; step++) {
      if (stored) {
        for (const r of resets) {
          for (const st of r.statements) {
            const k = stateIndex.get(st.target) as number;
            const v = evaluate(st.value, env);
            x[k] = assigned(st.op, x[k], v);
          }
        }
      }
      const before = fires();
      if (step - lastSpike >= refractory) {
        const snapshot = Float64Array.from(x);
        /** The value of `e` with state k at `value` and the others as `view` holds them. */
        const withState = (k: number, value: number, e: Expr): number => {
          override = { k, value };
          try {
            return evaluate(e, env);
          } finally {
            override = null;
          }
        };
        const single = (k: number): number => {
          const s = spec.states[k];
          const lin = linear[k];
          if (lin) {
            const xinf = withState(k, view[k], lin.xinf);
            return xinf + (view[k] - xinf) * withState(k, view[k], lin.decay);
          }
          return integrateState(s, view[k], dt, (v) => withState(k, v, eqs[k].rhs), (v) => withState(k, v, eqs[k].jacobian));
        };
        if (spec.order === 'sequential') {
          spec.states.forEach((s, k) => {
            x[k] = bounded(s, single(k));
          });
        } else {
          view = snapshot;
          const next = Float64Array.from(snapshot);
          for (const [scheme, group] of groupsByScheme(spec)) {
            if (scheme === 'exact' || scheme === 'exponential_euler') {
              for (const k of group) next[k] = single(k);
              continue;
            }
            // Runge–Kutta states step together, as one system (the others frozen): Brian2's rk2/rk4.
            const derivs = (y: readonly number[]): number[] => {
              const tmp = Float64Array.from(snapshot);
              group.forEach((k, j) => {
                tmp[k] = y[j];
              });
              view = tmp;
              const d = group.map((k) => evaluate(eqs[k].rhs, env));
              view = snapshot;
              return d;
            };
            const y = rungeKutta(scheme, group.map((k) => snapshot[k]), dt, derivs);
            group.forEach((k, j) => {
              next[k] = y[j];
            });
          }
          spec.states.forEach((s, k) => {
            x[k] = bounded(s, next[k]);
          });
          view = x;
        }
      }
      stored = fires() && !(spec.threshold?.rising && before);
      if (stored) {
        spikes[i].push(step);
        lastSpike = step;
      }
      spec.states.forEach((s, k) => {
        trace[s.name][step * n + i] = x[k];
      });
    }
  }
  return { spikes, trace };
}

/** Default parameter values of a spec (coherent units), for callers that change a few. */
export function defaults(spec: NeuronSpec): Record<string, number> {
  return Object.fromEntries(spec.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default as number]));
}

/** Initial value of a state written with constants only, else undefined (it names a parameter). */
export function constantInit(s: SpecState): number | undefined {
  try {
    return constantValue(s.init).value;
  } catch {
    return undefined;
  }
}
