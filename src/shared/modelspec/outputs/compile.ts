/**
 * Output specs (outputs/sources.ts) parsed, unit-checked and classified. The text after the
 * `output Name` line is an ordinary spec (params, `input g`, `input V`, and the current as the
 * named expression `I = … : nA`), so the shared checker types every term. The classification
 * tells the kernels which fast form the current has:
 * - current: I = g (no V): g is added to the neuron's input current;
 * - conductance: I = g · (E − V) · f, with E and f free of g: g·f is a conductance toward E, so the
 *   neuron integrates it exactly (the generated WebAssembly keeps its conductance slots). f is the
 *   gate (MgBlock's unblocked fraction); absent when it is 1 (COBA). The kernels compute g·f at
 *   the V stored at the end of the previous step, as SEMANTICS.md step 4 says.
 * Any other current is refused with the reason.
 */
import type { ModelSpec, ParamSpec } from '../../catalog/types';
import type { DimensionName } from '../../units';
import type { Expr, Pos, SpecError } from '../ast';
import { checkSpec, type NeuronSpec } from '../check';
import { parseSpec } from '../parser';
import { dependsOn, type Resolve } from '../derivative';
import { dimEqual, dimName, formatDim, namedDim } from '../dimension';
import { latexExpr } from '../latex';
import { documentDefault } from '../specModel';
import type { OutputSpecSource } from './sources';

/** The synapse's variable, in the weight's unit. */
export const OUTPUT_G = 'g';
/** The target neuron's membrane potential. */
export const OUTPUT_V = 'V';
/** The current into the neuron. */
export const OUTPUT_I = 'I';

/** The fast form of an output's current (see the file comment). Expressions read parameters, and the gate V. */
export type OutputForm =
  | { readonly kind: 'current' }
  | { readonly kind: 'conductance'; readonly reversal: Expr; readonly gate?: Expr };

/** A checked output model: its spec, the current's form and its catalogue entry. */
export interface OutputSpec {
  readonly name: string;
  readonly spec: NeuronSpec;
  /** The current into the neuron (nA), over g, V and the parameters. */
  readonly current: Expr;
  readonly form: OutputForm;
  /** The dimension of g, which is the projection weight's. */
  readonly weightDim: DimensionName;
  readonly catalog: ModelSpec;
}

export type OutputCompileResult = { ok: true; output: OutputSpec } | { ok: false; errors: SpecError[] };

