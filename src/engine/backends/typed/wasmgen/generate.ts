/**
 * Generates a population's step from a checked neuron spec (src/shared/modelspec) as a
 * WebAssembly module, at run time, for the fused driver (fused.ts, net_run's kinds >= 3) and for
 * the per-step path alike, so both run the same code. It does the step of the reference
 * interpreter (src/engine/spec/interpreter.ts) with the same IEEE operations in the same order,
 * except that `exp` is the deterministic one of lif.wat (detExp, within 1 ulp of Math.exp):
 *   1. reset, when the neuron spiked in the previous step (its threshold condition holds on the
 *      stored state; for a "rising" threshold: its last spike step is step - 1);
 *   2. unless refractory (step - last spike < ref steps): integrate each state by its scheme
 *      ("sequential" or "simultaneous", Runge–Kutta states as one system), then the bounds;
 *   3. threshold on the new state (for "rising", only when it was false before integrating).
 * Expressions that do not change within a call (parameters shared by the population, dt, t,
 * and what is made of them: exprel(dt·J) of a linear equation) are computed once per call.
 *
 * Synaptic input: at most two synapse slots (the groups' g, decayed in place as the hand loops
 * do). Current slots add to the spec's current input; a conductance slot g with reversal E adds
 * g·(E - V) to it, so for exponential Euler it enters J through V (J = d rhs/dV with the input
 * written as I_ext + ΣgE - Σg·V), as SEMANTICS.md gives for COBA.
 */
import type { Expr } from '../../../../shared/modelspec/ast';
import type { NeuronSpec, SpecState } from '../../../../shared/modelspec/check';
import { derivative } from '../../../../shared/modelspec/derivative';
import { dimEqual, namedDim, unitWord } from '../../../../shared/modelspec/dimension';
import { Body, encodeModule, F64, I32, OP, VOID } from './emit';

/** How the synapse slots of a population feed it (slot k is the population's k-th synapse group). */
export type SlotOutput = 'current' | 'conductance';

/** What one generated module is specialised for. */
export interface GenConfig {
  /** Time step, ms. */
  readonly dt: number;
  readonly slots: readonly SlotOutput[];
  /** The chosen option of each choice of the spec. */
  readonly choices: Readonly<Record<string, string>>;
  /** Parameters given per neuron (an array) instead of one value for the population. */
  readonly perNeuron: ReadonlySet<string>;
}

/**
 * The population entry of net_run's table as a generated kind reads it (see lif.wat): +0 n,
 * +8 last spike steps (i32), +12 external current, +16 g0, +20 g1, +24 spike list, +36 refractory
 * steps, +48 the block below, +88 g0 decay, +96 g1 decay, +104 E of g0, +112 E of g1 (mV).
 * The block holds 8 bytes per state (the i32 address of its f64 array), then 8 per parameter in
 * spec order (its value, or the i32 address of its f64 array when per neuron).
 */
export const ENTRY = { n: 0, last: 8, iext: 12, g0: 16, g1: 20, spikes: 24, ref: 36, block: 48, decay0: 88, decay1: 96, E0: 104, E1: 112 } as const;

/** A spec the generator cannot turn into WebAssembly; the message names the model and the state. */
export class GenerateError extends Error {}

/** Functions a spec may call that have a WebAssembly form here. */
const NATIVE: Readonly<Record<string, number>> = { sqrt: OP.f64_sqrt, abs: OP.f64_abs, min: OP.f64_min, max: OP.f64_max };
/** Below this |z| exprel(z) = 1 + z/2 (as neuronBase.ts's exprel). */
const EXPREL_SERIES = 1e-8;
/** Below this |z| exprel is summed as its Taylor series (see Generator.exprel). */
const EXPREL_TAYLOR = 1e-3;

const FN_EXP = 0;
const FN_EXPREL = 1;
const FN_STEP = 2;

const num = (value: number, e: Expr): Expr => ({ kind: 'number', value, pos: e.pos });
const bin = (op: '+' | '-' | '*', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, pos: left.pos });
const nm = (name: string, at: Expr): Expr => ({ kind: 'name', name, pos: at.pos });

