/**
 * Checks a parsed spec as typed: every name resolves (an unknown one gets the nearest declared
 * names as suggestions), every expression's dimension is inferred (`mV + nA` is refused at the
 * "+" with the dimension of each side), each derivative has its state's dimension per time,
 * thresholds compare like with like, resets assign like to like, and each state's scheme can
 * integrate its equation ("exact" needs an equation linear in the state). The result is the spec
 * the interpreter and generators read: parameter defaults as coherent internal values.
 */
import type { Assignment, ChoiceDecl, Expr, ParamFlag, Pos, RuleStatement, Scheme, SpecAst, SpecError, UpdateOrder } from './ast';
import { isTransmit } from './ast';
import { derivative, dependsOn, type Resolve } from './derivative';
import { type Dim, DIMENSIONLESS, dimDiv, dimEqual, dimMul, dimPow, formatDim, isDimensionless, namedDim, unitWord } from './dimension';
import { parseSpec } from './parser';
import { suggest } from './suggest';

/** A parameter with its dimension and default (coherent internal units: ms, mV, nA, µS, MΩ, nF, 1/ms). */
export interface SpecParam {
  readonly name: string;
  readonly dim: Dim;
  readonly default?: number;
  /** The default as the spec wrote it ("0.02 /ms"). */
  readonly defaultText?: string;
  /** Declared bounds (`(positive)`, `(nonnegative)`). */
  readonly flags?: readonly ParamFlag[];
  /** Declared upper bound `(max = …)`, coherent units. */
  readonly max?: number;
  readonly doc: string;
  readonly pos: Pos;
}

/** A state variable: its equation, scheme, optional upper bound, initial value and Jacobian. */
export interface SpecState {
  readonly name: string;
  readonly dim: Dim;
  readonly rhs: Expr;
  /** d rhs / d state, with sub-expressions inlined (exponential Euler's J). */
  readonly jacobian: Expr;
  readonly scheme: Scheme;
  readonly max?: Expr;
  readonly init: Expr;
  /** A plasticity rule's event-driven state: one per presynaptic or postsynaptic neuron. */
  readonly eventDriven?: 'pre' | 'post';
  readonly doc: string;
  readonly pos: Pos;
}

/**
 * A `require` line, checked: a comparison of parameters and constants (coherent units) that every
 * document's values must satisfy, the sentence to report when they do not, and the parameter the
 * report points at (the first one the condition names).
 */
export interface SpecRequirement {
  readonly condition: Expr;
  readonly message: string;
  readonly param: string;
}

/** A checked neuron model spec. */
export interface NeuronSpec {
  readonly name: string;
  readonly params: readonly SpecParam[];
  readonly choices: readonly ChoiceDecl[];
  readonly inputs: readonly { readonly name: string; readonly dim: Dim; readonly doc: string }[];
  readonly states: readonly SpecState[];
  readonly subexpressions: ReadonlyMap<string, { readonly value: Expr; readonly dim: Dim }>;
  readonly threshold?: { readonly condition: Expr; readonly rising: boolean };
  readonly resets: readonly { readonly when?: { readonly choice: string; readonly option: string }; readonly statements: readonly Assignment[] }[];
  readonly refractory?: Expr;
  readonly order: UpdateOrder;
  /** Present for a synapse model (`synapse Name`): see SynapseParts. */
  readonly synapse?: SynapseParts;
  /** Present for a plasticity rule (`plasticity Name`): see PlasticityParts. */
  readonly plasticity?: PlasticityParts;
  /** `require` lines: conditions on the parameters (build/requirements.ts reports a failing one). */
  readonly requires: readonly SpecRequirement[];
}

/**
 * One statement of a plasticity rule's on_pre or on_post and where it runs: once for the neuron
 * that spiked (`pre` / `post`: it assigns that neuron's state, or is the `transmit`), or for every
 * synapse of that neuron (`synapse`: it assigns the weight w).
 */
export interface RuleStep {
  readonly when?: { readonly choice: string; readonly option: string };
  readonly statement: RuleStatement;
  readonly scope: 'pre' | 'post' | 'synapse';
}

/**
 * What makes a checked spec a plasticity rule. Its states are event-driven (spec.states[k].eventDriven)
 * and decay in closed form between events; `w` is the synapse's weight, a plain number in the
 * weight's unit, as in a synapse model. A rule either scales what a presynaptic spike transmits
 * (`transmit`, short-term plasticity: states per presynaptic neuron only) or changes w.
 */
export interface PlasticityParts {
  readonly onPre: readonly RuleStep[];
  readonly onPost: readonly RuleStep[];
  /** on_pre has a `transmit` statement: the rule scales each spike's weight (run where the spike is propagated). */
  readonly transmits: boolean;
  /** Some statement assigns w: the rule needs one weight per synapse (run after the neurons spiked). */
  readonly changesWeight: boolean;
  /** Parameters in the projection weight's unit (`(weight)`). */
  readonly weightParams: readonly string[];
}

/**
 * What makes a checked spec a synapse model. Its states live per postsynaptic neuron and are
 * measured in the projection weight's unit (nA under CUBA, µS under COBA/MgBlock), written "1" in
 * the text: `w`, the weight summed over the spikes arriving at a target in a step, is a plain
 * number in that unit, and the output is too, so one text serves every output model as Expon does.
 */
