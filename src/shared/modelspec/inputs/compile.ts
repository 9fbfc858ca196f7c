/**
 * Current-input specs (one folder each, e.g. step/index.ts) parsed, unit-checked and turned into
 * their catalogue entries. The text after the `current Name` line is an ordinary spec of
 * parameters and named expressions ending in the current `I = … : nA`, an expression of the time
 * t (ms, t = s·dt at step s) and the parameters; a comparison counts as 1 or 0 in it
 * (`amplitude * (t >= start and t < stop)`). The kernels (engine/spec/inputCurrent.ts) and the
 * Brian2 export evaluate that expression; nothing about a model is written elsewhere.
 * Current-valued parameters may differ per neuron (an F-I sweep in one population); the others
 * (times, frequencies, phases) are one number per input.
 */
import type { ModelSpec, ParamSpec } from '../../catalog/types';
import type { Expr, Pos, SpecError } from '../ast';
import { checkSpec, type NeuronSpec } from '../check';
import { parseSpec } from '../parser';
import { dependsOn } from '../derivative';
import { dimEqual, dimName, formatDim, namedDim } from '../dimension';
import { latexExpr } from '../latex';
import { documentDefault } from '../specModel';
import type { InputSpecSource } from './types';

/** The current into each neuron. */
export const INPUT_I = 'I';
/** The time (ms). */
export const INPUT_T = 't';

/** A checked current input: its spec, the current and its catalogue entry. */
export interface InputSpec {
  readonly name: string;
  readonly spec: NeuronSpec;
  /** The current into each neuron (nA), over t and the parameters, named expressions inlined. */
  readonly current: Expr;
  /** Parameters that may be one value per neuron (the current-valued ones). */
  readonly perNeuron: readonly string[];
  /** Whether the current changes with t. */
  readonly timeVarying: boolean;
  readonly catalog: ModelSpec;
}

export type InputCompileResult = { ok: true; input: InputSpec } | { ok: false; errors: SpecError[] };

const HEADER = /^\s*current\s+([A-Za-z_][A-Za-z0-9_]*)\s*(#.*)?$/;

const err = (message: string, pos: Pos = { line: 1, column: 1 }): SpecError => ({ message, line: pos.line, column: pos.column });

/** `e` with every named expression written out (the kernels and exporters then read parameters and t only). */
function inline(e: Expr, subs: ReadonlyMap<string, Expr>, seen: ReadonlySet<string> = new Set()): Expr {
  switch (e.kind) {
    case 'name': {
      const sub = subs.get(e.name);
      return sub && !seen.has(e.name) ? inline(sub, subs, new Set([...seen, e.name])) : e;
    }
    case 'unary': return { ...e, arg: inline(e.arg, subs, seen) };
    case 'binary': return { ...e, left: inline(e.left, subs, seen), right: inline(e.right, subs, seen) };
    case 'call': return { ...e, args: e.args.map((a) => inline(a, subs, seen)) };
    default: return e;
  }
}

/** Parse, check and derive the catalogue entry; every problem with its line and column. */
export function compileInputSpec(src: InputSpecSource): InputCompileResult {
  const lines = src.source.split('\n');
  const at = lines.findIndex((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const header = at >= 0 ? HEADER.exec(lines[at]) : null;
  if (!header) return { ok: false, errors: [err('A current input spec starts with a line "current Name".', { line: at + 1, column: 1 })] };
  const name = header[1];
  // The header is blanked, so the checker's line numbers stay those of the text.
  const parsed = parseSpec(lines.map((l, k) => (k === at ? '' : l)).join('\n'));
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const compiled = checkSpec(parsed.ast, name, { stateless: true, truthValues: true });
  if (!compiled.ok) return { ok: false, errors: compiled.errors };
  const spec = compiled.spec;
  if (spec.states.length > 0 || spec.threshold || spec.resets.length > 0 || spec.refractory || spec.synapse || spec.inputs.length > 0) {
    return { ok: false, errors: [err(`The current input ${name} may declare only parameters and named expressions ending in I = … : nA, an expression of t and the parameters.`)] };
  }
  const I = spec.subexpressions.get(INPUT_I);
  if (!I) return { ok: false, errors: [err(`The current input ${name} needs its current as "I = … : nA".`)] };
  if (!dimEqual(I.dim, namedDim('current'))) return { ok: false, errors: [err(`I in the current input ${name} is the current into each neuron, so it is declared in nA, not ${formatDim(I.dim)}.`, I.value.pos)] };
  const subs = new Map([...spec.subexpressions].filter(([k]) => k !== INPUT_I).map(([k, v]) => [k, v.value]));
  const current = inline(I.value, subs);
  const params: ParamSpec[] = [];
  for (const p of spec.params) {
    const dim = dimName(p.dim);
    if (dim === undefined) return { ok: false, errors: [err(`The parameter "${p.name}" has the dimension ${formatDim(p.dim)}, which a document field cannot hold.`, p.pos)] };
    params.push({
      name: p.name, dim, doc: p.doc || `Parameter ${p.name}.`,
      ...(p.default !== undefined ? { default: documentDefault(p.default, dim, p.defaultText) } : {}),
      ...(dim === 'current' ? { perNeuron: true } : {}),
      ...(p.flags?.includes('positive') ? { positive: true } : {}),
      ...(p.flags?.includes('nonnegative') ? { nonNegative: true } : {}),
    });
  }
  const catalog: ModelSpec = {
    family: 'input', name, title: src.title ?? name, doc: src.doc ?? '',
    equations: src.equations ?? `I(t) = ${latexExpr(current)}`,
    params,
    ...(src.preset ? { preset: src.preset } : {}),
  };
  return {
    ok: true,
    input: {
      name, spec, current, catalog,
      perNeuron: params.filter((p) => p.perNeuron).map((p) => p.name),
      timeVarying: dependsOn(current, INPUT_T, () => undefined),
    },
  };
}