/** The expression without positions, as a key for values computed once. */
function key(e: Expr): string {
  switch (e.kind) {
    case 'number': return `#${e.value}`;
    case 'unit': return `u:${e.name}`;
    case 'name': return e.name;
    case 'unary': return `(${e.op} ${key(e.arg)})`;
    case 'binary': return `(${e.op} ${key(e.left)} ${key(e.right)})`;
    case 'call': return `(${e.fn} ${e.args.map(key).join(' ')})`;
  }
}

/** The name of the input synaptic slots add to: the spec's one current input. */
function currentInput(spec: NeuronSpec): string | undefined {
  return spec.inputs.find((i) => dimEqual(i.dim, namedDim('current')))?.name;
}

/** Generate the module of `spec` under `cfg`; throws GenerateError naming the model and the state. */
export function generateStep(spec: NeuronSpec, cfg: GenConfig): Uint8Array {
  return new Generator(spec, cfg).module();
}

class Generator {
  private readonly f = new Body(2);
  private readonly pre: number[] = [];
  private readonly loop: number[] = [];
  /** Locals of values computed once per call, by key. */
  private readonly once = new Map<string, number>();
  /** Where each state, parameter and input is read from now. */
  private readonly env = new Map<string, number>();
  private readonly perNeuron = new Set<string>();
  private readonly input: string | undefined;
  private readonly conductance: boolean;
  /** What is being generated, for messages. */
  private where = '';

  constructor(private readonly spec: NeuronSpec, private readonly cfg: GenConfig) {
    this.input = currentInput(spec);
    this.conductance = cfg.slots.includes('conductance');
    const other = spec.inputs.find((i) => i.name !== this.input);
    if (other) throw new GenerateError(`${spec.name}: the input "${other.name}" is not a current; generated kernels feed one current input.`);
    if (cfg.slots.length > 2) throw new GenerateError(`${spec.name}: generated kernels take at most two synapse groups (${cfg.slots.length} given).`);
    if (cfg.slots.length > 0 && !this.input) throw new GenerateError(`${spec.name} has no current input ("input I : nA") for its synapses.`);
    if (this.conductance && !spec.states.some((s) => s.name === 'V' && dimEqual(s.dim, namedDim('voltage')))) {
      throw new GenerateError(`${spec.name}: a conductance-based output needs the membrane potential as a state named V.`);
    }
  }

  module(): Uint8Array {
    const exprel = this.exprel();
    this.body();
    this.f.code.length = 0;
    this.f.code.push(...this.pre, ...this.loop);
    return encodeModule({
      types: [{ params: [F64], results: [F64] }, { params: [I32, I32], results: [I32] }],
      importFuncs: [{ name: 'exp', type: 0 }],
      importMemory: true,
      funcs: [{ type: 0, body: exprel }, { type: 1, body: this.f }],
      exports: [{ name: 'step', func: FN_STEP }],
    });
  }

  /**
   * exprel(z) = (e^z - 1)/z on the deterministic exp: 1 + z/2 below EXPREL_SERIES (as
   * neuronBase.ts), its Taylor series to z^4 below EXPREL_TAYLOR (where e^z - 1 would lose
   * digits that expm1 keeps: the series' error is below z^5/720 < 2e-18 there), else the quotient
   * (relative error about 2^-52 / |z|, below 3e-13).
   */
  private exprel(): Body {
    const b = new Body(1);
    b.get(0).op(OP.f64_abs).f64(EXPREL_SERIES).op(OP.f64_lt, OP.if, F64);
    b.f64(1).get(0).f64(2).op(OP.f64_div, OP.f64_add);
    b.op(OP.else).get(0).op(OP.f64_abs).f64(EXPREL_TAYLOR).op(OP.f64_lt, OP.if, F64);
    // 1 + z(1/2 + z(1/6 + z(1/24 + z/120)))
    b.f64(1).get(0).f64(1 / 2).get(0).f64(1 / 6).get(0).f64(1 / 24).get(0).f64(1 / 120).op(OP.f64_mul, OP.f64_add, OP.f64_mul, OP.f64_add, OP.f64_mul, OP.f64_add, OP.f64_mul, OP.f64_add);
    b.op(OP.else).get(0).call(FN_EXP).f64(1).op(OP.f64_sub).get(0).op(OP.f64_div, OP.end, OP.end);
    return b;
  }

