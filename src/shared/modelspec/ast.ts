/**
 * The typed syntax tree of a model spec. Every node carries the position it was written at
 * (1-based line and column), so checks can point at the term they refuse.
 */

/** Where a node starts in the source text (1-based). */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

export type BinaryOp = '+' | '-' | '*' | '/' | '**' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';

export type Expr =
  | { readonly kind: 'number'; readonly value: number; readonly pos: Pos }
  /** A unit word used as a value ("mV" in `140 mV` or `V / mV`). */
  | { readonly kind: 'unit'; readonly name: string; readonly pos: Pos }
  | { readonly kind: 'name'; readonly name: string; readonly pos: Pos }
  | { readonly kind: 'unary'; readonly op: '-' | 'not'; readonly arg: Expr; readonly pos: Pos }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly pos: Pos }
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly Expr[]; readonly pos: Pos };

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=';

/** What `x op v` leaves in x: the one meaning of an assignment operator, for every evaluator of a spec. */
export function assigned(op: AssignOp, x: number, v: number): number {
  return op === '=' ? v : op === '+=' ? x + v : op === '-=' ? x - v : op === '*=' ? x * v : x / v;
}

/** `V = V_reset`, `w += b`. */
export interface Assignment {
  readonly target: string;
  readonly op: AssignOp;
  readonly value: Expr;
  readonly pos: Pos;
}

/** Integration schemes a state can name. */
export const SCHEMES = ['exact', 'exponential_euler', 'euler', 'rk2', 'rk4'] as const;
export type Scheme = (typeof SCHEMES)[number];

/**
 * Flags a parameter may declare: bounds `param R = 1 ohm (positive)`, `param g = 1 nS (nonnegative)`;
 * and, in a plasticity rule, `param w_max : 1 (weight)`: a value in the unit of the projection's weight.
 */
export const PARAM_FLAGS = ['positive', 'nonnegative', 'weight'] as const;
export type ParamFlag = (typeof PARAM_FLAGS)[number];

/** `param tau = 5 ms  # Membrane time constant.` (a default may be absent: `param R : Mohm`). */
export interface ParamDecl {
  readonly name: string;
  readonly default?: Expr;
  /** The default as written ("0.02 /ms"), so a catalogue shows it in the author's unit. */
  readonly defaultText?: string;
  /** Unit written instead of a default. */
  readonly unit?: Expr;
  /** Declared bounds, checked on every value a document gives. */
  readonly flags?: readonly ParamFlag[];
  /** `(max = 1)`: an upper bound (coherent units) every value must keep. */
  readonly max?: Expr;
  readonly doc: string;
  readonly pos: Pos;
}

/** `choice reset = soft | hard  # doc` (the first option is the default). */
export interface ChoiceDecl {
  readonly name: string;
  readonly options: readonly string[];
  readonly doc: string;
  readonly pos: Pos;
}

/** `input I : nA  # doc`: a variable the simulator supplies each step (external plus synaptic). */
export interface InputDecl {
  readonly name: string;
  readonly unit: Expr;
  readonly doc: string;
  readonly pos: Pos;
}

/** `dV/dt = rhs : mV (scheme, max = V_th)  # doc`. */
export interface EquationDecl {
  readonly state: string;
  readonly rhs: Expr;
  readonly unit: Expr;
  readonly scheme: Scheme;
  /** Upper bound applied after each step of this state (the kernels' clip of V at V_th). */
  readonly max?: Expr;
  /**
   * `(event-driven, pre)` in a plasticity rule: the state changes only at events and decays in
   * closed form between them; one per presynaptic (`pre`) or postsynaptic (`post`) neuron.
   */
  readonly eventDriven?: 'pre' | 'post';
  readonly doc: string;
  readonly pos: Pos;
}

/** `am = expr : Hz`: a named expression (Brian2's subexpression), inlined where it is used. */
export interface SubexpressionDecl {
  readonly name: string;
  readonly value: Expr;
  readonly unit: Expr;
  readonly pos: Pos;
}

/** `init V = V_rest`. */
export interface InitDecl {
  readonly state: string;
  readonly value: Expr;
  readonly pos: Pos;
}

/** `threshold V >= V_th (rising)`. */
export interface ThresholdDecl {
  readonly condition: Expr;
  /** Only an upward crossing counts (condition false before the step, true after). */
  readonly rising: boolean;
  readonly pos: Pos;
}

