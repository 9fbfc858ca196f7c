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
 * and what is made of them: exprel(dt·J) of a linear equation) are computed once per call, and
 * a division by one becomes a multiplication by its reciprocal (the one place where a result
 * may differ from the interpreter's, in the last bit). Neurons are stepped in pairs on f64x2
 * lanes (branches become masks; the same IEEE operation per lane), the odd last one alone.
 *
 * Synaptic input: at most two synapse slots (the groups' g, decayed in place as the hand loops
 * do; a decay of 1 for groups whose g the 'synapses' phase computes; more groups are summed into
 * two slots per step by specKernel.ts, SpecKernel.merge). Current slots add to the spec's current input; a conductance slot g with reversal E adds
 * g·(E - V) to it, so for exponential Euler it enters J through V (J = d rhs/dV with the input
 * written as I_ext + ΣgE - Σg·V), as SEMANTICS.md gives for COBA.
 */
import type { Expr } from '../../../../shared/modelspec/ast';
import type { NeuronSpec, SpecState } from '../../../../shared/modelspec/check';
import { dimEqual, namedDim, unitWord } from '../../../../shared/modelspec/dimension';
import { CUR, DET_EXP, GE, GS, linearStep, MATH_EXP, synapticRhs } from '../../../spec/linearStep';
import { Body, encodeModule, F64, I32, OP, SIMD, V128, VOID } from './emit';
import { EXPREL_SERIES, EXPREL_TAYLOR, LaneMath } from './laneMath';

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
  /** Refractory steps per neuron (an i32 array at ENTRY.refs) instead of one number at ENTRY.ref. */
  readonly refPerNeuron?: boolean;
  /** Voltage jumps (Delta projections, mV, f64 array at ENTRY.delta) added to V as it is integrated, before its bound. */
  readonly delta?: boolean;
  /** Write the input current at the reset V (nA, f64 array at ENTRY.current), for a monitor of I. */
  readonly current?: boolean;
}

/**
 * The population entry of net_run's table as a generated kind reads it (see lif.wat): +0 n,
 * +8 last spike steps (i32), +12 external current, +16 g0, +20 g1, +24 spike list, +32 refractory
 * steps per neuron (i32; GenConfig.refPerNeuron), +36 refractory steps, +48 the block below, +88 g0 decay, +96 g1 decay, +104 E of g0, +112 E of g1 (mV),
 * +120 voltage jumps (f64 array; GenConfig.delta), +124 where the current is written for a monitor of I (f64 array; GenConfig.current).
 * The block holds 8 bytes per state (the i32 address of its f64 array), then 8 per parameter in
 * spec order (its value, or the i32 address of its f64 array when per neuron).
 */
export const ENTRY = { n: 0, last: 8, iext: 12, g0: 16, g1: 20, spikes: 24, refs: 32, ref: 36, block: 48, decay0: 88, decay1: 96, E0: 104, E1: 112, delta: 120, current: 124 } as const;

let fastBlocks = true;

/**
 * Generate blocks of pairs without reset and refractory masks where no lane needs them
 * (Generator.fastBlocks), for modules generated from now on; tests switch it off to compare.
 */
export function useFastBlocks(on: boolean): void {
  fastBlocks = on;
}

export function fastBlocksEnabled(): boolean {
  return fastBlocks;
}

/** A spec the generator cannot turn into WebAssembly; the message names the model and the state. */
export class GenerateError extends Error {}

/** Functions a spec may call that have a WebAssembly form here. */
const NATIVE: Readonly<Record<string, number>> = { sqrt: OP.f64_sqrt, abs: OP.f64_abs, min: OP.f64_min, max: OP.f64_max };

/** The f64x2 instruction of each scalar one the generator emits (the same IEEE operation per lane). */
const LANEWISE: ReadonlyMap<number, number> = new Map([
  [OP.f64_add, SIMD.f64x2_add], [OP.f64_sub, SIMD.f64x2_sub], [OP.f64_mul, SIMD.f64x2_mul], [OP.f64_div, SIMD.f64x2_div],
  [OP.f64_min, SIMD.f64x2_min], [OP.f64_max, SIMD.f64x2_max], [OP.f64_abs, SIMD.f64x2_abs], [OP.f64_neg, SIMD.f64x2_neg],
  [OP.f64_sqrt, SIMD.f64x2_sqrt], [OP.f64_eq, SIMD.f64x2_eq], [OP.f64_ne, SIMD.f64x2_ne], [OP.f64_lt, SIMD.f64x2_lt],
  [OP.f64_gt, SIMD.f64x2_gt], [OP.f64_le, SIMD.f64x2_le], [OP.f64_ge, SIMD.f64x2_ge],
  [OP.i32_and, SIMD.v128_and], [OP.i32_or, SIMD.v128_or], [OP.i32_eqz, SIMD.v128_not],
]);
/** Alignment (log2 bytes) of the v128 loads and stores: the arrays are 16-byte aligned, neuron pairs start at even i. */
const V128_ALIGN = 4;
/** Pairs of neurons per iteration of the main loop (8 neurons: the measured best of the hand-written LIF loop this replaced). */
const UNROLL = 4;

/** lif.wat's exp (detExp), for the odd last neuron (pairs inline it: laneMath.ts). */
const FN_EXP = 0;
/** Math.exp, for the decay factor of a linear equation computed once per call (see Generator.linear). */
const FN_MATH_EXP = 1;
const FN_EXPREL = 2;
const FN_STEP = 3;

const num = (value: number, e: Expr): Expr => ({ kind: 'number', value, pos: e.pos });
const bin = (op: '+' | '-' | '*', left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, pos: left.pos });
const nm = (name: string, at: Expr): Expr => ({ kind: 'name', name, pos: at.pos });
const VOLTAGE = 'V';

