/**
 * Parser of the model-spec language, a Brian2-like text, one declaration per line:
 *
 *   param tau = 10 ms            # doc (the comment after a declaration is its doc)
 *   param R = 10 Mohm (positive) # bounds a value must keep: (positive) or (nonnegative)
 *   choice reset = soft | hard   # doc (the first option is the default)
 *   input I : nA                 # the summed external and synaptic current
 *   dV/dt = (-(V - V_rest) + R*I) / tau : mV (exact)
 *   am = 0.1/ms / exprel(-(V + 40 mV)/(10 mV)) : Hz      # a named sub-expression
 *   init V = V_rest
 *   threshold V >= V_th          (or `threshold V >= V_th (rising)` for upward crossings)
 *   reset [reset=hard] V = V_reset; w += b
 *   refractory tau_ref
 *   order sequential             (states see the values already updated in this step)
 *   require a != b  # message    (a condition on the parameters every document must keep)
 *
 * A synapse model starts with `synapse Name` instead of `model Name` and adds
 *   on_pre h += w; g += w        (what a presynaptic spike does; w = the weight arriving)
 *   output g                     (what the projection's output model reads)
 * or, for a kinetic receptor whose states belong to the presynaptic neuron, instead of on_pre
 *   pulse TT = T for T_dur       (TT is T for T_dur after each presynaptic spike, else 0)
 *
 * A plasticity rule starts with `plasticity Name` (Brian2's Synapses language, as far as the
 * bundled rules need it):
 *   param w_max : 1 (weight)     (a value in the unit of the projection's weight)
 *   param U = 0.2 (nonnegative, max = 1)
 *   dapre/dt = -apre / tau_plus : 1 (event-driven, pre)   (one per presynaptic neuron; or post)
 *   on_pre [bound=hard] w = clip(w - A_minus * w_max * apost, w_min, w_max)
 *   on_pre u += U * (1 - u); transmit w * u * x; x -= u * x
 *   on_post apost += 1
 *
 * Hand-written recursive descent rather than mathjs's `parse` or a parser generator: mathjs's
 * nodes carry no source positions (its errors give one character offset of the whole string) and
 * it parses a whole language (assignments, function definitions, matrices) we would have to
 * whitelist; the grammar here is ~15 rules, and positions, error messages and the depth limit that
 * keeps hostile input from overflowing the stack are easier to get exactly right by hand than
 * through ohm-js or peggy (which would also add a build step or a run-time grammar compile).
 * Nothing is ever evaluated here: text becomes a tree, or a list of positioned errors.
 */
import type { Assignment, AssignOp, BinaryOp, ChoiceDecl, EquationDecl, Expr, InitDecl, InputDecl, OnPreDecl, ParamDecl, Pos, PulseDecl, RequireDecl, ResetDecl, RuleStatement, Scheme, SpecAst, SpecError, SubexpressionDecl, ThresholdDecl, UpdateOrder, WhenOption } from './ast';
import { PARAM_FLAGS, SCHEMES, type ParamFlag } from './ast';
import { lexLine, type Token } from './lexer';

/** Functions an expression may call, with how many arguments each takes. */
export const FUNCTIONS: Readonly<Record<string, number>> = {
  exp: 1, log: 1, sqrt: 1, abs: 1, exprel: 1, sin: 1, cos: 1, tanh: 1, min: 2, max: 2,
  // clip(x, low, high): plasticity rules only (check.ts refuses it elsewhere)
  clip: 3,
};

/** Deeper nesting than this is refused (a person never writes it; hostile text must not overflow the stack). */
const MAX_DEPTH = 200;
/** Longer lines are refused with a position rather than parsed (a spec line is a few dozen characters). */
const MAX_LINE = 10_000;

/** Taller expression trees are refused (see LineParser.expr). */
const MAX_HEIGHT = 400;

/** Height of a tree, without recursion (the tree may be tall: that is what is being measured). */
function treeHeight(root: Expr): number {
  let best = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, h] = stack.pop() as [Expr, number];
    if (h > best) best = h;
    if (e.kind === 'unary') stack.push([e.arg, h + 1]);
    else if (e.kind === 'binary') stack.push([e.left, h + 1], [e.right, h + 1]);
    else if (e.kind === 'call') for (const a of e.args) stack.push([a, h + 1]);
  }
  return best;
}

class ParseError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

