/**
 * Checks a parsed spec as typed: every name resolves (an unknown one gets the nearest declared
 * names as suggestions), every expression's dimension is inferred (`mV + nA` is refused at the
 * "+" with the dimension of each side), each derivative has its state's dimension per time,
 * thresholds compare like with like, resets assign like to like, and each state's scheme can
 * integrate its equation ("exact" needs an equation linear in the state). The result is the spec
 * the interpreter and generators read: parameter defaults as coherent internal values.
 */
import type { Assignment, ChoiceDecl, Expr, ParamFlag, Pos, Scheme, SpecAst, SpecError, UpdateOrder } from './ast';
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
  readonly doc: string;
  readonly pos: Pos;
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
    if (ast.synapse && name === SPIKE_WEIGHT) errors.push({ message: `In a synapse model "${SPIKE_WEIGHT}" is the weight of the arriving spikes (used in on_pre); choose another name.`, line: pos.line, column: pos.column });
    else if (before) errors.push({ message: `"${name}" is already declared as a ${before.what} on line ${before.pos.line}.`, line: pos.line, column: pos.column });
    else if (Object.hasOwn(BUILTINS, name)) errors.push({ message: `"${name}" is the built-in time; choose another name.`, line: pos.line, column: pos.column });
    else declared.set(name, { what, pos });
  };
  for (const p of ast.params) declare(p.name, 'parameter', p.pos);
  for (const i of ast.inputs) declare(i.name, 'input', i.pos);
  for (const e of ast.equations) declare(e.state, 'state variable', e.pos);
  for (const s of ast.subexpressions) declare(s.name, 'named expression', s.pos);
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
        params.push({ name: p.name, dim, default: value, ...(p.defaultText ? { defaultText: p.defaultText } : {}), ...(p.flags ? { flags: p.flags } : {}), doc: p.doc, pos: p.pos });
      } else {
        const dim = unitDim(p.unit as Expr);
        dims.set(p.name, dim);
        params.push({ name: p.name, dim, ...(p.flags ? { flags: p.flags } : {}), doc: p.doc, pos: p.pos });
      }
    });
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
      if (e.scheme === 'exact' && dependsOn(jacobian, e.state, resolve)) {
        throw new CheckError(`"exact" needs d${e.state}/dt to be linear in ${e.state}; this one is not. Use exponential_euler or rk4.`, startOf(e.rhs));
      }
      // A state without an init line starts at 0 (of its own dimension).
      const init = inits.get(e.state)?.value ?? { kind: 'number', value: 0, pos: e.pos };
      if (inits.has(e.state)) checkInit(init, e.state, dim);
      states.push({ name: e.state, dim, rhs: e.rhs, jacobian, scheme: e.scheme, max: e.max, init, doc: e.doc, pos: e.pos });
    });
  }

  function checkInit(init: Expr, state: string, dim: Dim): void {
    // Initial values may name parameters and constants, not other states or inputs.
    walkNames(init, (n, pos) => {
      if (stateDims.has(n) || inputs.some((i) => i.name === n)) throw new CheckError(`The initial value of ${state} may name parameters, not the ${stateDims.has(n) ? 'state' : 'input'} "${n}".`, pos);
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
      for (const s of decl.statements) {
        attempt(() => {
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
    if ((ast.onPre ?? []).length === 0) errors.push({ message: 'A synapse model needs an "on_pre" line saying what an arriving spike does, e.g. "on_pre g += w".', line: at.line, column: at.column });
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
    if (output) synapse = { onPre, output };
  } else {
    const stray = ast.onPre?.[0]?.pos ?? ast.output?.pos;
    if (stray) errors.push({ message: 'on_pre and output belong to a synapse model: start the text with "synapse Name" instead of "model Name".', line: stray.line, column: stray.column });
  }

  if (errors.length > 0) {
    // One mistake seen from two places (a named expression checked alone and where it is used) is listed once.
    const unique = [...new Map(errors.map((e) => [`${e.line}:${e.column} ${e.message}`, e])).values()];
    return { ok: false, errors: unique.sort((a, b) => a.line - b.line || a.column - b.column) };
  }
  const subexpressions = new Map(ast.subexpressions.map((s) => [s.name, { value: s.value, dim: subDims.get(s.name) ?? DIMENSIONLESS }]));
  return {
    ok: true,
    spec: { name: ast.name ?? fallbackName, params, choices: ast.choices, inputs, states, subexpressions, threshold, resets, refractory, order: ast.order?.value ?? 'simultaneous', ...(synapse ? { synapse } : {}) },
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