/**
 * tanh(x) on exprel (so on the deterministic exp): sign(x)·(-m/(2 + m)) with m = expm1(-2|x|)
 * = -2|x|·exprel(-2|x|), which neither overflows for large |x| nor cancels near 0 (a few ulp
 * from the interpreter's Math.tanh; Morris–Lecar's gates are 0.5·(1 + tanh(...))).
 */
function tanhOf(x: Expr): Expr {
  const z = bin('*', num(-2, x), { kind: 'call', fn: 'abs', args: [x], pos: x.pos });
  const m = bin('*', z, { kind: 'call', fn: 'exprel', args: [z], pos: x.pos });
  const t: Expr = { kind: 'binary', op: '/', left: { kind: 'unary', op: '-', arg: m, pos: x.pos }, right: bin('+', num(2, x), m), pos: x.pos };
  const sign = bin('-', bin('*', num(2, x), { kind: 'binary', op: '>=', left: x, right: num(0, x), pos: x.pos }), num(1, x));
  return bin('*', t, sign);
}

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
  /** Scalar locals of values computed once per call, by key. */
  private readonly once = new Map<string, number>();
  /** Scalar locals of the population's shared parameters and t. */
  private readonly shared = new Map<string, number>();
  /** The f64x2 splat of a scalar local, made in the prologue on first use. */
  private readonly splats = new Map<number, number>();
  /** v128 locals of constants (Generator.vconst), by value. */
  private readonly vconsts = new Map<string, number>();
  /** exp and exprel on two lanes, inlined (laneMath.ts). */
  private readonly laneMath = new LaneMath(this.f, (v) => this.vconst(v), FN_EXP);
  /** Per neuron (this lane mode): where each state, per-neuron parameter and input is read from now. */
  private env = new Map<string, number>();
  /**
   * Values computed once per neuron within one integration (Generator.num): the local holding
   * each exp/exprel call and each expression containing one or a division, by its key over the
   * locals it reads (the same operations on the same locals give the same bits, so sharing them
   * changes nothing but the count: HH's α and β appear in both f(x) and J of their gate).
   * Emptied whenever a state's local is written.
   */
  private readonly cse = new Map<string, number>();
  /** Whether `cse` is in use (during integration only: resets and thresholds write and read states around it). */
  private cseOn = false;
  private readonly perNeuron = new Set<string>();
  private readonly input: string | undefined;
  private readonly conductance: boolean;
  /** 2: two neurons per instruction (f64x2 lanes, masks for branches); 1: one (the odd last neuron). */
  private lanes: 1 | 2 = 1;
  /** What is being generated, for messages. */
  private where = '';
  /** Where this neuron's voltage jumps are read (GenConfig.delta), else null. */
  private jumps: { readonly ptr: number; readonly at: Slot } | null = null;

  constructor(private readonly spec: NeuronSpec, private readonly cfg: GenConfig) {
    this.input = currentInput(spec);
    this.conductance = cfg.slots.includes('conductance');
    const other = spec.inputs.find((i) => i.name !== this.input);
    if (other) throw new GenerateError(`${spec.name}: the input "${other.name}" is not a current; generated kernels feed one current input.`);
    if (cfg.slots.length > 2) throw new GenerateError(`${spec.name}: generated kernels take at most two synapse groups (${cfg.slots.length} given).`);
    if (cfg.slots.length > 0 && !this.input) throw new GenerateError(`${spec.name} has no current input ("input I : nA") for its synapses.`);
    const voltage = spec.states.some((s) => s.name === VOLTAGE && dimEqual(s.dim, namedDim('voltage')));
    if (this.conductance && !voltage) throw new GenerateError(`${spec.name}: a conductance-based output needs the membrane potential as a state named V.`);
    if (cfg.delta && !voltage) throw new GenerateError(`${spec.name}: voltage jumps (Delta) need the membrane potential as a state named V.`);
    if (cfg.current && !this.input) throw new GenerateError(`${spec.name} has no current input ("input I : nA") to record.`);
  }

  module(): Uint8Array {
    const exprel = this.exprel();
    this.body();
    this.f.code = [...this.pre, ...this.loop];
    return encodeModule({
      types: [{ params: [F64], results: [F64] }, { params: [I32, I32], results: [I32] }],
      importFuncs: [{ name: 'exp', type: 0 }, { name: 'math_exp', type: 0 }],
      importMemory: true,
      funcs: [{ type: 0, body: exprel }, { type: 1, body: this.f }],
      exports: [{ name: 'step', func: FN_STEP }],
    });
  }

  /**
   * exprel(z) = (e^z - 1)/z on the deterministic exp: 1 + z/2 below EXPREL_SERIES (as
   * spec/exprel.ts), its Taylor series to z^4 below EXPREL_TAYLOR (where e^z - 1 would lose
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

  /** A v128 local holding `v` in both lanes, set once in the prologue (a v128.const costs several instructions per use). */
  private vconst(v: number): number {
    const k = Object.is(v, -0) ? '-0' : String(v);
    let l = this.vconsts.get(k);
    if (l === undefined) {
      const local = this.f.local(V128);
      this.emitTo(this.pre, () => this.f.f64x2(v).set(local));
      this.vconsts.set(k, local);
      l = local;
    }
    return l;
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

  /** A local for one value of this lane mode (f64, or f64x2). */
  private numLocal(): number {
    return this.f.local(this.lanes === 2 ? V128 : F64);
  }

  /** Emit the scalar instruction `op`, or its f64x2 form on two lanes. */
  private ar(op: number): void {
    if (this.lanes === 1) this.f.op(op);
    else this.f.simd(LANEWISE.get(op) as number);
  }

  private konst(v: number): void {
    if (this.lanes === 1) this.f.f64(v);
    else this.f.f64x2(v);
  }

  /** A scalar local as a value of this lane mode (its splat on two lanes). */
  private scalar(l: number): void {
    if (this.lanes === 1) {
      this.f.get(l);
      return;
    }
    let v = this.splats.get(l);
    if (v === undefined) {
      const local = this.f.local(V128);
      this.emitTo(this.pre, () => this.f.get(l).simd(SIMD.f64x2_splat).set(local));
      this.splats.set(l, local);
      v = local;
    }
    this.f.get(v);
  }

  /** Load the value(s) of f64 array `ptr` at `at`. */
  private load(ptr: number, at: Slot): void {
    this.f.get(ptr).get(at.o8).op(OP.i32_add);
    if (this.lanes === 1) this.f.mem(OP.f64_load, 8 * at.first);
    else this.f.simd(SIMD.v128_load, V128_ALIGN, 8 * at.first);
  }

  /** Store local `l` into f64 array `ptr` at `at`. */
  private store(ptr: number, at: Slot, l: number): void {
    this.f.get(ptr).get(at.o8).op(OP.i32_add).get(l);
    if (this.lanes === 1) this.f.mem(OP.f64_store, 8 * at.first);
    else this.f.simd(SIMD.v128_store, V128_ALIGN, 8 * at.first);
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
    const nPairs = f.local(I32);
    const nBlocks = f.local(I32);
    const io: Io = { i, c, o8: f.local(I32), o4: f.local(I32), stepX4: f.local(V128), refX4: f.local(V128), n: 0, pLast: 0, pIext: 0, pS: 0, ref: 0, pRefs: 0, slotPtr: [], slotDecay: [], slotE: [], statePtr: [], paramPtr: new Map(), pDelta: 0, pCurrent: 0 };
    this.emitTo(this.pre, () => {
      io.n = load32(ENTRY.n);
      io.pLast = load32(ENTRY.last);
      io.pIext = load32(ENTRY.iext);
      io.pS = load32(ENTRY.spikes);
      io.ref = load32(ENTRY.ref);
      io.pRefs = load32(ENTRY.refs);
      if (cfg.delta) io.pDelta = load32(ENTRY.delta);
      if (cfg.current) io.pCurrent = load32(ENTRY.current);
      const blk = load32(ENTRY.block);
      cfg.slots.forEach((out, k) => {
        io.slotPtr.push(load32(k === 0 ? ENTRY.g0 : ENTRY.g1));
        io.slotDecay.push(load64(k === 0 ? ENTRY.decay0 : ENTRY.decay1));
        io.slotE.push(out === 'conductance' ? load64(k === 0 ? ENTRY.E0 : ENTRY.E1) : -1);
      });
      spec.states.forEach((_, k) => {
        const p = f.local(I32);
        f.get(blk).mem(OP.i32_load, 8 * k).set(p);
        io.statePtr.push(p);
      });
      spec.params.forEach((p, k) => {
        const at = 8 * (spec.states.length + k);
        if (cfg.perNeuron.has(p.name)) {
          const ptr = f.local(I32);
          f.get(blk).mem(OP.i32_load, at).set(ptr);
          io.paramPtr.set(p.name, ptr);
          this.perNeuron.add(p.name);
        } else {
          const l = f.local(F64);
          f.get(blk).mem(OP.f64_load, at).set(l);
          this.shared.set(p.name, l);
        }
      });
      const t = f.local(F64);
      f.get(STEP_ARG).op(OP.f64_convert_i32_s).f64(cfg.dt).op(OP.f64_mul).set(t);
      this.shared.set('t', t);
      f.get(io.n).i32(-2).op(OP.i32_and).set(nPairs);
      f.get(io.n).i32(-2 * UNROLL).op(OP.i32_and).set(nBlocks);
      f.get(STEP_ARG).simd(SIMD.i32x4_splat).set(io.stepX4);
      f.get(io.ref).simd(SIMD.i32x4_splat).set(io.refX4);
    });
    this.emitTo(this.loop, () => {
      // UNROLL pairs of neurons per iteration on f64x2 lanes (one spike test for all of them,
      // spikes are rare), then pairs, then the odd last neuron
      for (const [lanes, pairs, end] of [[2, UNROLL, nBlocks], [2, 1, nPairs], [1, 1, io.n]] as const) {
        this.lanes = lanes;
        f.op(OP.block, VOID, OP.loop, VOID);
        f.get(i).get(end).op(OP.i32_ge_u).br(OP.br_if, 1);
        // byte offsets of neuron i in f64 and i32 arrays; the neurons after it are reached by the
        // accesses' constant offsets (Slot), so each array's address is computed once per iteration
        f.get(i).i32(3).op(OP.i32_shl).set(io.o8);
        f.get(i).i32(2).op(OP.i32_shl).set(io.o4);
        const pairsOf = (fast: boolean): void => {
          const bits = Array.from({ length: pairs }, (_, k) => this.neuron(io, 2 * k, pairs > 1, fast));
          if (pairs === 1) return;
          f.get(bits[0]);
          for (const b of bits.slice(1)) f.get(b).op(OP.i32_or);
          f.op(OP.if, VOID);
          bits.forEach((b, k) => {
            for (let lane = 0; lane < 2; lane++) {
              f.get(b).i32(1 << lane).op(OP.i32_and, OP.if, VOID);
              this.record(io, 2 * k + lane);
              f.op(OP.end);
            }
          });
          f.op(OP.end);
        };
        if (pairs > 1 && this.fastBlocks()) {
          // Most blocks have no neuron to reset and none refractory: they take a copy of the
          // step without the masks (selecting with an all-true or all-false mask changes no bit).
          // Choosing per pair inside the other blocks (bitmasks instead of any_true, a branch per
          // pair) was measured on 2026-12-08 and did not pay: callgrind run instructions, medians
          // of 3, cuba-4k 402.1M before, 415.9M after; coba-4k 658.3M, 663.4M.
          this.anyHeldOrReset(io, pairs);
          f.op(OP.if, VOID);
          pairsOf(false);
          f.op(OP.else);
          pairsOf(true);
          f.op(OP.end);
        } else pairsOf(false);
        f.get(i).i32(lanes * pairs).op(OP.i32_add).set(i).br(OP.br, 0);
        f.op(OP.end, OP.end);
      }
      f.get(c);
    });
  }

  /**
   * One neuron (or a pair, on two lanes) at index i + first. `deferred`: the pair's spikes are
   * not recorded here; returns the local holding their lane bits (else -1).
   */
  private neuron(io: Io, first: number, deferred: boolean, fast = false): number {
    const { f, spec, cfg } = this;
    const two = this.lanes === 2;
    const STEP_ARG = 1;
    this.env = new Map();
    const at: Slot = { o8: io.o8, first };
    spec.states.forEach((s, k) => {
      const l = this.numLocal();
      this.load(io.statePtr[k], at);
      f.set(l);
      this.env.set(s.name, l);
    });
    for (const [name, ptr] of io.paramPtr) {
      const l = this.numLocal();
      this.load(ptr, at);
      f.set(l);
      this.env.set(name, l);
    }
    // This step's g of each slot; the array keeps it decayed for the next step (as the hand loops).
    const g = cfg.slots.map((_, k) => {
      const l = this.numLocal();
      this.load(io.slotPtr[k], at);
      f.set(l);
      f.get(io.slotPtr[k]).get(io.o8).op(OP.i32_add).get(l);
      this.scalar(io.slotDecay[k]);
      this.ar(OP.f64_mul);
      if (two) f.simd(SIMD.v128_store, V128_ALIGN, 8 * first);
      else f.mem(OP.f64_store, 8 * first);
      return l;
    });
    if (this.input) {
      // I_ext + current slots in slot order; conductances as Σg and Σg·E (sums from +0).
      const cur = this.numLocal();
      this.load(io.pIext, at);
      cfg.slots.forEach((out, k) => {
        if (out === 'current') {
          f.get(g[k]);
          this.ar(OP.f64_add);
        }
      });
      f.set(cur);
      this.env.set(CUR, cur);
      if (this.conductance) {
        const gs = this.numLocal();
        const ge = this.numLocal();
        this.konst(0);
        cfg.slots.forEach((out, k) => {
          if (out === 'conductance') {
            f.get(g[k]);
            this.ar(OP.f64_add);
          }
        });
        f.set(gs);
        this.konst(0);
        cfg.slots.forEach((out, k) => {
          if (out === 'conductance') {
            f.get(g[k]);
            this.scalar(io.slotE[k]);
            this.ar(OP.f64_mul);
            this.ar(OP.f64_add);
          }
        });
        f.set(ge);
        this.env.set(GS, gs);
        this.env.set(GE, ge);
      }
    }
    // last spike steps: one i32, or two in the low lanes of an i32x4 (a block without resets or
    // refractory neurons reads them only for a "rising" threshold)
    const last = f.local(two ? V128 : I32);
    if (!fast || spec.threshold?.rising) {
      f.get(io.pLast).get(io.o4).op(OP.i32_add);
      if (two) f.simd(SIMD.v128_load64_zero, 3, 4 * first);
      else f.mem(OP.i32_load, 4 * first);
      f.set(last);
    }
    /** Leaves the i64x2 mask of lanes whose i32 `a op b` holds, from two i32x4 values on the stack. */
    const widen = (op: number): void => {
      f.simd(op).simd(SIMD.i64x2_extend_low_i32x4_s);
    };

    // 1. reset after a spike in the previous step (the threshold condition on the stored state, as
    // the interpreter and the hand kernels; for "rising" the condition alone does not say it, the
    // last spike step does)
    this.where = 'the threshold';
    const stored = (): void => {
      if (spec.threshold?.rising) {
        f.get(last);
        if (two) {
          f.get(STEP_ARG).i32(1).op(OP.i32_sub).simd(SIMD.i32x4_splat);
          widen(SIMD.i32x4_eq);
        } else f.get(STEP_ARG).i32(1).op(OP.i32_sub, OP.i32_eq);
      } else if (spec.threshold) this.bool(spec.threshold.condition);
    };
    if (spec.threshold && spec.resets.length > 0 && !fast) {
      if (two) {
        const mask = f.local(V128);
        stored();
        f.set(mask);
        this.resets(mask);
      } else {
        stored();
        f.op(OP.if, VOID);
        this.resets(-1);
        f.op(OP.end);
      }
    }
    // the input current at the reset state, for a monitor of I (refractory or not, as the JavaScript kernel)
    if (cfg.current && this.input) {
      this.where = 'the recorded current';
      const cur = this.numLocal();
      this.num({ kind: 'name', name: this.input, pos: { line: 0, column: 0 } });
      f.set(cur);
      this.store(io.pCurrent, at, cur);
    }
    // 2. integrate unless refractory; "rising" remembers the condition before
    const before = spec.threshold?.rising ? f.local(two ? V128 : I32) : -1;
    if (before >= 0) {
      this.where = 'the threshold';
      this.bool(spec.threshold?.condition as Expr);
      f.set(before);
    }
    const held = spec.refractory !== undefined && !fast;
    const perRef = cfg.refPerNeuron === true;
    if (held && !two) {
      f.get(STEP_ARG).get(last).op(OP.i32_sub);
      if (perRef) f.get(io.pRefs).get(io.o4).op(OP.i32_add).mem(OP.i32_load, 4 * first);
      else f.get(io.ref);
      f.op(OP.i32_ge_s, OP.if, VOID);
    }
    const old = held && two ? spec.states.map((s) => {
      const l = f.local(V128);
      f.get(this.env.get(s.name) as number).set(l);
      return l;
    }) : [];
    this.jumps = cfg.delta ? { ptr: io.pDelta, at } : null;
    this.integrate();
    if (held && !two) f.op(OP.end);
    if (held && two) {
      // lanes with step - last >= ref take the new state, the others keep theirs
      const integrating = f.local(V128);
      f.get(io.stepX4).get(last).simd(SIMD.i32x4_sub);
      if (perRef) f.get(io.pRefs).get(io.o4).op(OP.i32_add).simd(SIMD.v128_load64_zero, 3, 4 * first);
      else f.get(io.refX4);
      widen(SIMD.i32x4_ge_s);
      f.set(integrating);
      spec.states.forEach((s, k) => {
        const x = this.env.get(s.name) as number;
        f.get(x).get(old[k]).get(integrating).simd(SIMD.v128_bitselect).set(x);
      });
    }
    spec.states.forEach((s, k) => this.store(io.statePtr[k], at, this.env.get(s.name) as number));
    // 3. threshold
    const bits = f.local(I32);
    if (!spec.threshold) return deferred ? bits : -1;
    this.where = 'the threshold';
    this.bool(spec.threshold.condition);
    if (two) {
      if (before >= 0) f.get(before).simd(SIMD.v128_andnot);
      f.simd(SIMD.i64x2_bitmask).set(bits);
      if (deferred) return bits;
      f.get(bits).op(OP.if, VOID);
      for (let lane = 0; lane < 2; lane++) {
        f.get(bits).i32(1 << lane).op(OP.i32_and, OP.if, VOID);
        this.record(io, first + lane);
        f.op(OP.end);
      }
      f.op(OP.end);
    } else {
      if (before >= 0) f.get(before).op(OP.i32_eqz, OP.i32_and);
      f.op(OP.if, VOID);
      this.record(io, first);
      f.op(OP.end);
    }
    return -1;
  }

  /**
   * Whether blocks of pairs get a copy of the step without reset and refractory masks, taken when
   * anyHeldOrReset finds no lane that needs them: for specs with a reset or a refractory period
   * whose threshold is a condition on states and parameters (not "rising", which reads the last
   * spike step instead).
   */
  private fastBlocks(): boolean {
    const { spec } = this;
    if (!fastBlocks) return false;
    const th = spec.threshold;
    if (th?.rising) return false;
    const resets = th !== undefined && spec.resets.length > 0;
    if (!resets && spec.refractory === undefined) return false;
    return !resets || this.readsOnlyStatesAndParams(th.condition);
  }

  private readsOnlyStatesAndParams(e: Expr): boolean {
    switch (e.kind) {
      case 'number':
      case 'unit':
        return true;
      case 'name': {
        if (this.spec.states.some((s) => s.name === e.name) || this.spec.params.some((p) => p.name === e.name)) return true;
        if (unitWord(e.name)) return true;
        const sub = this.spec.subexpressions.get(e.name);
        return sub !== undefined && this.readsOnlyStatesAndParams(sub.value);
      }
      case 'unary': return this.readsOnlyStatesAndParams(e.arg);
      case 'binary': return this.readsOnlyStatesAndParams(e.left) && this.readsOnlyStatesAndParams(e.right);
      case 'call': return e.args.every((a) => this.readsOnlyStatesAndParams(a));
    }
  }

  /**
   * Leave an i32, non-zero when some neuron of the block of `pairs` pairs at i will be reset
   * (the threshold condition on its stored state) or is refractory (step - last < ref steps).
   */
  private anyHeldOrReset(io: Io, pairs: number): void {
    const { f, spec, cfg } = this;
    const any = f.local(V128);
    f.i32(0).simd(SIMD.i32x4_splat).set(any);
    const or = (): void => {
      f.get(any).simd(SIMD.v128_or).set(any);
    };
    if (spec.refractory !== undefined) {
      // four last spike steps per v128 (pairs is even)
      for (let q = 0; q < pairs / 2; q++) {
        f.get(io.stepX4).get(io.pLast).get(io.o4).op(OP.i32_add).simd(SIMD.v128_load, V128_ALIGN, 16 * q).simd(SIMD.i32x4_sub);
        if (cfg.refPerNeuron) f.get(io.pRefs).get(io.o4).op(OP.i32_add).simd(SIMD.v128_load, V128_ALIGN, 16 * q);
        else f.get(io.refX4);
        f.simd(SIMD.i32x4_lt_s);
        or();
      }
    }
    if (spec.threshold && spec.resets.length > 0) {
      this.where = 'the threshold';
      for (let k = 0; k < pairs; k++) {
        const at: Slot = { o8: io.o8, first: 2 * k };
        this.env = new Map();
        spec.states.forEach((s, j) => {
          const l = f.local(V128);
          this.load(io.statePtr[j], at);
          f.set(l);
          this.env.set(s.name, l);
        });
        for (const [name, ptr] of io.paramPtr) {
          const l = f.local(V128);
          this.load(ptr, at);
          f.set(l);
          this.env.set(name, l);
        }
        this.bool(spec.threshold.condition);
        or();
      }
    }
    f.get(any).simd(SIMD.v128_any_true);
  }

  /** Append neuron i + offset to the spike list and remember the step as its last spike. */
  private record(io: Io, offset: number): void {
    const { f } = this;
    f.get(io.pS).get(io.c).i32(2).op(OP.i32_shl, OP.i32_add).get(io.i).i32(offset).op(OP.i32_add).mem(OP.i32_store);
    f.get(io.c).i32(1).op(OP.i32_add).set(io.c);
    f.get(io.pLast).get(io.i).i32(offset).op(OP.i32_add).i32(2).op(OP.i32_shl, OP.i32_add).get(1).mem(OP.i32_store);
  }

  /** The reset statements of the chosen options; on two lanes only where `mask` is set. */
  private resets(mask: number): void {
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
          this.ar(st.op === '+=' ? OP.f64_add : st.op === '-=' ? OP.f64_sub : st.op === '*=' ? OP.f64_mul : OP.f64_div);
        }
        if (mask >= 0) f.get(x).get(mask).simd(SIMD.v128_bitselect);
        f.set(x);
      }
    }
  }

  /** The spec's right-hand side and J of a state, with the synaptic input written out for conductances. */
  private rhs(s: SpecState): { rhs: Expr; jacobian: Expr } {
    try {
      return synapticRhs(this.spec, s, this.input, this.conductance);
    } catch (e) {
      throw new GenerateError((e as Error).message);
    }
  }

  /** One step of a state alone (the others frozen), as the interpreter's integrateState; leaves the new value. */
  private single(s: SpecState): void {
    const { spec } = this;
    const { dt } = this.cfg;
    const { rhs, jacobian } = this.rhs(s);
    const x = nm(s.name, rhs);
    const DT = num(dt, rhs);
    switch (s.scheme) {
      case 'exact':
      case 'exponential_euler': {
        const lin = linearStep(spec, s, rhs, dt);
        if (lin) {
          // x_inf + (x - x_inf)·decay (spec/linearStep.ts: LIF's exact step, with or without
          // conductances; the JavaScript spec kernel steps it with the same operations)
          const xinf = this.numLocal();
          this.num(lin.xinf);
          this.f.set(xinf);
          this.f.get(xinf);
          this.f.get(this.env.get(s.name) as number).get(xinf);
          this.ar(OP.f64_sub);
          this.num(lin.decay);
          this.ar(OP.f64_mul);
          this.ar(OP.f64_add);
          return;
        }
        const factor = bin('*', DT, { kind: 'call', fn: 'exprel', args: [bin('*', DT, jacobian)], pos: rhs.pos });
        if (rhs.kind === 'binary' && rhs.op === '/' && this.invariant(factor) && this.invariant(rhs.right) && !this.invariant(rhs.left)) {
          // x + (dt·exprel(dt·J))·(a / tau) as x + (dt·exprel(dt·J) / tau)·a, the factor computed once per
          // call (LIF's step is then two multiplications per neuron; rounding may differ in the last bit)
          this.num(bin('+', x, bin('*', { kind: 'binary', op: '/', left: factor, right: rhs.right, pos: rhs.pos }, rhs.left)));
          return;
        }
        this.num(bin('+', x, bin('*', factor, rhs)));
        return;
      }
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
        const l = this.numLocal();
        f.set(l);
        return l;
      });
      group.forEach((s, j) => this.env.set(s.name, saved[j]));
      return k;
    };
    /** v + h·d */
    const axpy = (v: number, h: number, d: number): void => {
      f.get(v);
      this.konst(h);
      f.get(d);
      this.ar(OP.f64_mul);
      this.ar(OP.f64_add);
    };
    const stage = (h: number, d: readonly number[]): number[] => y.map((v, j) => {
      const l = this.numLocal();
      axpy(v, h, d[j]);
      f.set(l);
      return l;
    });
    const k1 = derivs(y);
    if (scheme === 'euler') {
      y.forEach((v, j) => axpy(v, dt, k1[j]));
      return;
    }
    if (scheme === 'rk2') {
      const k2 = derivs(stage(dt / 2, k1));
      y.forEach((v, j) => axpy(v, dt, k2[j]));
      return;
    }
    const k2 = derivs(stage(dt / 2, k1));
    const k3 = derivs(stage(dt / 2, k2));
    const k4 = derivs(stage(dt, k3));
    // v + (dt/6)·(k1 + 2·k2 + 2·k3 + k4), summed left to right as in JavaScript
    y.forEach((v, j) => {
      f.get(v);
      this.konst(dt / 6);
      f.get(k1[j]);
      this.konst(2);
      f.get(k2[j]);
      this.ar(OP.f64_mul);
      this.ar(OP.f64_add);
      this.konst(2);
      f.get(k3[j]);
      this.ar(OP.f64_mul);
      this.ar(OP.f64_add);
      f.get(k4[j]);
      this.ar(OP.f64_add);
      this.ar(OP.f64_mul);
      this.ar(OP.f64_add);
    });
  }

  /**
   * Integrate the states (new values in their env locals). On two lanes, exponentials take their
   * fast path without a branch each, AND-ing whether each argument was in its range into one mask
   * (laneMath.ts); where a lane of a pair was not (NaN, overflow, subnormal results: almost
   * never), the pair is integrated again from its saved states with the branch per exponential,
   * which gives the same bits as ever. When the step has no exponential, it is emitted once.
   */
  private integrate(): void {
    const { f, spec } = this;
    if (this.lanes === 1) {
      this.integrateOnce();
      return;
    }
    const saved = spec.states.map(() => f.local(V128));
    const ok = f.local(V128);
    const fast: number[] = [];
    const before = this.laneMath.unchecked;
    this.laneMath.okMask = ok;
    try {
      this.emitTo(fast, () => this.integrateOnce());
    } finally {
      this.laneMath.okMask = undefined;
    }
    if (this.laneMath.unchecked === before) {
      f.code.push(...fast);
      return;
    }
    spec.states.forEach((st, k) => f.get(this.env.get(st.name) as number).set(saved[k]));
    f.i32(-1).simd(SIMD.i32x4_splat).set(ok);
    f.code.push(...fast);
    f.get(ok).simd(SIMD.i64x2_all_true).op(OP.i32_eqz, OP.if, VOID);
    spec.states.forEach((st, k) => f.get(saved[k]).set(this.env.get(st.name) as number));
    this.integrateOnce();
    f.op(OP.end);
  }

  private integrateOnce(): void {
    this.cse.clear();
    this.cseOn = true;
    try {
      this.integrateStates();
    } finally {
      this.cseOn = false;
      this.cse.clear();
    }
  }

  private integrateStates(): void {
    const { f, spec } = this;
    // voltage jumps join V's update before its bound, outside refractoriness (as the JavaScript kernel, integrator.ts)
    const jump = (s: SpecState): void => {
      if (!this.jumps || s.name !== VOLTAGE) return;
      this.load(this.jumps.ptr, this.jumps.at);
      this.ar(OP.f64_add);
    };
    const bound = (s: SpecState): void => {
      if (!s.max) return;
      this.where = `the bound of ${s.name}`;
      this.num(s.max);
      this.ar(OP.f64_min);
    };
    if (spec.order === 'sequential') {
      for (const s of spec.states) {
        this.where = `d${s.name}/dt`;
        this.single(s);
        jump(s);
        bound(s);
        f.set(this.env.get(s.name) as number);
        this.cse.clear();
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
          const l = this.numLocal();
          f.set(l);
          next.set(s.name, l);
        }
      } else {
        this.rungeKutta(scheme, group);
        const ls = group.map(() => this.numLocal());
        for (let j = ls.length - 1; j >= 0; j--) f.set(ls[j]);
        group.forEach((s, j) => next.set(s.name, ls[j]));
      }
    }
    for (const s of spec.states) {
      f.get(next.get(s.name) as number);
      jump(s);
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

  /** Leave the value of `e` (f64, or f64x2 on two lanes). */
  private num(e: Expr): void {
    const { f } = this;
    if (this.isBool(e)) {
      this.bool(e);
      if (this.lanes === 1) f.op(OP.f64_convert_i32_s);
      else f.f64x2(1).simd(SIMD.v128_and);
      return;
    }
    if (e.kind !== 'number' && e.kind !== 'unit' && e.kind !== 'name' && this.invariant(e)) {
      const k = key(e);
      let l = this.once.get(k);
      if (l === undefined) {
        const local = f.local(F64);
        const lanes = this.lanes;
        this.lanes = 1;
        try {
          this.emitTo(this.pre, () => {
            this.value(e);
            f.set(local);
          });
        } finally {
          this.lanes = lanes;
        }
        this.once.set(k, local);
        l = local;
      }
      this.scalar(l);
      return;
    }
    if (this.cseOn && this.costly(e)) {
      const k = this.envKey(e);
      const l = this.cse.get(k);
      if (l !== undefined) {
        f.get(l);
        return;
      }
      const local = this.numLocal();
      this.value(e);
      f.tee(local);
      this.cse.set(k, local);
      return;
    }
    this.value(e);
  }

  /** Whether `e` is worth a local per neuron: it calls a function or divides. */
  private costly(e: Expr): boolean {
    switch (e.kind) {
      case 'call': return true;
      case 'unary': return this.costly(e.arg);
      case 'binary': return e.op === '/' || this.costly(e.left) || this.costly(e.right);
      case 'name': {
        const sub = this.spec.subexpressions.get(e.name);
        return sub !== undefined && this.costly(sub.value);
      }
      default: return false;
    }
  }

  /** key() with each name read from a local replaced by that local and sub-expressions written out: equal keys, equal values. */
  private envKey(e: Expr): string {
    switch (e.kind) {
      case 'number': return `#${e.value}`;
      case 'unit': return `u:${e.name}`;
      case 'name': {
        const l = this.env.get(e.name);
        if (l !== undefined) return `@${l}`;
        // the input with conductances reads V (Generator.value)
        if (e.name === this.input && this.conductance) return `${e.name}@${this.env.get('V') ?? ''}`;
        const sub = this.spec.subexpressions.get(e.name);
        return sub ? this.envKey(sub.value) : e.name;
      }
      case 'unary': return `(${e.op} ${this.envKey(e.arg)})`;
      case 'binary': return `(${e.op} ${this.envKey(e.left)} ${this.envKey(e.right)})`;
      case 'call': return `(${e.fn} ${e.args.map((a) => this.envKey(a)).join(' ')})`;
    }
  }

  /** exp or exprel of the value on the stack: of one lane (a call), or of both (inlined). */
  private callLanes(fn: typeof FN_EXP | typeof FN_EXPREL): void {
    if (this.lanes === 1) this.f.call(fn);
    else if (fn === FN_EXP) this.laneMath.exp();
    else this.laneMath.exprel();
  }

  private value(e: Expr): void {
    const { f } = this;
    switch (e.kind) {
      case 'number':
        this.konst(e.value);
        return;
      case 'unit': {
        const u = unitWord(e.name);
        if (!u) throw new GenerateError(`${this.spec.name}: "${e.name}" in ${this.where} is not a unit.`);
        this.konst(u.value);
        return;
      }
      case 'name': {
        const l = this.env.get(e.name);
        if (l !== undefined) {
          f.get(l);
          return;
        }
        const s = this.shared.get(e.name);
        if (s !== undefined) {
          this.scalar(s);
          return;
        }
        if (e.name === this.input) {
          // No synaptic slots: the input is I_ext alone; with conductances, I_ext + ΣgE - Σg·V.
          if (!this.conductance) {
            f.get(this.env.get(CUR) as number);
            return;
          }
          this.num(bin('-', bin('+', nm(CUR, e), nm(GE, e)), bin('*', nm(GS, e), nm(VOLTAGE, e))));
          return;
        }
        const sub = this.spec.subexpressions.get(e.name);
        if (sub) {
          this.num(sub.value);
          return;
        }
        const u = unitWord(e.name);
        if (u) {
          this.konst(u.value);
          return;
        }
        throw new GenerateError(`${this.spec.name}: "${e.name}" in ${this.where} has no value in generated kernels.`);
      }
      case 'unary':
        if (e.op === '-') {
          this.num(e.arg);
          this.ar(OP.f64_neg);
          return;
        }
        this.num(e);
        return;
      case 'call': {
        if (e.fn === MATH_EXP) {
          // a linear step's decay: once per call where it is shared (num() hoists it), else per
          // neuron (a parameter given per neuron), one call per lane
          this.num(e.args[0]);
          if (this.lanes === 1) {
            this.f.call(FN_MATH_EXP);
            return;
          }
          const arg = f.local(V128);
          f.set(arg).get(arg).get(arg).simd(SIMD.f64x2_extract_lane, 0).call(FN_MATH_EXP).simd(SIMD.f64x2_replace_lane, 0);
          f.get(arg).simd(SIMD.f64x2_extract_lane, 1).call(FN_MATH_EXP).simd(SIMD.f64x2_replace_lane, 1);
          return;
        }
        if (e.fn === DET_EXP) {
          this.num(e.args[0]);
          this.callLanes(FN_EXP);
          return;
        }
        if (e.fn === 'exp' || e.fn === 'exprel') {
          this.num(e.args[0]);
          this.callLanes(e.fn === 'exp' ? FN_EXP : FN_EXPREL);
          return;
        }
        if (e.fn === 'tanh') {
          this.num(tanhOf(e.args[0]));
          return;
        }
        const op = NATIVE[e.fn];
        if (op === undefined) {
          throw new GenerateError(`${this.spec.name}: ${this.where} calls ${e.fn}(), which has no deterministic WebAssembly version yet (exp, exprel, tanh, sqrt, abs, min and max have).`);
        }
        for (const a of e.args) this.num(a);
        this.ar(op);
        return;
      }
      case 'binary': {
        if (e.op === '**') {
          const p = this.constant(e.right);
          if (p === 1) {
            this.num(e.left);
            return;
          }
          if (p === 2 || p === 3 || p === 4) {
            // x**2, x**3 and x**4 as products: x·x, x·x·x, (x·x)·(x·x) (Math.pow may differ in the last bit: within the tolerance)
            const l = this.numLocal();
            this.num(e.left);
            f.set(l).get(l).get(l);
            this.ar(OP.f64_mul);
            if (p === 3) {
              f.get(l);
              this.ar(OP.f64_mul);
            }
            if (p === 4) {
              f.set(l).get(l).get(l);
              this.ar(OP.f64_mul);
            }
            return;
          }
          if (p === 0.5) {
            this.num(e.left);
            this.ar(OP.f64_sqrt);
            return;
          }
          throw new GenerateError(`${this.spec.name}: ${this.where} raises to a power other than 1, 2, 3, 4 or 0.5, which generated kernels do not compute yet.`);
        }
        if (e.op === '/' && !this.invariant(e.left) && this.invariant(e.right)) {
          // Division by a value shared by the population (x / tau): a multiplication by its
          // reciprocal, computed once per call (a division per neuron cost ~40 % of LIF's step).
          // It may round differently from the interpreter's x / tau in the last bit.
          this.num(e.left);
          this.num({ kind: 'binary', op: '/', left: num(1, e), right: e.right, pos: e.pos });
          this.ar(OP.f64_mul);
          return;
        }
        this.num(e.left);
        this.num(e.right);
        this.ar(e.op === '+' ? OP.f64_add : e.op === '-' ? OP.f64_sub : e.op === '*' ? OP.f64_mul : OP.f64_div);
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

  /** Leave the truth value of `e`: i32, or an i64x2 mask on two lanes. */
  private bool(e: Expr): void {
    if (e.kind === 'unary' && e.op === 'not') {
      this.bool(e.arg);
      this.ar(OP.i32_eqz);
      return;
    }
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
      this.bool(e.left);
      this.bool(e.right);
      this.ar(e.op === 'and' ? OP.i32_and : OP.i32_or);
      return;
    }
    if (e.kind === 'binary' && ['<', '<=', '>', '>=', '==', '!='].includes(e.op)) {
      this.num(e.left);
      this.num(e.right);
      const ops: Record<string, number> = { '<': OP.f64_lt, '<=': OP.f64_le, '>': OP.f64_gt, '>=': OP.f64_ge, '==': OP.f64_eq, '!=': OP.f64_ne };
      this.ar(ops[e.op]);
      return;
    }
    this.num(e);
    this.konst(0);
    this.ar(OP.f64_ne);
  }
}

/** Where a neuron's elements are: byte offset o8 (a local, neuron i's) plus `first` elements (a constant offset of the access). */
interface Slot {
  readonly o8: number;
  readonly first: number;
}

/** Locals of the step function that every neuron's code uses. */
interface Io {
  readonly i: number;
  readonly c: number;
  /** i·8 and i·4: byte offsets of neuron i in f64 and i32 arrays, set once per loop iteration. */
  readonly o8: number;
  readonly o4: number;
  /** The step and the refractory steps in every i32 lane. */
  readonly stepX4: number;
  readonly refX4: number;
  /** Refractory steps per neuron (i32 array), when GenConfig.refPerNeuron. */
  pRefs: number;
  n: number;
  pLast: number;
  pIext: number;
  pS: number;
  ref: number;
  readonly slotPtr: number[];
  readonly slotDecay: number[];
  readonly slotE: number[];
  readonly statePtr: number[];
  readonly paramPtr: Map<string, number>;
  /** The voltage jumps and the recorded current (f64 arrays), when GenConfig says so. */
  pDelta: number;
  pCurrent: number;
}