  /** Emit into the prologue (once per call) or the loop body. */
  private emitTo(target: number[], f: () => void): void {
    const saved = this.f.code;
    this.f.code = target;
    try {
      f();
    } finally {
      this.f.code = saved;
    }
  }

  private body(): void {
    const { f, spec, cfg } = this;
    const ENTRY_ARG = 0;
    const STEP_ARG = 1;
    const load32 = (at: number): number => {
      const l = f.local(I32);
      f.get(ENTRY_ARG).mem(OP.i32_load, at).set(l);
      return l;
    };
    const load64 = (at: number): number => {
      const l = f.local(F64);
      f.get(ENTRY_ARG).mem(OP.f64_load, at).set(l);
      return l;
    };
    const i = f.local(I32);
    const c = f.local(I32);
    const o8 = f.local(I32);
    const o4 = f.local(I32);
    const last = f.local(I32);
    let n = 0, pLast = 0, pIext = 0, pS = 0, ref = 0, blk = 0, t = 0;
    const slotG: number[] = [];
    const slotPtr: number[] = [];
    const slotDecay: number[] = [];
    const slotE: number[] = [];
    const statePtr: number[] = [];
    const paramPtr = new Map<string, number>();
    this.emitTo(this.pre, () => {
      n = load32(ENTRY.n);
      pLast = load32(ENTRY.last);
      pIext = load32(ENTRY.iext);
      pS = load32(ENTRY.spikes);
      ref = load32(ENTRY.ref);
      blk = load32(ENTRY.block);
      cfg.slots.forEach((out, k) => {
        slotPtr.push(load32(k === 0 ? ENTRY.g0 : ENTRY.g1));
        slotDecay.push(load64(k === 0 ? ENTRY.decay0 : ENTRY.decay1));
        slotE.push(out === 'conductance' ? load64(k === 0 ? ENTRY.E0 : ENTRY.E1) : -1);
        slotG.push(f.local(F64));
      });
      spec.states.forEach((s, k) => {
        const p = f.local(I32);
        f.get(blk).mem(OP.i32_load, 8 * k).set(p);
        statePtr.push(p);
        this.env.set(s.name, f.local(F64));
      });
      spec.params.forEach((p, k) => {
        const at = 8 * (spec.states.length + k);
        if (cfg.perNeuron.has(p.name)) {
          const ptr = f.local(I32);
          f.get(blk).mem(OP.i32_load, at).set(ptr);
          paramPtr.set(p.name, ptr);
          this.perNeuron.add(p.name);
          this.env.set(p.name, f.local(F64));
        } else {
          const l = f.local(F64);
          f.get(blk).mem(OP.f64_load, at).set(l);
          this.env.set(p.name, l);
        }
      });
      t = f.local(F64);
      f.get(STEP_ARG).op(OP.f64_convert_i32_s).f64(cfg.dt).op(OP.f64_mul).set(t);
      this.env.set('t', t);
    });
    const cur = f.local(F64);
    const gs = f.local(F64);
    const ge = f.local(F64);
    if (this.input) this.env.set('$cur', cur);
    this.env.set('$gs', gs);
    this.env.set('$ge', ge);

    this.emitTo(this.loop, () => {
      f.op(OP.block, VOID, OP.loop, VOID);
      f.get(i).get(n).op(OP.i32_ge_u).br(OP.br_if, 1);
      f.get(i).i32(3).op(OP.i32_shl).set(o8);
      f.get(i).i32(2).op(OP.i32_shl).set(o4);
      spec.states.forEach((s, k) => f.get(statePtr[k]).get(o8).op(OP.i32_add).mem(OP.f64_load).set(this.env.get(s.name) as number));
      for (const [name, ptr] of paramPtr) f.get(ptr).get(o8).op(OP.i32_add).mem(OP.f64_load).set(this.env.get(name) as number);
      // This step's g of each slot; the array keeps it decayed for the next step (as the hand loops).
      cfg.slots.forEach((_, k) => {
        f.get(slotPtr[k]).get(o8).op(OP.i32_add).mem(OP.f64_load).set(slotG[k]);
        f.get(slotPtr[k]).get(o8).op(OP.i32_add).get(slotG[k]).get(slotDecay[k]).op(OP.f64_mul).mem(OP.f64_store);
      });
      if (this.input) {
        // I_ext + current slots in slot order; conductances as Σg and Σg·E (sums from +0, as $lif_coba).
        f.get(pIext).get(o8).op(OP.i32_add).mem(OP.f64_load);
        cfg.slots.forEach((out, k) => { if (out === 'current') f.get(slotG[k]).op(OP.f64_add); });
        f.set(cur);
        if (this.conductance) {
          f.f64(0);
          cfg.slots.forEach((out, k) => { if (out === 'conductance') f.get(slotG[k]).op(OP.f64_add); });
          f.set(gs).f64(0);
          cfg.slots.forEach((out, k) => { if (out === 'conductance') f.get(slotG[k]).get(slotE[k]).op(OP.f64_mul, OP.f64_add); });
          f.set(ge);
        }
      }
      f.get(pLast).get(o4).op(OP.i32_add).mem(OP.i32_load).set(last);
      // 1. reset after a spike in the previous step
      // (the stored spike: the threshold condition on the stored state, as the interpreter and the
      // hand kernels; for "rising" the condition alone does not say it, the last spike step does)
      this.where = 'the threshold';
      if (!spec.threshold) f.i32(0);
      else if (spec.threshold.rising) f.get(last).get(1).i32(1).op(OP.i32_sub, OP.i32_eq);
      else this.bool(spec.threshold.condition);
      f.op(OP.if, VOID);
      this.resets();
      f.op(OP.end);
      // 2. integrate unless refractory; "rising" remembers the condition before
      const before = spec.threshold?.rising ? f.local(I32) : -1;
      if (before >= 0) {
        this.where = 'the threshold';
        this.bool(spec.threshold?.condition as Expr);
        f.set(before);
      }
      if (spec.refractory) f.get(1).get(last).op(OP.i32_sub).get(ref).op(OP.i32_ge_s, OP.if, VOID);
      this.integrate();
      if (spec.refractory) f.op(OP.end);
      spec.states.forEach((s, k) => f.get(statePtr[k]).get(o8).op(OP.i32_add).get(this.env.get(s.name) as number).mem(OP.f64_store));
      // 3. threshold
      if (spec.threshold) {
        this.where = 'the threshold';
        this.bool(spec.threshold.condition);
        if (before >= 0) f.get(before).op(OP.i32_eqz, OP.i32_and);
        f.op(OP.if, VOID);
        f.get(pS).get(c).i32(2).op(OP.i32_shl, OP.i32_add).get(i).mem(OP.i32_store);
        f.get(c).i32(1).op(OP.i32_add).set(c);
        f.get(pLast).get(o4).op(OP.i32_add).get(1).mem(OP.i32_store);
        f.op(OP.end);
      }
      f.get(i).i32(1).op(OP.i32_add).set(i).br(OP.br, 0);
      f.op(OP.end, OP.end);
      f.get(c);
    });
  }