/** `[choice=option]` after reset or on_pre/on_post: the line runs only for that option. */
export interface WhenOption {
  readonly choice: string;
  readonly option: string;
  readonly pos: Pos;
}

/** `reset [reset=hard] V = V_reset; w += b`. */
export interface ResetDecl {
  readonly when?: WhenOption;
  readonly statements: readonly Assignment[];
  readonly pos: Pos;
}

/**
 * `on_pre h += w; g += 0.5 * w` (a synapse spec): what a presynaptic spike does to the synapse's
 * state at its target, where `w` is the summed weight arriving there in this step.
 */
export interface OnPreDecl {
  readonly statements: readonly RuleStatement[];
  /** `on_pre [bound=hard] …` (plasticity rules): the line runs only for that option. */
  readonly when?: WhenOption;
  readonly pos: Pos;
}

/**
 * `transmit w * u * x` in a plasticity rule's on_pre: what the presynaptic spike delivers in place
 * of its weight w (Brian2's `g_post += w * u * x`); proportional to w.
 */
export interface TransmitStatement {
  readonly transmit: Expr;
  readonly pos: Pos;
}

/** A statement of an on_pre / on_post line. */
export type RuleStatement = Assignment | TransmitStatement;

export const isTransmit = (s: RuleStatement): s is TransmitStatement => 'transmit' in s;

/**
 * `pulse TT = T for T_dur  # doc` (a synapse spec): a value that is `value` from the step a
 * presynaptic spike arrives for `duration`, and 0 otherwise (BrainPy's transmitter pulse
 * `TT = ((t - spike_arrival) < T_dur) * T`). A synapse with a pulse keeps its states per
 * presynaptic neuron; the weight multiplies its output.
 */
export interface PulseDecl {
  readonly name: string;
  readonly value: Expr;
  readonly duration: Expr;
  readonly doc: string;
  readonly pos: Pos;
}

/**
 * `require tau_rise != tau_decay  # message` (any model): a condition on the parameters that every
 * document value must keep, and the sentence the build reports when it does not (the doc comment).
 * For what bounds on one parameter cannot say, e.g. two parameters that must differ.
 */
export interface RequireDecl {
  readonly condition: Expr;
  readonly message: string;
  readonly pos: Pos;
}

/** How the states of one step see each other: the values before the step, or those already updated. */
export type UpdateOrder = 'simultaneous' | 'sequential';

/** A parsed (not yet checked) neuron model, or a synapse model (`synapse Name` instead of `model Name`). */
export interface SpecAst {
  readonly name?: string;
  /** Set by a `synapse Name` line: the text is a synapse model (on_pre, output; no threshold or input). */
  readonly synapse?: Pos;
  readonly params: readonly ParamDecl[];
  readonly choices: readonly ChoiceDecl[];
  readonly inputs: readonly InputDecl[];
  readonly equations: readonly EquationDecl[];
  readonly subexpressions: readonly SubexpressionDecl[];
  readonly inits: readonly InitDecl[];
  readonly threshold?: ThresholdDecl;
  readonly resets: readonly ResetDecl[];
  readonly refractory?: { readonly value: Expr; readonly pos: Pos };
  readonly order?: { readonly value: UpdateOrder; readonly pos: Pos };
  /** Synapse models: what a presynaptic spike does (all `on_pre` lines, in order). */
  readonly onPre?: readonly OnPreDecl[];
  /** Synapse models: `output g`, the expression the projection's output model reads. */
  readonly output?: { readonly value: Expr; readonly pos: Pos };
  /** Set by a `plasticity Name` line: the text is a plasticity rule (event-driven states, on_pre, on_post). */
  readonly plasticity?: Pos;
  /** Plasticity rules: what a postsynaptic spike does (all `on_post` lines, in order). */
  readonly onPost?: readonly OnPreDecl[];
  /** Synapse models: `pulse TT = T for T_dur`, the transmitter pulse each presynaptic spike starts. */
  readonly pulse?: PulseDecl;
  /** `require` lines: conditions on the parameters, each with its message. */
  readonly requires?: readonly RequireDecl[];
}

/** A parse or check error: a sentence and where it points. */
export interface SpecError {
  readonly message: string;
  readonly line: number;
  readonly column: number;
}