const COMPARISONS = ['<', '<=', '>', '>=', '==', '!='];
const KEYWORDS = ['param', 'choice', 'input', 'init', 'threshold', 'reset', 'refractory', 'order', 'model', 'synapse', 'on_pre', 'output', 'plasticity', 'on_post', 'pulse', 'require'];

/** Parser of one line's tokens. */
class LineParser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[], private readonly line: number) {}

  get peek(): Token {
    return this.tokens[this.i];
  }

  /** The token k places ahead (the end token past the end). */
  ahead(k: number): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }

  private pos(t: Token = this.peek): Pos {
    return { line: this.line, column: t.column };
  }

  next(): Token {
    const t = this.tokens[this.i];
    if (t.kind !== 'end') this.i++;
    return t;
  }

  isOp(text: string): boolean {
    return this.peek.kind === 'op' && this.peek.text === text;
  }

  isWord(text: string): boolean {
    return this.peek.kind === 'ident' && this.peek.text === text;
  }

  expectOp(text: string, what: string): Token {
    if (!this.isOp(text)) throw new ParseError(`Expected "${text}" ${what}, found ${describe(this.peek)}.`, this.peek.column);
    return this.next();
  }

  ident(what: string): Token {
    if (this.peek.kind !== 'ident') throw new ParseError(`Expected ${what}, found ${describe(this.peek)}.`, this.peek.column);
    return this.next();
  }

  end(what: string): void {
    if (this.peek.kind !== 'end') throw new ParseError(`Unexpected ${describe(this.peek)} after ${what}.`, this.peek.column);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new ParseError(`The expression is nested more than ${MAX_DEPTH} levels deep.`, this.peek.column);
  }

  expr(): Expr {
    const start = this.peek;
    this.enter();
    try {
      const e = this.or();
      // A flat chain (a + b + c ...) nests no parentheses but still makes a tall tree, and every
      // later pass (checks, derivative, interpreter) recurses over it.
      if (this.depth === 1 && treeHeight(e) > MAX_HEIGHT) {
        throw new ParseError(`The expression has more than ${MAX_HEIGHT} operations in a chain; split it into named expressions (name = … : unit).`, start.column);
      }
      return e;
    } finally {
      this.depth--;
    }
  }

  private binaryLevel(ops: readonly string[], sub: () => Expr, words = false): Expr {
    let left = sub();
    for (;;) {
      const t = this.peek;
      const match = words ? t.kind === 'ident' && ops.includes(t.text) : t.kind === 'op' && ops.includes(t.text);
      if (!match) return left;
      this.next();
      const right = sub();
      left = { kind: 'binary', op: t.text as BinaryOp, left, right, pos: { line: this.line, column: t.column } };
    }
  }

  private or(): Expr {
    return this.binaryLevel(['or'], () => this.and(), true);
  }

  private and(): Expr {
    return this.binaryLevel(['and'], () => this.not(), true);
  }

  private not(): Expr {
    if (this.isWord('not')) {
      const t = this.next();
      this.enter();
      try {
        return { kind: 'unary', op: 'not', arg: this.not(), pos: this.pos(t) };
      } finally {
        this.depth--;
      }
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const left = this.sum();
    if (this.peek.kind === 'op' && COMPARISONS.includes(this.peek.text)) {
      const t = this.next();
      const right = this.sum();
      if (this.peek.kind === 'op' && COMPARISONS.includes(this.peek.text)) {
        throw new ParseError('Chained comparisons are not allowed; join two comparisons with "and".', this.peek.column);
      }
      return { kind: 'binary', op: t.text as BinaryOp, left, right, pos: this.pos(t) };
    }
    return left;
  }

  private sum(): Expr {
    return this.binaryLevel(['+', '-'], () => this.product());
  }

  private product(): Expr {
    return this.binaryLevel(['*', '/'], () => this.unary());
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const t = this.next();
      this.enter();
      try {
        const arg = this.unary();
        return t.text === '-' ? { kind: 'unary', op: '-', arg, pos: this.pos(t) } : arg;
      } finally {
        this.depth--;
      }
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.atom();
    if (this.isOp('**') || this.isOp('^')) {
      const t = this.next();
      this.enter();
      try {
        const exponent = this.unary(); // right-associative: a ** -b ** c = a ** (-(b ** c))
        return { kind: 'binary', op: '**', left: base, right: exponent, pos: this.pos(t) };
      } finally {
        this.depth--;
      }
    }
    return base;
  }

  private atom(): Expr {
    const t = this.peek;
    if (t.kind === 'number') {
      this.next();
      const value = Number(t.text);
      if (!Number.isFinite(value)) throw new ParseError(`${t.text} is too large a number.`, t.column);
      const num: Expr = { kind: 'number', value, pos: this.pos(t) };
      // `140 mV`: a number followed by a unit word is their product.
      if (this.peek.kind === 'ident' && !KEYWORD_AFTER_NUMBER.has(this.peek.text)) {
        const u = this.next();
        const unit: Expr = { kind: 'unit', name: u.text, pos: this.pos(u) };
        return { kind: 'binary', op: '*', left: num, right: unit, pos: this.pos(u) };
      }
      return num;
    }
    if (t.kind === 'ident') {
      if (['and', 'or', 'not'].includes(t.text)) throw new ParseError(`Expected a value, found "${t.text}".`, t.column);
      this.next();
      const call = this.isOp('(') && (!this.peek.spaced || Object.hasOwn(FUNCTIONS, t.text));
      if (call) return this.call(t);
      return { kind: 'name', name: t.text, pos: this.pos(t) };
    }
    if (this.isOp('(')) {
      this.next();
      const e = this.expr();
      this.expectOp(')', `to close the "(" at column ${t.column}`);
      return e;
    }
    throw new ParseError(`Expected a value (a number, a name or "("), found ${describe(t)}.`, t.column);
  }

  private call(name: Token): Expr {
    const arity = Object.hasOwn(FUNCTIONS, name.text) ? FUNCTIONS[name.text] : undefined;
    if (arity === undefined) {
      throw new ParseError(`"${name.text}" is not a function; the functions are ${Object.keys(FUNCTIONS).join(', ')}.`, name.column);
    }
    this.next(); // (
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.expr());
      while (this.isOp(',')) {
        this.next();
        args.push(this.expr());
      }
    }
    this.expectOp(')', `to close the call of ${name.text}`);
    if (args.length !== arity) {
      throw new ParseError(`${name.text} takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}.`, name.column);
    }
    return { kind: 'call', fn: name.text, args, pos: this.pos(name) };
  }

  /** `(word, key = expr, ...)` at the end of a line. */
  flags(): { word: string; value?: Expr; pos: Pos }[] {
    const out: { word: string; value?: Expr; pos: Pos }[] = [];
    if (!this.isOp('(')) return out;
    this.next();
    for (;;) {
      const w = this.ident('a flag name');
      let word = w.text;
      // Brian2's `(event-driven)`: a hyphenated flag is one word
      while (this.isOp('-') && this.ahead(1).kind === 'ident') {
        this.next();
        word += `-${this.next().text}`;
      }
      let value: Expr | undefined;
      if (this.isOp('=')) {
        this.next();
        value = this.expr();
      }
      out.push({ word, value, pos: this.pos(w) });
      if (this.isOp(')')) break;
      this.expectOp(',', 'between flags');
    }
    this.next();
    return out;
  }

  assignment(): Assignment {
    const target = this.ident('a state variable to assign');
    const t = this.peek;
    if (!(t.kind === 'op' && ['=', '+=', '-=', '*=', '/='].includes(t.text))) {
      throw new ParseError(`Expected "=", "+=", "-=", "*=" or "/=" after ${target.text}, found ${describe(t)}.`, t.column);
    }
    this.next();
    return { target: target.text, op: t.text as AssignOp, value: this.expr(), pos: this.pos(target) };
  }

  /** An on_pre / on_post statement: an assignment, or `transmit expr` (plasticity rules). */
  ruleStatement(): RuleStatement {
    if (this.isWord('transmit') && !(this.ahead(1).kind === 'op' && ['=', '+=', '-=', '*=', '/='].includes(this.ahead(1).text))) {
      const t = this.next();
      return { transmit: this.expr(), pos: this.pos(t) };
    }
    return this.assignment();
  }
}