export interface SynapseParts {
  /** Statements run at a target when spikes arrive there (summed weight w ≠ 0), after the step's integration. */
  readonly onPre: readonly Assignment[];
  /** The value the output model reads (in the weight's unit). */
  readonly output: Expr;
  /**
   * `pulse TT = T for T_dur`: TT is `value` from the step a presynaptic spike arrives for
   * `duration` (both read parameters only), else 0. With a pulse the states live per presynaptic
   * neuron (BrainPy's AlignPreProj: a receptor's open fraction saturates, so it cannot be summed
   * per target), on_pre is empty, and a target's input is Σ over its synapses of weight · output.
   */
  readonly pulse?: { readonly name: string; readonly value: Expr; readonly duration: Expr };
}

/** The name a synapse model's on_pre statements read the arriving weight from. */
export const SPIKE_WEIGHT = 'w';

/** One-letter unit symbols that are units only right after a number. */
const BARE_UNITS = new Set(['V', 'A', 'S', 'F', 's']);

/** Built-in names: the time since the start of the run. */
export const BUILTINS: Readonly<Record<string, Dim>> = { t: namedDim('time') };

class CheckError extends Error {
  constructor(message: string, readonly pos: Pos) {
    super(message);
  }
}

/** Inferred type of an expression: a dimension, or a truth value (comparisons). */
type Type = { bool: false; dim: Dim } | { bool: true };

const TIME = namedDim('time');

export type CheckResult = { ok: true; spec: NeuronSpec } | { ok: false; errors: SpecError[] };

/** Parse and check a spec source text; every error is listed with its line and column. */
export function compileSpec(source: string, fallbackName = 'Custom'): CheckResult {
  const parsed = parseSpec(source);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return checkSpec(parsed.ast, fallbackName);
}

/**
 * `stateless`: a spec of parameters, inputs and named expressions only (an output model,
 * outputs/compile.ts). `truthValues`: a comparison may stand for the number 1 or 0 in arithmetic
 * (a current input's `amplitude * (t >= start and t < stop)`, inputs/compile.ts; every kernel
 * already evaluates a comparison to 1 or 0).
 */