  private resets(): void {
    const { f, spec, cfg } = this;
    for (const r of spec.resets) {
      if (r.when && (cfg.choices[r.when.choice] ?? spec.choices.find((c) => c.name === r.when?.choice)?.options[0]) !== r.when.option) continue;
      for (const st of r.statements) {
        this.where = `the reset of ${st.target}`;
        const x = this.env.get(st.target) as number;
        if (st.op === '=') this.num(st.value);
        else {
          f.get(x);
          this.num(st.value);
          f.op(st.op === '+=' ? OP.f64_add : st.op === '-=' ? OP.f64_sub : st.op === '*=' ? OP.f64_mul : OP.f64_div);
        }
        f.set(x);
      }
    }
  }

  /** The spec's right-hand side and J of a state, with the synaptic input written out for conductances. */
  private rhs(s: SpecState): { rhs: Expr; jacobian: Expr } {
    if (!this.conductance || !this.input) return { rhs: s.rhs, jacobian: s.jacobian };
    const input = this.input;
    const subst = (e: Expr): Expr => {
      switch (e.kind) {
        case 'name':
          if (e.name === input) return bin('-', bin('+', nm('$cur', e), nm('$ge', e)), bin('*', nm('$gs', e), nm('V', e)));
          return e;
        case 'unary': return { ...e, arg: subst(e.arg) };
        case 'binary': return { ...e, left: subst(e.left), right: subst(e.right) };
        case 'call': return { ...e, args: e.args.map(subst) };
        default: return e;
      }
    };
    const resolve = (name: string): Expr | undefined => {
      const sub = this.spec.subexpressions.get(name);
      return sub ? subst(sub.value) : undefined;
    };
    // Sub-expressions are inlined so that the input inside them is substituted too.
    const inline = (e: Expr): Expr => {
      switch (e.kind) {
        case 'name': { const v = resolve(e.name); return v ? inline(v) : subst(e); }
        case 'unary': return { ...e, arg: inline(e.arg) };
        case 'binary': return { ...e, left: inline(e.left), right: inline(e.right) };
        case 'call': return { ...e, args: e.args.map(inline) };
        default: return e;
      }
    };
    const rhs = inline(s.rhs);
    const jacobian = derivative(rhs, s.name, () => undefined);
    if (typeof jacobian === 'string') throw new GenerateError(`${this.spec.name}: d${s.name}/dt with conductance inputs: ${jacobian}.`);
    return { rhs, jacobian };
  }