/** A parameter's `(positive)`, `(nonnegative)`, `(weight)` and `(max = expr)`, each at most once. */
function paramFlags(p: LineParser): { flags: ParamFlag[]; max?: Expr } {
  const out: ParamFlag[] = [];
  let max: Expr | undefined;
  for (const f of p.flags()) {
    if (f.word === 'max' && f.value !== undefined) {
      if (max) throw new ParseError('The flag "max" is given twice.', f.pos.column);
      max = f.value;
      continue;
    }
    const word = f.word as ParamFlag;
    if (!PARAM_FLAGS.includes(word) || f.value !== undefined) throw new ParseError(`Unknown flag "${f.word}"; a parameter takes ${PARAM_FLAGS.map((w) => `"${w}"`).join(', ')} or "max = value".`, f.pos.column);
    if (out.includes(word)) throw new ParseError(`The flag "${word}" is given twice.`, f.pos.column);
    out.push(word);
  }
  if (out.includes('positive') && out.includes('nonnegative')) throw new ParseError('A parameter is either positive or nonnegative, not both.', p.peek.column);
  return { flags: out, ...(max ? { max } : {}) };
}

/** Words that end an expression when they follow a number (`0 and x`), instead of being its unit. */
const KEYWORD_AFTER_NUMBER = new Set(['and', 'or', 'not', 'for']);