export function checkSpec(ast: SpecAst, fallbackName = 'Custom', options: { readonly stateless?: boolean; readonly truthValues?: boolean } = {}): CheckResult {
  const errors: SpecError[] = [];
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
      errors.push({ message: e.message, line: e.pos.line, column: e.pos.column });
      return undefined;
    }
  };

  // Declared names, each once.
  const declared = new Map<string, { what: string; pos: Pos }>();
  const declare = (name: string, what: string, pos: Pos): void => {
    const before = declared.get(name);
    if (ast.plasticity && name === SPIKE_WEIGHT) errors.push({ message: `In a plasticity rule "${SPIKE_WEIGHT}" is the synapse's weight; choose another name.`, line: pos.line, column: pos.column });
    else if (ast.synapse && name === SPIKE_WEIGHT) errors.push({ message: `In a synapse model "${SPIKE_WEIGHT}" is the weight of the arriving spikes (used in on_pre); choose another name.`, line: pos.line, column: pos.column });
    else if (before) errors.push({ message: `"${name}" is already declared as a ${before.what} on line ${before.pos.line}.`, line: pos.line, column: pos.column });
    else if (Object.hasOwn(BUILTINS, name)) errors.push({ message: `"${name}" is the built-in time; choose another name.`, line: pos.line, column: pos.column });
    else declared.set(name, { what, pos });
  };
  for (const p of ast.params) declare(p.name, 'parameter', p.pos);
  for (const i of ast.inputs) declare(i.name, 'input', i.pos);
  for (const e of ast.equations) declare(e.state, 'state variable', e.pos);
  for (const s of ast.subexpressions) declare(s.name, 'named expression', s.pos);
  if (ast.pulse) {
    if (ast.synapse) declare(ast.pulse.name, 'pulse', ast.pulse.pos);
    else errors.push({ message: 'A pulse is started by presynaptic spikes, so it belongs to a synapse model: start the text with "synapse Name" instead of "model Name".', line: ast.pulse.pos.line, column: ast.pulse.pos.column });
  }
  for (const c of ast.choices) {
    if (c.options.length < 2) errors.push({ message: `The choice "${c.name}" needs at least two options.`, line: c.pos.line, column: c.pos.column });
  }

  const dims = new Map<string, Dim>(Object.entries(BUILTINS));
  const params: SpecParam[] = [];
  for (const p of ast.params) {
    attempt(() => {
      if (p.default) {
        const { value, dim } = constantValue(p.default);
        dims.set(p.name, dim);
        if (p.flags?.includes('positive') && !(value > 0)) throw new CheckError(`The default of "${p.name}" must be greater than 0: it is declared (positive).`, p.pos);
        if (p.flags?.includes('nonnegative') && !(value >= 0)) throw new CheckError(`The default of "${p.name}" must not be negative: it is declared (nonnegative).`, p.pos);
        const max = paramMax(p.max, dim, p.name);
        if (max !== undefined && value > max) throw new CheckError(`The default of "${p.name}" is above its declared max.`, p.pos);
        weightFlag(p.flags, dim, p.name, p.pos);
        params.push({ name: p.name, dim, default: value, ...(p.defaultText ? { defaultText: p.defaultText } : {}), ...(p.flags ? { flags: p.flags } : {}), ...(max !== undefined ? { max } : {}), doc: p.doc, pos: p.pos });
      } else {
        const dim = unitDim(p.unit as Expr);
        dims.set(p.name, dim);
        const max = paramMax(p.max, dim, p.name);
        weightFlag(p.flags, dim, p.name, p.pos);
        params.push({ name: p.name, dim, ...(p.flags ? { flags: p.flags } : {}), ...(max !== undefined ? { max } : {}), doc: p.doc, pos: p.pos });
      }
    });
  }
  function paramMax(e: Expr | undefined, dim: Dim, name: string): number | undefined {
    if (!e) return undefined;
    const m = constantValue(e);
    if (!dimEqual(m.dim, dim)) throw new CheckError(`The max of "${name}" is ${formatDim(m.dim)}, but "${name}" is ${formatDim(dim)}.`, e.pos);
    return m.value;
  }
  function weightFlag(flags: readonly ParamFlag[] | undefined, dim: Dim, name: string, pos: Pos): void {
    if (!flags?.includes('weight')) return;
    if (!ast.plasticity) throw new CheckError(`(weight) belongs to a plasticity rule's parameters (a value in the unit of the projection's weight).`, pos);
    if (!isDimensionless(dim)) throw new CheckError(`"${name}" is in the unit of the weight, written as a plain number (1) like w; it cannot be ${formatDim(dim)}.`, pos);
  }
  const inputs: NeuronSpec['inputs'][number][] = [];
  for (const i of ast.inputs) {
    attempt(() => {
      const dim = unitDim(i.unit);
      dims.set(i.name, dim);
      inputs.push({ name: i.name, dim, doc: i.doc });
    });
  }
  const stateDims = new Map<string, Dim>();
  for (const e of ast.equations) {
    const dim = attempt(() => unitDim(e.unit));
    if (dim) {
      dims.set(e.state, dim);
      stateDims.set(e.state, dim);
    }
  }
  const subDecl = new Map(ast.subexpressions.map((s) => [s.name, s]));
  const subDims = new Map<string, Dim>();
  const resolve: Resolve = (name) => subDecl.get(name)?.value;

  const names = (): string[] => [...declared.keys(), ...Object.keys(BUILTINS)];
  let clipAllowed = false;
  const visiting = new Set<string>();

  /** Dimension of a declared name, inferring named expressions on first use. */
  function nameDim(name: string, pos: Pos): Dim {
    const known = dims.get(name);
    if (known) return known;
    const sub = subDecl.get(name);
    if (sub) {
      if (visiting.has(name)) throw new CheckError(`"${name}" is defined in terms of itself.`, pos);
      visiting.add(name);
      try {
        const want = unitDim(sub.unit);
        const got = numeric(infer(sub.value), sub.value.pos, `the value of ${name}`);
        if (!dimEqual(got, want)) throw new CheckError(`${name} is declared as ${formatDim(want)} but its expression is ${formatDim(got)}.`, sub.value.pos);
        subDims.set(name, want);
        dims.set(name, want);
        return want;
      } finally {
        visiting.delete(name);
      }
    }
    if (declared.has(name)) throw new CheckError(`"${name}" could not be typed (see the error on line ${declared.get(name)?.pos.line}).`, pos);
    // An unprefixed one-letter unit (V, A, S, F, s) alone is far more often a case slip for a
    // variable (V for v) than a unit; it counts as a unit only after a number ("1 V").
    const unit = BARE_UNITS.has(name) ? undefined : unitWord(name);
    if (unit) return unit.dim;
    throw new CheckError(unknownName(name, names()), pos);
  }

  function infer(e: Expr): Type {
    switch (e.kind) {
      case 'number':
        return { bool: false, dim: DIMENSIONLESS };
      case 'unit': {
        const u = unitWord(e.name);
        if (!u) throw new CheckError(`"${e.name}" after a number must be a unit such as mV, nA, ms, uS, Mohm or nF; write a product with "*".`, e.pos);
        return { bool: false, dim: u.dim };
      }
      case 'name':
        return { bool: false, dim: nameDim(e.name, e.pos) };
      case 'unary': {
        const t = infer(e.arg);
        if (e.op === 'not') {
          if (!t.bool) throw new CheckError('"not" needs a comparison after it.', e.pos);
          return t;
        }
        return { bool: false, dim: numeric(t, e.pos, 'the argument of "-"') };
      }
      case 'call':
        return { bool: false, dim: callDim(e) };
      case 'binary':
        return binaryType(e);
    }
  }

  function binaryType(e: Extract<Expr, { kind: 'binary' }>): Type {
    const { op } = e;
    if (op === 'and' || op === 'or') {
      if (!infer(e.left).bool || !infer(e.right).bool) throw new CheckError(`"${op}" joins two comparisons.`, e.pos);
      return { bool: true };
    }
    const l = numeric(infer(e.left), e.left.pos, `the left side of "${op}"`);
    if (op === '**') {
      const r = numeric(infer(e.right), e.right.pos, 'the exponent');
      if (!isDimensionless(r)) throw new CheckError(`An exponent must be dimensionless; this one is ${formatDim(r)}.`, e.right.pos);
      if (isDimensionless(l)) return { bool: false, dim: l };
      const n = constantNumber(e.right);
      if (n === undefined) throw new CheckError(`${formatDim(l)} can only be raised to a constant number.`, e.right.pos);
      return { bool: false, dim: dimPow(l, n) };
    }
    const r = numeric(infer(e.right), e.right.pos, `the right side of "${op}"`);
    if (op === '*') return { bool: false, dim: dimMul(l, r) };
    if (op === '/') return { bool: false, dim: dimDiv(l, r) };
    if (!dimEqual(l, r)) {
      const verb = op === '+' ? 'add' : op === '-' ? 'subtract' : 'compare';
      throw new CheckError(`Cannot ${verb} ${formatDim(l)} (left of "${op}") and ${formatDim(r)} (right of "${op}"); both sides need the same dimension.`, e.pos);
    }
    return op === '+' || op === '-' ? { bool: false, dim: l } : { bool: true };
  }

  function callDim(e: Extract<Expr, { kind: 'call' }>): Dim {
    const args = e.args.map((a, k) => numeric(infer(a), a.pos, `argument ${k + 1} of ${e.fn}`));
    switch (e.fn) {
      case 'sqrt':
        return dimPow(args[0], 0.5);
      case 'abs':
        return args[0];
      case 'min':
      case 'max':
        if (!dimEqual(args[0], args[1])) throw new CheckError(`${e.fn} needs two values of one dimension, not ${formatDim(args[0])} and ${formatDim(args[1])}.`, e.pos);
        return args[0];
      case 'clip':
        if (!clipAllowed) throw new CheckError('clip(x, low, high) is available in the on_pre and on_post statements of a plasticity rule; elsewhere write min(max(x, low), high).', e.pos);
        if (!dimEqual(args[0], args[1]) || !dimEqual(args[0], args[2])) throw new CheckError(`clip needs three values of one dimension, not ${args.map(formatDim).join(', ')}.`, e.pos);
        return args[0];
      default:
        if (!isDimensionless(args[0])) throw new CheckError(`${e.fn} needs a dimensionless argument; this one is ${formatDim(args[0])} (divide by a unit or a parameter).`, e.args[0].pos);
        return DIMENSIONLESS;
    }
  }

  function numeric(t: Type, pos: Pos, what: string): Dim {
    if (t.bool && options.truthValues) return DIMENSIONLESS;
    if (t.bool) throw new CheckError(`${what[0].toUpperCase()}${what.slice(1)} is a comparison, not a value.`, pos);
    return t.dim;
  }

  /** Dimension of a unit expression such as `mV`, `mV/ms` or `1`. */
  function unitDim(e: Expr): Dim {
    if (!isUnitExpression(e)) throw new CheckError('Expected a unit such as mV, nA, ms, mV/ms or 1 here, not a quantity or an expression.', startOf(e));
    return constantValue(e).dim;
  }

  let pulse: SynapseParts['pulse'];
  if (ast.pulse && ast.synapse) {
    const pd = ast.pulse;
    attempt(() => {
      // The pulse's value and duration are fixed for a run: parameters and constants only.
      for (const [e, what] of [[pd.value, 'value'], [pd.duration, 'duration']] as const) {
        walkNames(e, (n, pos) => {
          if (stateDims.has(n) || n === pd.name || n === 't' || n === SPIKE_WEIGHT) {
            throw new CheckError(`The pulse's ${what} may name parameters and constants, not ${n === pd.name ? 'the pulse itself' : n === 't' ? 'the time t' : n === SPIKE_WEIGHT ? 'the weight w (the weight multiplies the output)' : `the state "${n}"`}.`, pos);
          }
        });
      }
      const dur = numeric(infer(pd.duration), pd.duration.pos, 'the pulse duration');
      if (!dimEqual(dur, TIME)) throw new CheckError(`The pulse lasts a time (e.g. "for T_dur" with T_dur in ms), not ${formatDim(dur)}.`, startOf(pd.duration));
      const dim = numeric(infer(pd.value), pd.value.pos, 'the pulse value');
      dims.set(pd.name, dim);
      pulse = { name: pd.name, value: pd.value, duration: pd.duration };
    });
  }

  for (const s of ast.subexpressions) attempt(() => nameDim(s.name, s.pos));

  const states: SpecState[] = [];
  const inits = new Map(ast.inits.map((i) => [i.state, i]));
  for (const i of ast.inits) {
    if (!stateDims.has(i.state)) errors.push({ message: unknownState(i.state, [...stateDims.keys()]), line: i.pos.line, column: i.pos.column });
  }
  for (const e of ast.equations) {
    const dim = stateDims.get(e.state);
    if (!dim) continue;
    attempt(() => {
      const got = numeric(infer(e.rhs), e.rhs.pos, `the right-hand side of d${e.state}/dt`);
      const want = dimDiv(dim, TIME);
      if (!dimEqual(got, want)) {
        throw new CheckError(`The right-hand side of d${e.state}/dt is ${formatDim(got)}, but ${e.state} is ${formatDim(dim)}, so it must be ${formatDim(want)}.`, startOf(e.rhs));
      }
      if (e.max) {
        const m = numeric(infer(e.max), e.max.pos, 'the bound');
        if (!dimEqual(m, dim)) throw new CheckError(`The bound max = … of ${e.state} is ${formatDim(m)}, but ${e.state} is ${formatDim(dim)}.`, e.max.pos);
      }
      const jacobian = derivative(e.rhs, e.state, resolve);
      if (typeof jacobian === 'string') throw new CheckError(`${e.scheme} cannot integrate d${e.state}/dt: ${jacobian}.`, startOf(e.rhs));
      if (e.scheme === 'exact' && !e.eventDriven && dependsOn(jacobian, e.state, resolve)) {
        throw new CheckError(`"exact" needs d${e.state}/dt to be linear in ${e.state}; this one is not. Use exponential_euler or rk4.`, startOf(e.rhs));
      }
      if (e.eventDriven) {
        if (!ast.plasticity) throw new CheckError('An event-driven state belongs to a plasticity rule (start the text with "plasticity Name").', e.pos);
        // its closed form between events needs a rhs a + b·state with a, b of parameters only
        walkNames(e.rhs, (n, pos) => {
          if (n !== e.state && (stateDims.has(n) || n === SPIKE_WEIGHT || Object.hasOwn(BUILTINS, n) || subDecl.has(n))) throw new CheckError(`d${e.state}/dt may name ${e.state} and parameters only, not "${n}": an event-driven state decays on its own between events.`, pos);
        });
        if (dependsOn(jacobian, e.state, resolve)) throw new CheckError(`An event-driven state is solved in closed form between events, so d${e.state}/dt must be linear in ${e.state} (such as -${e.state} / tau or (1 - ${e.state}) / tau).`, startOf(e.rhs));
      } else if (ast.plasticity) throw new CheckError(`A plasticity rule's states change at events: write "(event-driven, pre)" or "(event-driven, post)" after the unit of ${e.state}.`, e.pos);
      // A state without an init line starts at 0 (of its own dimension).
      const init = inits.get(e.state)?.value ?? { kind: 'number', value: 0, pos: e.pos };
      if (inits.has(e.state)) checkInit(init, e.state, dim);
      states.push({ name: e.state, dim, rhs: e.rhs, jacobian, scheme: e.scheme, max: e.max, init, ...(e.eventDriven ? { eventDriven: e.eventDriven } : {}), doc: e.doc, pos: e.pos });
    });
  }

  function checkInit(init: Expr, state: string, dim: Dim): void {
    // Initial values may name parameters and constants, not other states or inputs.
    walkNames(init, (n, pos) => {
      if (stateDims.has(n) || inputs.some((i) => i.name === n) || n === ast.pulse?.name) throw new CheckError(`The initial value of ${state} may name parameters, not the ${stateDims.has(n) ? 'state' : n === ast.pulse?.name ? 'pulse' : 'input'} "${n}".`, pos);
    });
    const got = numeric(infer(init), init.pos, `the initial value of ${state}`);
    if (!(init.kind === 'number' && init.value === 0) && !dimEqual(got, dim)) {
      throw new CheckError(`The initial value of ${state} is ${formatDim(got)}, but ${state} is ${formatDim(dim)}.`, init.pos);
    }
  }

  let threshold: NeuronSpec['threshold'];
  if (ast.threshold) {
    const th = ast.threshold;
    attempt(() => {
      if (!infer(th.condition).bool) throw new CheckError('The threshold must be a comparison such as "V >= V_th".', th.condition.pos);
      threshold = { condition: th.condition, rising: th.rising };
    });
  }

  const paramNames = new Set(params.map((p) => p.name));
  const requires: SpecRequirement[] = [];
  for (const r of ast.requires ?? []) {
    attempt(() => {
      const named: string[] = [];
      walkNames(r.condition, (n, pos) => {
        if (paramNames.has(n)) named.push(n);
        else if (declared.has(n) || Object.hasOwn(BUILTINS, n) || n === SPIKE_WEIGHT) throw new CheckError(`A "require" condition holds for a whole run, so it may name parameters and constants, not "${n}".`, pos);
      });
      if (!infer(r.condition).bool) throw new CheckError('A "require" condition is a comparison such as "tau_rise != tau_decay".', startOf(r.condition));
      if (named.length === 0) throw new CheckError('A "require" condition names at least one parameter.', startOf(r.condition));
      requires.push({ condition: r.condition, message: r.message, param: named[0] });
    });
  }

  const choiceMap = new Map(ast.choices.map((c) => [c.name, c]));
  const resets: NeuronSpec['resets'][number][] = [];
  for (const r of ast.resets) {
    attempt(() => {
      if (r.when) {
        const c = choiceMap.get(r.when.choice);
        if (!c) throw new CheckError(unknownName(r.when.choice, [...choiceMap.keys()], 'choice'), r.when.pos);
        if (!c.options.includes(r.when.option)) throw new CheckError(`"${r.when.option}" is not an option of ${c.name} (${c.options.join(', ')}).`, r.when.pos);
      }
      for (const s of r.statements) {
        const dim = stateDims.get(s.target);
        if (!dim) throw new CheckError(unknownState(s.target, [...stateDims.keys()]), s.pos);
        const got = numeric(infer(s.value), s.value.pos, `the value assigned to ${s.target}`);
        const want = s.op === '*=' || s.op === '/=' ? DIMENSIONLESS : dim;
        if (!dimEqual(got, want)) throw new CheckError(`"${s.target} ${s.op} …" needs ${formatDim(want)} on the right, not ${formatDim(got)}.`, s.value.pos);
      }
      resets.push({ when: r.when, statements: r.statements });
    });
  }
  if (ast.resets.length > 0 && !ast.threshold) errors.push({ message: 'A reset needs a threshold line.', line: ast.resets[0].pos.line, column: 1 });

  let refractory: Expr | undefined;
  if (ast.refractory) {
    const r = ast.refractory;
    attempt(() => {
      const got = numeric(infer(r.value), r.value.pos, 'the refractory period');
      if (!dimEqual(got, TIME)) throw new CheckError(`The refractory period must be a time, not ${formatDim(got)}.`, r.value.pos);
      refractory = r.value;
    });
  }
  if (ast.equations.length === 0 && !options.stateless) errors.push({ message: 'A model needs at least one equation "dX/dt = … : unit (scheme)".', line: 1, column: 1 });

  let synapse: SynapseParts | undefined;
  if (ast.synapse) {
    const at = ast.synapse;
    const notHere = (what: string, pos: Pos | undefined): void => {
      if (pos) errors.push({ message: `A synapse model has no ${what}; that belongs to a neuron model (written "model Name").`, line: pos.line, column: pos.column });
    };
    notHere('input (it is driven by the spikes\' weight w in on_pre)', ast.inputs[0]?.pos);
    notHere('threshold', ast.threshold?.pos);
    notHere('reset', ast.resets[0]?.pos);
    notHere('refractory period', ast.refractory?.pos);
    notHere('choice', ast.choices[0]?.pos);
    const onPre: Assignment[] = [];
    dims.set(SPIKE_WEIGHT, DIMENSIONLESS);
    for (const decl of ast.onPre ?? []) {
      if (decl.when) errors.push({ message: 'A synapse model\'s on_pre has no [choice=option]; that belongs to a plasticity rule.', line: decl.when.pos.line, column: decl.when.pos.column });
      for (const s of decl.statements) {
        attempt(() => {
          if (isTransmit(s)) throw new CheckError('"transmit" belongs to a plasticity rule; a synapse model adds w to its states.', s.pos);
          const dim = stateDims.get(s.target);
          if (!dim) throw new CheckError(unknownState(s.target, [...stateDims.keys()]), s.pos);
          const got = numeric(infer(s.value), s.value.pos, `the value assigned to ${s.target}`);
          const want = s.op === '*=' || s.op === '/=' ? DIMENSIONLESS : dim;
          const wanted = isDimensionless(want) ? "a plain number (the weight's unit, as w)" : formatDim(want);
          if (!dimEqual(got, want)) throw new CheckError(`"${s.target} ${s.op} …" needs ${wanted} on the right, not ${formatDim(got)}.`, s.value.pos);
          onPre.push(s);
        });
      }
    }
    dims.delete(SPIKE_WEIGHT);
    const firstOnPre = ast.onPre?.[0];
    if (ast.pulse && firstOnPre) errors.push({ message: `With a pulse the states belong to the presynaptic neuron, where no weight arrives: what a spike does is start the pulse ${ast.pulse.name}, and the weight multiplies the output. Leave out on_pre.`, line: firstOnPre.pos.line, column: firstOnPre.pos.column });
    if (!ast.pulse && !firstOnPre) errors.push({ message: 'A synapse model needs an "on_pre" line saying what an arriving spike does, e.g. "on_pre g += w" (or, for a receptor driven by a transmitter pulse, a line "pulse TT = T for T_dur").', line: at.line, column: at.column });
    let output: Expr | undefined;
    if (!ast.output) errors.push({ message: 'A synapse model needs an "output" line naming what the output model reads, e.g. "output g".', line: at.line, column: at.column });
    else {
      const o = ast.output.value;
      attempt(() => {
        walkNames(o, (n, pos) => {
          if (n === SPIKE_WEIGHT && !declared.has(n)) throw new CheckError(`"${SPIKE_WEIGHT}" (the arriving weight) is known only in on_pre; the output reads the states.`, pos);
        });
        const got = numeric(infer(o), o.pos, 'the output');
        if (!isDimensionless(got)) throw new CheckError(`The output is ${formatDim(got)}; it must be in the weight's unit, written as a plain number (1), like the states w adds to.`, startOf(o));
        output = o;
      });
    }
    if (output) synapse = { onPre, output, ...(pulse ? { pulse } : {}) };
  }
  let plasticity: PlasticityParts | undefined;
  if (ast.plasticity) {
    const at = ast.plasticity;
    const notHere = (what: string, pos: Pos | undefined): void => {
      if (pos) errors.push({ message: `A plasticity rule has no ${what}.`, line: pos.line, column: pos.column });
    };
    notHere('input (its states change at the pre- and postsynaptic spikes)', ast.inputs[0]?.pos);
    notHere('threshold', ast.threshold?.pos);
    notHere('reset (on_pre and on_post say what a spike does)', ast.resets[0]?.pos);
    notHere('refractory period', ast.refractory?.pos);
    notHere('output (its on_pre may "transmit w * …" instead)', ast.output?.pos);
    notHere('named expressions (write them out in the statements)', ast.subexpressions[0]?.pos);
    dims.set(SPIKE_WEIGHT, DIMENSIONLESS);
    clipAllowed = true;
    const sideOf = new Map(states.filter((s) => s.eventDriven).map((s) => [s.name, s.eventDriven as 'pre' | 'post']));
    let transmits = false;
    let changesWeight = false;
    const steps = (event: 'pre' | 'post'): RuleStep[] => {
      const out: RuleStep[] = [];
      const other = event === 'pre' ? 'post' : 'pre';
      for (const decl of (event === 'pre' ? ast.onPre : ast.onPost) ?? []) {
        const when = decl.when;
        if (when) {
          const c = choiceMap.get(when.choice);
          if (!c) errors.push({ message: unknownName(when.choice, [...choiceMap.keys()], 'choice'), line: when.pos.line, column: when.pos.column });
          else if (!c.options.includes(when.option)) errors.push({ message: `"${when.option}" is not an option of ${c.name} (${c.options.join(', ')}).`, line: when.pos.line, column: when.pos.column });
        }
        for (const s of decl.statements) {
          attempt(() => {
            if (isTransmit(s)) {
              if (event === 'post') throw new CheckError('"transmit" says what a presynaptic spike delivers; it belongs in on_pre.', s.pos);
              const rest = withoutWeightFactor(s.transmit);
              if (!rest) throw new CheckError(`What a spike transmits must be the weight times a factor, "transmit ${SPIKE_WEIGHT} * …", with "${SPIKE_WEIGHT}" once.`, startOf(s.transmit));
              walkNames(rest, (n, pos) => {
                if (n === SPIKE_WEIGHT || sideOf.get(n) === 'post') throw new CheckError(`The factor of "${SPIKE_WEIGHT}" is one per presynaptic neuron, so it may name parameters and presynaptic states, not "${n}".`, pos);
              });
              const got = numeric(infer(s.transmit), s.transmit.pos, 'what the spike transmits');
              if (!isDimensionless(got)) throw new CheckError(`"transmit" needs ${SPIKE_WEIGHT} times a plain number, not ${formatDim(got)}.`, startOf(s.transmit));
              transmits = true;
              out.push({ ...(when ? { when: { choice: when.choice, option: when.option } } : {}), statement: s, scope: event });
              return;
            }
            const isW = s.target === SPIKE_WEIGHT;
            const side = sideOf.get(s.target);
            if (!isW && !side && stateDims.has(s.target)) return; // its equation's error is reported
            if (!isW && !side) throw new CheckError(`${unknownState(s.target, [...sideOf.keys(), SPIKE_WEIGHT])} A rule's statements assign its event-driven states or the weight ${SPIKE_WEIGHT}.`, s.pos);
            if (side === other) throw new CheckError(`on_${event} runs at a ${event}synaptic spike; "${s.target}" is a ${other}synaptic state, which changes in on_${other}.`, s.pos);
            if (!isW) {
              walkNames(s.value, (n, pos) => {
                if (n === SPIKE_WEIGHT || sideOf.get(n) === other) throw new CheckError(`"${s.target}" is one per ${event}synaptic neuron, so its new value may name parameters and ${event}synaptic states, not "${n}" (one per synapse or per ${other}synaptic neuron).`, pos);
              });
            }
            const dim = isW ? DIMENSIONLESS : (stateDims.get(s.target) as Dim);
            const got = numeric(infer(s.value), s.value.pos, `the value assigned to ${s.target}`);
            const want = s.op === '*=' || s.op === '/=' ? DIMENSIONLESS : dim;
            const wanted = isW && isDimensionless(want) ? "a plain number (the weight's unit, as w)" : formatDim(want);
            if (!dimEqual(got, want)) throw new CheckError(`"${s.target} ${s.op} …" needs ${wanted} on the right, not ${formatDim(got)}.`, s.value.pos);
            if (isW) changesWeight = true;
            out.push({ ...(when ? { when: { choice: when.choice, option: when.option } } : {}), statement: s, scope: isW ? 'synapse' : event });
          });
        }
      }
      return out;
    };
    const onPre = steps('pre');
    const onPost = steps('post');
    clipAllowed = false;
    dims.delete(SPIKE_WEIGHT);
    if ((ast.onPre ?? []).length + (ast.onPost ?? []).length === 0) errors.push({ message: 'A plasticity rule needs an "on_pre" or "on_post" line saying what a spike does, e.g. "on_pre apre += 1".', line: at.line, column: at.column });
    if (transmits && changesWeight) errors.push({ message: `A rule either scales what a spike transmits ("transmit") or changes the weight ${SPIKE_WEIGHT}, not both.`, line: at.line, column: at.column });
    if (transmits && [...sideOf.values()].includes('post')) errors.push({ message: 'A rule that scales what a spike transmits keeps its states per presynaptic neuron only ("event-driven, pre").', line: at.line, column: at.column });
    const weightParams = params.filter((p) => p.flags?.includes('weight')).map((p) => p.name);
    plasticity = { onPre, onPost, transmits, changesWeight, weightParams };
  } else {
    const stray = ast.onPost?.[0]?.pos ?? (ast.synapse ? undefined : ast.onPre?.[0]?.pos ?? ast.output?.pos);
    if (stray) errors.push({ message: ast.onPost?.[0] ? 'on_post belongs to a plasticity rule: start the text with "plasticity Name".' : 'on_pre and output belong to a synapse model: start the text with "synapse Name" instead of "model Name".', line: stray.line, column: stray.column });
  }

  if (errors.length > 0) {
    // One mistake seen from two places (a named expression checked alone and where it is used) is listed once.
    const unique = [...new Map(errors.map((e) => [`${e.line}:${e.column} ${e.message}`, e])).values()];
    return { ok: false, errors: unique.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  const subexpressions = new Map(ast.subexpressions.map((s) => [s.name, { value: s.value, dim: subDims.get(s.name) ?? DIMENSIONLESS }]));
  return {
    ok: true,
    spec: { name: ast.name ?? fallbackName, params, choices: ast.choices, inputs, states, subexpressions, threshold, resets, refractory, order: ast.order?.value ?? 'simultaneous', ...(synapse ? { synapse } : {}), ...(plasticity ? { plasticity } : {}), requires },
  };
}

/** Value (coherent units) and dimension of an expression of numbers and unit words only (a default). */
export function constantValue(e: Expr): { value: number; dim: Dim } {
  switch (e.kind) {
    case 'number':
      return { value: e.value, dim: DIMENSIONLESS };
    case 'unit':
    case 'name': {
      const u = unitWord(e.name);
      if (!u) throw new CheckError(`"${e.name}" is not a unit; a default value is a number with a unit such as "-65 mV" or "0.02 /ms".`, e.pos);
      return { value: u.value, dim: u.dim };
    }
    case 'unary': {
      if (e.op === 'not') throw new CheckError('A default value is a number with a unit.', e.pos);
      const a = constantValue(e.arg);
      return { value: -a.value, dim: a.dim };
    }
    case 'binary': {
      const l = constantValue(e.left);
      const r = constantValue(e.right);
      if (e.op === '*') return { value: l.value * r.value, dim: dimMul(l.dim, r.dim) };
      if (e.op === '/') return { value: l.value / r.value, dim: dimDiv(l.dim, r.dim) };
      if (e.op === '**' && isDimensionless(r.dim)) return { value: l.value ** r.value, dim: dimPow(l.dim, r.value) };
      throw new CheckError(`"${e.op}" is not allowed in a default value or unit; write a number with a unit.`, e.pos);
    }
    case 'call':
      throw new CheckError('A default value is a number with a unit, not a function call.', e.pos);
  }
}

/** Unit words combined by *, / and constant powers, or 1 (`mV`, `mV/ms`, `1/ms`, `mV**2`, `1`). */
function isUnitExpression(e: Expr): boolean {
  if (e.kind === 'number') return e.value === 1;
  if (e.kind === 'unit' || e.kind === 'name') return true;
  if (e.kind !== 'binary') return false;
  if (e.op === '**') return isUnitExpression(e.left) && constantNumber(e.right) !== undefined;
  return (e.op === '*' || e.op === '/') && isUnitExpression(e.left) && isUnitExpression(e.right);
}

/** A number written with literals only (an exponent such as 2, -1 or 1/2). */
function constantNumber(e: Expr): number | undefined {
  if (e.kind === 'number') return e.value;
  if (e.kind === 'unary' && e.op === '-') {
    const a = constantNumber(e.arg);
    return a === undefined ? undefined : -a;
  }
  if (e.kind === 'binary' && (e.op === '/' || e.op === '*')) {
    const [a, b] = [constantNumber(e.left), constantNumber(e.right)];
    if (a === undefined || b === undefined) return undefined;
    return e.op === '/' ? a / b : a * b;
  }
  return undefined;
}

/** Where an expression's text begins (its leftmost operand; a parenthesis is not a node). */
export function startOf(e: Expr): Pos {
  if (e.kind === 'binary') {
    const l = startOf(e.left);
    return l.column < e.pos.column ? l : e.pos;
  }
  return e.pos;
}

/** `w * a * b` (or `a * w`) without its one factor w, or undefined when the expression is not w times a factor free of w. */
function withoutWeightFactor(e: Expr): Expr | undefined {
  if (e.kind === 'name' && e.name === SPIKE_WEIGHT) return { kind: 'number', value: 1, pos: e.pos };
  if (e.kind !== 'binary' || e.op !== '*') return undefined;
  let hasW = false;
  walkNames(e.right, (n) => {
    if (n === SPIKE_WEIGHT) hasW = true;
  });
  if (!hasW) {
    const left = withoutWeightFactor(e.left);
    return left ? { ...e, left } : undefined;
  }
  let leftHasW = false;
  walkNames(e.left, (n) => {
    if (n === SPIKE_WEIGHT) leftHasW = true;
  });
  if (leftHasW) return undefined;
  const right = withoutWeightFactor(e.right);
  return right ? { ...e, right } : undefined;
}

function walkNames(e: Expr, f: (name: string, pos: Pos) => void): void {
  if (e.kind === 'name') f(e.name, e.pos);
  else if (e.kind === 'unary') walkNames(e.arg, f);
  else if (e.kind === 'binary') {
    walkNames(e.left, f);
    walkNames(e.right, f);
  } else if (e.kind === 'call') e.args.forEach((a) => walkNames(a, f));
}

function unknownName(name: string, candidates: readonly string[], what = 'name'): string {
  const near = suggest(name, candidates);
  if (near.length > 0) return `Unknown ${what} "${name}". Did you mean ${near.map((n) => `"${n}"`).join(' or ')}?`;
  return candidates.length > 0 ? `Unknown ${what} "${name}". Declared: ${candidates.join(', ')}.` : `Unknown ${what} "${name}"; nothing is declared yet.`;
}

function unknownState(name: string, states: readonly string[]): string {
  return unknownName(name, states, 'state variable').replace(/^Unknown state variable "([^"]+)"\./, '"$1" is not a state variable (it has no equation "d$1/dt = …").');
}