  /** One step of a state alone (the others frozen), as the interpreter's integrateState; leaves the new value. */
  private single(s: SpecState): void {
    const { dt } = this.cfg;
    const { rhs, jacobian } = this.rhs(s);
    const x = nm(s.name, rhs);
    const DT = num(dt, rhs);
    switch (s.scheme) {
      case 'exact':
      case 'exponential_euler':
        this.num(bin('+', x, bin('*', bin('*', DT, { kind: 'call', fn: 'exprel', args: [bin('*', DT, jacobian)], pos: rhs.pos }), rhs)));
        return;
      default:
        this.rungeKutta(s.scheme, [s]);
    }
  }

  /** Runge–Kutta for the states of `group` together (the interpreter's rungeKutta), leaving their new values on the stack in order. */
  private rungeKutta(scheme: SpecState['scheme'], group: readonly SpecState[]): void {
    const { f } = this;
    const dt = this.cfg.dt;
    const y = group.map((s) => this.env.get(s.name) as number);
    const derivs = (at: readonly number[]): number[] => {
      const saved = group.map((s) => this.env.get(s.name) as number);
      group.forEach((s, j) => this.env.set(s.name, at[j]));
      const k = group.map((s) => {
        this.where = `d${s.name}/dt`;
        this.num(this.rhs(s).rhs);
        const l = f.local(F64);
        f.set(l);
        return l;
      });
      group.forEach((s, j) => this.env.set(s.name, saved[j]));
      return k;
    };
    const axpy = (a: readonly number[], h: number, d: readonly number[]): number[] => a.map((v, j) => {
      const l = f.local(F64);
      f.get(v).f64(h).get(d[j]).op(OP.f64_mul, OP.f64_add).set(l);
      return l;
    });
    const k1 = derivs(y);
    if (scheme === 'euler') {
      y.forEach((v, j) => f.get(v).f64(dt).get(k1[j]).op(OP.f64_mul, OP.f64_add));
      return;
    }
    if (scheme === 'rk2') {
      const k2 = derivs(axpy(y, dt / 2, k1));
      y.forEach((v, j) => f.get(v).f64(dt).get(k2[j]).op(OP.f64_mul, OP.f64_add));
      return;
    }
    const k2 = derivs(axpy(y, dt / 2, k1));
    const k3 = derivs(axpy(y, dt / 2, k2));
    const k4 = derivs(axpy(y, dt, k3));
    // v + (dt/6)·(k1 + 2·k2 + 2·k3 + k4), summed left to right as in JavaScript
    y.forEach((v, j) => {
      f.get(v).f64(dt / 6).get(k1[j]).f64(2).get(k2[j]).op(OP.f64_mul, OP.f64_add).f64(2).get(k3[j]).op(OP.f64_mul, OP.f64_add);
      f.get(k4[j]).op(OP.f64_add, OP.f64_mul, OP.f64_add);
    });
  }