function describe(t: Token): string {
  if (t.kind === 'end') return 'the end of the line';
  return `"${t.text}"`;
}

interface Mutable {
  name?: string;
  params: ParamDecl[];
  choices: ChoiceDecl[];
  inputs: InputDecl[];
  equations: EquationDecl[];
  subexpressions: SubexpressionDecl[];
  inits: InitDecl[];
  threshold?: ThresholdDecl;
  resets: ResetDecl[];
  refractory?: { value: Expr; pos: Pos };
  order?: { value: UpdateOrder; pos: Pos };
  synapse?: Pos;
  onPre: OnPreDecl[];
  output?: { value: Expr; pos: Pos };
  plasticity?: Pos;
  onPost: OnPreDecl[];
  pulse?: PulseDecl;
  requires: RequireDecl[];
}

export type ParseResult = { ok: true; ast: SpecAst } | { ok: false; errors: SpecError[]; ast: SpecAst };

/** Parse a whole spec. Every line is parsed even after an error, so all errors are listed at once. */
export function parseSpec(source: string): ParseResult {
  const spec: Mutable = { params: [], choices: [], inputs: [], equations: [], subexpressions: [], inits: [], resets: [], onPre: [], onPost: [], requires: [] };
  const errors: SpecError[] = [];
  const lines = source.split('\n');
  lines.forEach((raw, k) => {
    const line = k + 1;
    const hash = raw.indexOf('#');
    const code = hash >= 0 ? raw.slice(0, hash) : raw;
    const doc = hash >= 0 ? raw.slice(hash + 1).trim() : '';
    if (code.trim() === '') return;
    if (code.length > MAX_LINE) {
      errors.push({ message: `Line ${line} is ${code.length} characters long; a declaration must fit in ${MAX_LINE}.`, line, column: MAX_LINE + 1 });
      return;
    }
    const lexed = lexLine(code);
    if (!lexed.ok) {
      errors.push({ message: lexed.message, line, column: lexed.column });
      return;
    }
    try {
      parseLine(new LineParser(lexed.tokens, line), doc, spec, line, code);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      errors.push({ message: e.message, line, column: e.column });
    }
  });
  return errors.length > 0 ? { ok: false, errors, ast: spec } : { ok: true, ast: spec };
}