const HEADER = /^\s*output\s+([A-Za-z_][A-Za-z0-9_]*)\s*(#.*)?$/;

const err = (message: string, pos: Pos = { line: 1, column: 1 }): SpecError => ({ message, line: pos.line, column: pos.column });

/** Parse, check and classify an output spec; every problem with its line and column. */
export function compileOutputSpec(src: OutputSpecSource): OutputCompileResult {
  const lines = src.source.split('\n');
  const at = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const header = at >= 0 ? HEADER.exec(lines[at]) : null;
  if (!header) return { ok: false, errors: [err('An output spec starts with a line "output Name".', { line: at + 1, column: 1 })] };
  const name = header[1];
  // The header is blanked, so the checker's line numbers stay those of the text.
  const body = lines.map((l, k) => (k === at ? '' : l)).join('\n');
  const parsed = parseSpec(body);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const compiled = checkSpec(parsed.ast, name, { stateless: true });
  if (!compiled.ok) return { ok: false, errors: compiled.errors };
  const spec = compiled.spec;
  const errors: SpecError[] = [];
  if (spec.states.length > 0 || spec.threshold || spec.resets.length > 0 || spec.refractory || spec.synapse) {
    errors.push(err(`The output ${name} may declare only parameters, the inputs g and V, and named expressions ending in I = … : nA.`));
  }
  const inputs = new Map(spec.inputs.map((i) => [i.name, i]));
  for (const i of spec.inputs) {
    if (i.name !== OUTPUT_G && i.name !== OUTPUT_V) errors.push(err(`The output ${name} reads only g (the synapse's variable) and V (the membrane potential), not "${i.name}".`));
  }
  const g = inputs.get(OUTPUT_G);
  const V = inputs.get(OUTPUT_V);
  if (!g) errors.push(err(`The output ${name} needs "input g : <weight unit>", the synapse's variable.`));
  if (V && !dimEqual(V.dim, namedDim('voltage'))) errors.push(err(`V in the output ${name} is the membrane potential, so it is a voltage (mV), not ${formatDim(V.dim)}.`));
  const I = spec.subexpressions.get(OUTPUT_I);
  if (!I) errors.push(err(`The output ${name} needs its current as "I = … : nA".`));
  else if (!dimEqual(I.dim, namedDim('current'))) errors.push(err(`I in the output ${name} is the current into the neuron, so it is declared in nA, not ${formatDim(I.dim)}.`, I.value.pos));
  if (errors.length > 0 || !g || !I) return { ok: false, errors };
  const weightDim = dimName(g.dim);
  if (weightDim !== 'current' && weightDim !== 'conductance') {
    return { ok: false, errors: [err(`g in the output ${name} is a current (nA) or a conductance (uS), not ${formatDim(g.dim)}.`)] };
  }
  const resolve: Resolve = (n) => (n === OUTPUT_I ? undefined : spec.subexpressions.get(n)?.value);
  const form = outputForm(I.value, resolve);
  if (typeof form === 'string') return { ok: false, errors: [err(`The output ${name}: ${form}`, I.value.pos)] };
  if (form.kind === 'current' && weightDim !== 'current') return { ok: false, errors: [err(`The output ${name} hands g on as a current, so g is declared in nA.`)] };
  if (form.kind === 'conductance' && weightDim !== 'conductance') return { ok: false, errors: [err(`The output ${name} drives V toward a reversal potential, so g is a conductance (uS).`)] };
  const catalog = catalogEntry(src, spec, I.value, weightDim);
  return { ok: true, output: { name, spec, current: I.value, form, weightDim, catalog } };
}

/** The factors of a product or quotient: numerator and denominator, named expressions inlined. */
function factors(e: Expr, resolve: Resolve, num: Expr[], den: Expr[]): void {
  if (e.kind === 'binary' && (e.op === '*' || e.op === '/')) {
    factors(e.left, resolve, num, den);
    if (e.op === '*') factors(e.right, resolve, num, den);
    else factors(e.right, resolve, den, num);
    return;
  }
  const sub = e.kind === 'name' ? resolve(e.name) : undefined;
  if (sub) factors(sub, resolve, num, den);
  else num.push(e);
}

/** Classify I (see the file comment), or say why it has none of the fast forms. */
export function outputForm(I: Expr, resolve: Resolve): OutputForm | string {
  const onV = (e: Expr): boolean => dependsOn(e, OUTPUT_V, resolve);
  const onG = (e: Expr): boolean => dependsOn(e, OUTPUT_G, resolve);
  const num: Expr[] = [];
  const den: Expr[] = [];
  factors(I, resolve, num, den);
  if (!onV(I)) {
    if (num.length === 1 && den.length === 0 && num[0].kind === 'name' && num[0].name === OUTPUT_G) return { kind: 'current' };
    return 'a current that does not depend on V must be I = g (fold a constant factor into the weight).';
  }
  const gAt = num.findIndex((f) => f.kind === 'name' && f.name === OUTPUT_G);
  const driveAt = num.findIndex((f) => f.kind === 'binary' && f.op === '-' && f.right.kind === 'name' && f.right.name === OUTPUT_V && !onV(f.left) && !onG(f.left));
  const rest = num.filter((_, k) => k !== gAt && k !== driveAt);
  if (gAt < 0 || driveAt < 0 || rest.some(onG) || den.some(onG)) {
    return 'a current that depends on V must be I = g * (E - V) * f, with E and f free of g (E is the reversal potential, f a factor such as a block).';
  }
  const drive = num[driveAt] as Extract<Expr, { kind: 'binary' }>;
  if (rest.length === 0 && den.length === 0) return { kind: 'conductance', reversal: drive.left };
  const pos = (rest[0] ?? den[0]).pos;
  const product = (xs: Expr[]): Expr => xs.reduce((a, b) => ({ kind: 'binary', op: '*', left: a, right: b, pos }));
  const top: Expr = rest.length > 0 ? product(rest) : { kind: 'number', value: 1, pos };
  const gate: Expr = den.length > 0 ? { kind: 'binary', op: '/', left: top, right: product(den), pos } : top;
  return { kind: 'conductance', reversal: drive.left, gate };
}

function catalogEntry(src: OutputSpecSource, spec: NeuronSpec, I: Expr, weightDim: DimensionName): ModelSpec {
  const params: ParamSpec[] = [];
  for (const p of spec.params) {
    const dim = dimName(p.dim);
    if (dim === undefined) throw new Error(`Output ${src.name}: parameter "${p.name}" has the dimension ${formatDim(p.dim)}, which a document field cannot hold.`);
    params.push({
      name: p.name, dim, doc: p.doc || `Parameter ${p.name}.`,
      ...(p.default !== undefined ? { default: documentDefault(p.default, dim, p.defaultText) } : {}),
      ...(p.flags?.includes('positive') ? { positive: true } : {}),
      ...(p.flags?.includes('nonnegative') ? { nonNegative: true } : {}),
    });
  }
  return {
    family: 'output', name: src.name, title: src.title, doc: src.doc,
    equations: src.equations ?? `I = ${latexExpr(I)}`,
    params,
    weight: { dim: weightDim, doc: src.weightDoc },
    ...(src.preset ? { preset: src.preset } : {}),
  };
}