  private integrate(): void {
    const { f, spec } = this;
    const bound = (s: SpecState): void => {
      if (!s.max) return;
      this.where = `the bound of ${s.name}`;
      this.num(s.max);
      f.op(OP.f64_min);
    };
    if (spec.order === 'sequential') {
      for (const s of spec.states) {
        this.where = `d${s.name}/dt`;
        this.single(s);
        bound(s);
        f.set(this.env.get(s.name) as number);
      }
      return;
    }
    // simultaneous: every right-hand side sees the values before the step
    const next = new Map<string, number>();
    const schemes = [...new Set(spec.states.map((s) => s.scheme))];
    for (const scheme of schemes) {
      const group = spec.states.filter((s) => s.scheme === scheme);
      if (scheme === 'exact' || scheme === 'exponential_euler') {
        for (const s of group) {
          this.where = `d${s.name}/dt`;
          this.single(s);
          const l = f.local(F64);
          f.set(l);
          next.set(s.name, l);
        }
      } else {
        this.rungeKutta(scheme, group);
        const ls = group.map(() => f.local(F64));
        for (let j = ls.length - 1; j >= 0; j--) f.set(ls[j]);
        group.forEach((s, j) => next.set(s.name, ls[j]));
      }
    }
    for (const s of spec.states) {
      f.get(next.get(s.name) as number);
      bound(s);
      f.set(this.env.get(s.name) as number);
    }
  }

  /** Whether `e` has the same value for every neuron within one call. */
  private invariant(e: Expr): boolean {
    switch (e.kind) {
      case 'number':
      case 'unit':
        return true;
      case 'name': {
        if (this.perNeuron.has(e.name) || e.name.startsWith('$')) return false;
        if (this.spec.states.some((s) => s.name === e.name) || e.name === this.input) return false;
        const sub = this.spec.subexpressions.get(e.name);
        return sub ? this.invariant(sub.value) : true;
      }
      case 'unary': return this.invariant(e.arg);
      case 'binary': return this.invariant(e.left) && this.invariant(e.right);
      case 'call': return e.args.every((a) => this.invariant(a));
    }
  }

  private isBool(e: Expr): boolean {
    return (e.kind === 'binary' && ['<', '<=', '>', '>=', '==', '!=', 'and', 'or'].includes(e.op)) || (e.kind === 'unary' && e.op === 'not');
  }

  /** Leave the f64 value of `e`. */
  private num(e: Expr): void {
    const { f } = this;
    if (this.isBool(e)) {
      this.bool(e);
      f.op(OP.f64_convert_i32_s);
      return;
    }
    if (e.kind !== 'number' && e.kind !== 'unit' && e.kind !== 'name' && this.invariant(e)) {
      const k = key(e);
      let l = this.once.get(k);
      if (l === undefined) {
        const local = f.local(F64);
        this.emitTo(this.pre, () => {
          this.value(e);
          f.set(local);
        });
        this.once.set(k, local);
        l = local;
      }
      f.get(l);
      return;
    }
    this.value(e);
  }