function parseLine(p: LineParser, doc: string, spec: Mutable, line: number, code: string): void {
  const first = p.peek;
  const at = { line, column: first.column };
  if (first.kind !== 'ident') throw new ParseError(`A line starts with a keyword (${KEYWORDS.join(', ')}), "dX/dt =" or a name, not ${describe(first)}.`, first.column);
  // dX/dt = ...
  if (/^d[A-Za-z_]/.test(first.text) && p.ahead(1).text === '/' && p.ahead(2).text === 'dt' && p.ahead(3).text === '=') {
    p.next();
    p.next();
    p.next();
    p.expectOp('=', 'after the derivative');
    const rhs = p.expr();
    p.expectOp(':', 'and the unit of the state (e.g. ": mV") after the right-hand side');
    const unit = p.expr();
    let scheme: Scheme | undefined;
    let max: Expr | undefined;
    let eventDriven: 'pre' | 'post' | undefined;
    let event: Pos | undefined;
    for (const f of p.flags()) {
      if (f.word === 'event-driven' && f.value === undefined) event = f.pos;
      else if ((f.word === 'pre' || f.word === 'post') && f.value === undefined) {
        if (eventDriven) throw new ParseError(`A state lives on one side: "${eventDriven}" or "${f.word}", not both.`, f.pos.column);
        eventDriven = f.word;
      } else if ((SCHEMES as readonly string[]).includes(f.word) && f.value === undefined) {
        if (scheme) throw new ParseError(`Two integration schemes are given (${scheme} and ${f.word}).`, f.pos.column);
        scheme = f.word as Scheme;
      } else if (f.word === 'max' && f.value) max = f.value;
      else throw new ParseError(`Unknown flag "${f.word}"; an equation takes a scheme (${SCHEMES.join(', ')}) and "max = expr" (in a plasticity rule: "event-driven, pre" or "event-driven, post").`, f.pos.column);
    }
    p.end('the equation');
    if (event) {
      if (scheme) throw new ParseError(`An event-driven state is solved in closed form between events; remove the scheme "${scheme}".`, event.column);
      if (!eventDriven) throw new ParseError('Say whose state this is: "(event-driven, pre)" for one per presynaptic neuron, "(event-driven, post)" for one per postsynaptic neuron.', event.column);
      spec.equations.push({ state: first.text.slice(1), rhs, unit, scheme: 'exact', max, eventDriven, doc, pos: at });
      return;
    }
    if (eventDriven) throw new ParseError(`"${eventDriven}" belongs with "event-driven": write "(event-driven, ${eventDriven})".`, p.peek.column);
    if (!scheme) throw new ParseError(`Name the integration scheme at the end, e.g. "(exponential_euler)"; one of ${SCHEMES.join(', ')}.`, p.peek.column);
    spec.equations.push({ state: first.text.slice(1), rhs, unit, scheme, max, doc, pos: at });
    return;
  }
  // A keyword followed by "=" is a sub-expression that happens to be called like one.
  const keyword = KEYWORDS.includes(first.text) && p.ahead(1).text !== '=' ? first.text : undefined;
  if (!keyword) {
    // name = expr : unit (a sub-expression)
    const name = p.next();
    p.expectOp('=', `after "${name.text}" (a line that is not a keyword defines a named expression: name = expr : unit)`);
    const value = p.expr();
    p.expectOp(':', `and the unit of ${name.text} after its expression`);
    const unit = p.expr();
    p.end('the unit');
    spec.subexpressions.push({ name: name.text, value, unit, pos: at });
    return;
  }
  p.next();
  switch (keyword) {
    case 'model':
    case 'synapse':
    case 'plasticity': {
      if (spec.name !== undefined) throw new ParseError(`The model is already named "${spec.name}"; a text defines one model.`, first.column);
      spec.name = p.ident(`the ${keyword === 'model' ? '' : `${keyword} `}model name`).text;
      p.end('the model name');
      if (keyword === 'synapse') spec.synapse = at;
      if (keyword === 'plasticity') spec.plasticity = at;
      return;
    }
    case 'on_pre':
    case 'on_post': {
      const when = whenOption(p, line);
      if (p.isOp(':')) p.next(); // Brian2 writes on_pre='...'; "on_pre: h += w" reads naturally too
      const statements = [p.ruleStatement()];
      while (p.isOp(';')) {
        p.next();
        if (p.peek.kind === 'end') break;
        statements.push(p.ruleStatement());
      }
      p.end(`the ${keyword} statements`);
      (keyword === 'on_pre' ? spec.onPre : spec.onPost).push({ statements, ...(when ? { when } : {}), pos: at });
      return;
    }
    case 'output': {
      if (spec.output) throw new ParseError(`The output is already given on line ${spec.output.pos.line}.`, first.column);
      const value = p.expr();
      p.end('the output expression');
      spec.output = { value, pos: at };
      return;
    }
    case 'pulse': {
      if (spec.pulse) throw new ParseError(`The pulse is already given on line ${spec.pulse.pos.line}; a synapse model has one.`, first.column);
      const name = p.ident('the pulse variable (e.g. "pulse TT = T for T_dur")');
      p.expectOp('=', 'and its value while on, then "for" and how long (e.g. "pulse TT = T for T_dur")');
      const value = p.expr();
      if (!p.isWord('for')) throw new ParseError(`Expected "for" and the pulse's duration after its value (e.g. "pulse ${name.text} = T for T_dur"), found ${describe(p.peek)}.`, p.peek.column);
      p.next();
      const duration = p.expr();
      p.end('the pulse duration');
      spec.pulse = { name: name.text, value, duration, doc, pos: posOf(line, name) };
      return;
    }
    case 'require': {
      const condition = p.expr();
      p.end('the condition');
      if (!doc) throw new ParseError('End a "require" line with a comment saying what to change when the condition fails, e.g. "require tau_rise != tau_decay  # tau_rise must differ from tau_decay".', first.column);
      spec.requires.push({ condition, message: doc, pos: at });
      return;
    }
    case 'param': {
      const name = p.ident('a parameter name');
      if (p.isOp(':')) {
        p.next();
        const unit = p.expr();
        const { flags, max } = paramFlags(p);
        p.end('the unit');
        spec.params.push({ name: name.text, unit, ...(flags.length > 0 ? { flags } : {}), ...(max ? { max } : {}), doc, pos: posOf(line, name) });
        return;
      }
      p.expectOp('=', `and a default value after the parameter name (or ": unit" when it has none)`);
      const from = p.peek.column;
      const value = p.expr();
      const defaultText = code.slice(from - 1, p.peek.column - 1).trim();
      const { flags, max } = paramFlags(p);
      p.end('the default value');
      spec.params.push({ name: name.text, default: value, defaultText, ...(flags.length > 0 ? { flags } : {}), ...(max ? { max } : {}), doc, pos: posOf(line, name) });
      return;
    }
    case 'choice': {
      const name = p.ident('a choice name');
      p.expectOp('=', 'and the options (e.g. "soft | hard")');
      const options = [p.ident('an option').text];
      while (p.isOp('|')) {
        p.next();
        options.push(p.ident('an option').text);
      }
      p.end('the options');
      spec.choices.push({ name: name.text, options, doc, pos: posOf(line, name) });
      return;
    }
    case 'input': {
      const name = p.ident('the input variable');
      p.expectOp(':', 'and its unit (e.g. "input I : nA")');
      const unit = p.expr();
      p.end('the unit');
      spec.inputs.push({ name: name.text, unit, doc, pos: posOf(line, name) });
      return;
    }
    case 'init': {
      const name = p.ident('a state variable');
      p.expectOp('=', 'and its initial value');
      const value = p.expr();
      p.end('the initial value');
      spec.inits.push({ state: name.text, value, pos: posOf(line, name) });
      return;
    }
    case 'threshold': {
      if (spec.threshold) throw new ParseError(`The threshold is already given on line ${spec.threshold.pos.line}.`, first.column);
      const condition = p.expr();
      let rising = false;
      for (const f of p.flags()) {
        if (f.word === 'rising' && !f.value) rising = true;
        else throw new ParseError(`Unknown flag "${f.word}"; a threshold takes "(rising)".`, f.pos.column);
      }
      p.end('the threshold');
      spec.threshold = { condition, rising, pos: at };
      return;
    }
    case 'reset': {
      const when = whenOption(p, line);
      const statements = [p.assignment()];
      while (p.isOp(';')) {
        p.next();
        if (p.peek.kind === 'end') break;
        statements.push(p.assignment());
      }
      p.end('the reset');
      spec.resets.push({ when, statements, pos: at });
      return;
    }
    case 'refractory': {
      if (spec.refractory) throw new ParseError(`The refractory period is already given on line ${spec.refractory.pos.line}.`, first.column);
      const value = p.expr();
      p.end('the refractory period');
      spec.refractory = { value, pos: at };
      return;
    }
    default: {
      // order
      const w = p.ident('"simultaneous" or "sequential"');
      if (w.text !== 'simultaneous' && w.text !== 'sequential') throw new ParseError(`The update order is "simultaneous" or "sequential", not "${w.text}".`, w.column);
      p.end('the update order');
      spec.order = { value: w.text, pos: at };
    }
  }
}

/** An optional `[choice=option]` (after reset, on_pre, on_post): the line runs only for that option. */
function whenOption(p: LineParser, line: number): WhenOption | undefined {
  if (!p.isOp('[')) return undefined;
  p.next();
  const choice = p.ident('a choice name');
  p.expectOp('=', 'between the choice and its option');
  const option = p.ident('an option');
  p.expectOp(']', 'after the option');
  return { choice: choice.text, option: option.text, pos: posOf(line, choice) };
}

function posOf(line: number, t: Token): Pos {
  return { line, column: t.column };
}

/** Parse a single expression (for tests and for fields that hold one). */
export function parseExpression(text: string): { ok: true; expr: Expr } | { ok: false; error: SpecError } {
  if (text.length > MAX_LINE) return { ok: false, error: { message: `The expression is longer than ${MAX_LINE} characters.`, line: 1, column: MAX_LINE + 1 } };
  const lexed = lexLine(text.replace(/\n/g, ' '));
  if (!lexed.ok) return { ok: false, error: { message: lexed.message, line: 1, column: lexed.column } };
  const p = new LineParser(lexed.tokens, 1);
  try {
    const expr = p.expr();
    p.end('the expression');
    return { ok: true, expr };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return { ok: false, error: { message: e.message, line: 1, column: e.column } };
  }
}