  private value(e: Expr): void {
    const { f } = this;
    switch (e.kind) {
      case 'number':
        f.f64(e.value);
        return;
      case 'unit': {
        const u = unitWord(e.name);
        if (!u) throw new GenerateError(`${this.spec.name}: "${e.name}" in ${this.where} is not a unit.`);
        f.f64(u.value);
        return;
      }
      case 'name': {
        const l = this.env.get(e.name);
        if (l !== undefined) {
          f.get(l);
          return;
        }
        if (e.name === this.input) {
          // Only current slots (or none): the input is I_ext plus their g.
          if (!this.conductance) {
            f.get(this.env.get('$cur') ?? this.zero());
            return;
          }
          this.num(bin('-', bin('+', nm('$cur', e), nm('$ge', e)), bin('*', nm('$gs', e), nm('V', e))));
          return;
        }
        const sub = this.spec.subexpressions.get(e.name);
        if (sub) {
          this.num(sub.value);
          return;
        }
        const u = unitWord(e.name);
        if (u) {
          f.f64(u.value);
          return;
        }
        throw new GenerateError(`${this.spec.name}: "${e.name}" in ${this.where} has no value in generated kernels.`);
      }
      case 'unary':
        if (e.op === '-') {
          this.num(e.arg);
          f.op(OP.f64_neg);
          return;
        }
        this.num(e);
        return;
      case 'call': {
        if (e.fn === 'exp' || e.fn === 'exprel') {
          this.num(e.args[0]);
          f.call(e.fn === 'exp' ? FN_EXP : FN_EXPREL);
          return;
        }
        const op = NATIVE[e.fn];
        if (op === undefined) {
          throw new GenerateError(`${this.spec.name}: ${this.where} calls ${e.fn}(), which has no deterministic WebAssembly version yet (exp, exprel, sqrt, abs, min and max have).`);
        }
        for (const a of e.args) this.num(a);
        f.op(op);
        return;
      }
      case 'binary': {
        if (e.op === '**') {
          const p = this.constant(e.right);
          if (p === 1) {
            this.num(e.left);
            return;
          }
          if (p === 2 || p === 3) {
            // x**2 and x**3 as products: Math.pow gives the correctly rounded x·x for 2; x·x·x may differ in the last bit for 3
            const l = f.local(F64);
            this.num(e.left);
            f.set(l).get(l).get(l).op(OP.f64_mul);
            if (p === 3) f.get(l).op(OP.f64_mul);
            return;
          }
          if (p === 0.5) {
            this.num(e.left);
            f.op(OP.f64_sqrt);
            return;
          }
          throw new GenerateError(`${this.spec.name}: ${this.where} raises to a power other than 1, 2, 3 or 0.5, which generated kernels do not compute yet.`);
        }
        this.num(e.left);
        this.num(e.right);
        f.op(e.op === '+' ? OP.f64_add : e.op === '-' ? OP.f64_sub : e.op === '*' ? OP.f64_mul : OP.f64_div);
      }
    }
  }

  /** The value of an expression of numbers alone (an exponent such as the 2 - 1 of a derivative), else NaN. */
  private constant(e: Expr): number {
    switch (e.kind) {
      case 'number': return e.value;
      case 'unary': return e.op === '-' ? -this.constant(e.arg) : NaN;
      case 'binary': {
        const l = this.constant(e.left);
        const r = this.constant(e.right);
        return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : e.op === '/' ? l / r : NaN;
      }
      default: return NaN;
    }
  }

  private zero(): number {
    const l = this.f.local(F64);
    return l;
  }

  /** Leave the i32 truth value of `e`. */
  private bool(e: Expr): void {
    const { f } = this;
    if (e.kind === 'unary' && e.op === 'not') {
      this.bool(e.arg);
      f.op(OP.i32_eqz);
      return;
    }
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
      this.bool(e.left);
      this.bool(e.right);
      f.op(e.op === 'and' ? OP.i32_and : OP.i32_or);
      return;
    }
    if (e.kind === 'binary' && ['<', '<=', '>', '>=', '==', '!='].includes(e.op)) {
      this.num(e.left);
      this.num(e.right);
      const ops: Record<string, number> = { '<': OP.f64_lt, '<=': OP.f64_le, '>': OP.f64_gt, '>=': OP.f64_ge, '==': OP.f64_eq, '!=': OP.f64_ne };
      f.op(ops[e.op]);
      return;
    }
    this.num(e);
    f.f64(0).op(OP.f64_ne);
  }
}
