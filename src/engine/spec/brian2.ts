/**
 * Brian2 text generated from a neuron spec: the NeuronGroup's equations, threshold, reset,
 * refractory period and integration method, with parameter values and initial states in the
 * coherent units of the spec (mV, nA, ms, µS, MΩ, nF). The same equations Brian2 is given are
 * the ones the interpreter runs, so a spec can be checked against Brian2 without a second copy.
 *
 * Brian2 picks one method per group and updates all states from the values before the step, so
 * its state updater is used only when its step is the spec's step (below); otherwise the states
 * are plain variables and the interpreter's exponential-Euler step is written as run_regularly
 * code (refractoriness included); what neither can express is refused with the reason. The
 * Brian2 export (src/engine/export/brian2Spec.ts) writes every neuron but LIF and LIFRef this way.
 * Brian2's state updater is used when:
 * - "exact" everywhere -> method 'exact'; "exact"/"exponential_euler" on equations linear in their
 *   own state -> 'exponential_euler' (Brian2's, with the other states frozen, is ours);
 *   one of euler, rk2, rk4 for every state -> that method (for a single state or uncoupled states
 *   it is our per-state step);
 * - "sequential" order only when no state reads a state updated before it in the step;
 * - no `max = …` bound (Brian2's state updater has no clip).
 */
import type { Expr } from '../../shared/modelspec/ast';
import type { NeuronSpec } from '../../shared/modelspec/check';
import { dependsOn, derivative, type Resolve } from '../../shared/modelspec/derivative';
import { coherentUnitParts, type Dim, dimName, unitWord } from '../../shared/modelspec/dimension';
import { normalise } from '../../shared/unitSpelling';

/** The kernels' tolerance when counting refractory steps (5 ms / 0.1 ms is 50 steps). */
const STEP_TOLERANCE = 1e-9;

/** Names Brian2 gives a meaning of its own inside a NeuronGroup. */
const RESERVED = new Set(['t', 'dt', 'i', 'N', 'xi', 'lastspike', 'not_refractory', 'True', 'False', 'and', 'or', 'not', 'clip', 'int', 'rand', 'randn']);

const BASE_UNIT: Readonly<Record<string, string>> = {
  voltage: 'volt', current: 'amp', time: 'second', conductance: 'siemens', resistance: 'ohm', capacitance: 'farad', rate: 'hertz', dimensionless: '1',
};
const COHERENT_UNIT: Readonly<Record<string, string>> = {
  voltage: 'mV', current: 'nA', time: 'ms', conductance: 'uS', resistance: 'Mohm', capacitance: 'nF', rate: '(1/ms)', dimensionless: '',
};

function powers(parts: Record<string, number>): string {
  const terms = Object.entries(parts).filter(([, p]) => p !== 0).map(([u, p]) => (p === 1 ? u : `${u}**${p}`));
  return terms.length === 0 ? '1' : terms.join(' * ');
}

/** The SI unit Brian2 wants after ':' in an equation ("volt", "volt/second", "1"). */
export function brian2BaseUnit(d: Dim): string {
  const name = dimName(d);
  if (name) return BASE_UNIT[name];
  const p = coherentUnitParts(d);
  if (!p) throw new Error('a dimension outside the electrical units has no Brian2 spelling here');
  return powers({ volt: p.mV, second: p.ms, amp: p.nA });
}

/** The coherent internal unit as a Brian2 expression ("mV", "mV * ms**-1"), '' for dimensionless. */
export function brian2CoherentUnit(d: Dim): string {
  const name = dimName(d);
  if (name) return COHERENT_UNIT[name];
  const p = coherentUnitParts(d);
  if (!p) throw new Error('a dimension outside the electrical units has no Brian2 spelling here');
  return `(${powers({ mV: p.mV, ms: p.ms, nA: p.nA })})`;
}

/** A quantity in coherent units as Brian2 text: -65 mV -> "-65 * mV". */
function quantity(value: number, d: Dim): string {
  const u = brian2CoherentUnit(d);
  return u === '' ? pyNumber(value) : `${pyNumber(value)} * ${u}`;
}

function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`${x} has no Python literal here`);
  return String(x);
}

/** Unit names Brian2 defines (checked with python3 -c 'import brian2'); it has no V, A, S, F, s, ns, fA, GHz. */
const BRIAN2_UNITS = new Set(['mV', 'uV', 'ms', 'us', 'nA', 'pA', 'uA', 'mA', 'uS', 'nS', 'mS', 'ohm', 'kohm', 'Mohm', 'Gohm', 'nF', 'pF', 'uF', 'Hz', 'kHz', 'MHz']);

/** A unit word as Brian2 text: its own name ("MΩ" -> "Mohm", "µS" -> "uS"), else its value ("V" -> "(1000 * mV)"). */
function unitSpelling(word: string): string {
  const spelt = normalise(`1 ${word}`).slice(2);
  if (BRIAN2_UNITS.has(spelt)) return spelt;
  const u = unitWord(word);
  if (!u) throw new Error(`"${word}" is not a unit`);
  return `(${quantity(u.value, u.dim)})`;
}

/** An expression as Brian2 text, fully parenthesised (so precedence can never differ). */
export function brian2Expr(e: Expr, rename: (name: string) => string = (n) => n): string {
  const r = (x: Expr): string => brian2Expr(x, rename);
  switch (e.kind) {
    case 'number':
      return pyNumber(e.value);
    case 'unit':
      return unitSpelling(e.name);
    case 'name':
      return rename(e.name);
    case 'unary':
      return e.op === '-' ? `(-${r(e.arg)})` : `(not ${r(e.arg)})`;
    case 'call':
      if (e.fn === 'min' || e.fn === 'max') {
        // Brian2 has no min/max; selecting with int(condition) keeps the chosen value exact (a
        // blend such as (a + b + |a - b|)/2 would round). Infinite arguments would give NaN (inf·0).
        const [a, b] = e.args.map(r);
        const [keepA, keepB] = e.fn === 'max' ? ['>=', '<'] : ['<=', '>'];
        return `((${a} * int(${a} ${keepA} ${b})) + (${b} * int(${a} ${keepB} ${b})))`;
      }
      return `${e.fn}(${e.args.map(r).join(', ')})`;
    case 'binary':
      return `(${r(e.left)} ${e.op} ${r(e.right)})`;
  }
}

export interface Brian2GroupOptions {
  /** Python variable and Brian2 name of the group. */
  readonly name: string;
  readonly n: number;
  /** Parameter values in coherent units; an array makes the parameter per neuron. Missing ones take the default. */
  readonly params?: Readonly<Record<string, number | readonly number[]>>;
  readonly choices?: Readonly<Record<string, string>>;
  /** Initial values in coherent units (else the spec's init lines, evaluated by Brian2). */
  readonly init?: Readonly<Record<string, number | readonly number[]>>;
  /** Each input's value per neuron (coherent units), constant over the run. */
  readonly inputs: Readonly<Record<string, number | readonly number[]>>;
  /**
   * Integrate the spec's plain differential equations with this Brian2 method instead of the
   * spec's own step: all states together, bounds (`max = …`) and the update order dropped. Not
   * the spec's step, so results differ by the integration error; it checks the physics (spike
   * times against an independent integrator at a small dt), not the translation.
   */
  readonly method?: 'euler' | 'rk2' | 'rk4';
  /**
   * Brian2's order of the group (and of its step code) within the 'groups' slot; absent: the
   * state updater at 0 and the step code at -1. A synapse spec's group takes 1, so the neurons
   * that read its states see them as they were before this step's update (SEMANTICS.md step 3).
   */
  readonly order?: number;
  /**
   * A network exporter's additions: equations, namespace entries and lines after creation (its
   * synapse variables, current inputs and parameters written from the network), inputs as
   * Brian2 expressions (then a named expression `I = … : amp` instead of a constant), initial
   * values as Python expressions, and Σg (siemens) whose share (∂f/∂I)·(-Σg) joins the Jacobian
   * of the voltage state in the exponential-Euler step code (as the spec kernel adds it).
   */
  readonly network?: {
    readonly eqs: readonly string[];
    readonly namespace: readonly string[];
    readonly after: readonly string[];
    /** The exporter writes every parameter itself (in `eqs`/`namespace`/`after`). */
    readonly params: 'given';
    readonly inputs: Readonly<Record<string, string>>;
    readonly init: Readonly<Record<string, string>>;
    readonly conductance?: string;
  };
}

export type Brian2Group = { ok: true; lines: string[] } | { ok: false; reason: string };

/** Why Brian2's own state updater would not step this spec as the interpreter does, or undefined. */
function nativeRefusal(spec: NeuronSpec): string | undefined {
  const resolve: Resolve = (name) => spec.subexpressions.get(name)?.value;
  const bounded = spec.states.find((s) => s.max);
  if (bounded) return `${bounded.name} has a bound (max = …), which Brian2's state updater cannot apply`;
  const schemes = new Set(spec.states.map((s) => s.scheme));
  const expLike = [...schemes].every((s) => s === 'exact' || s === 'exponential_euler');
  if (expLike) {
    const nonlinear = spec.states.find((s) => dependsOn(s.jacobian, s.name, resolve));
    if (nonlinear) return `d${nonlinear.name}/dt is not linear in ${nonlinear.name}, so Brian2's exponential_euler cannot take it`;
  } else if (schemes.size > 1) return `its states use different schemes (${[...schemes].join(', ')}) and Brian2 takes one method per group`;
  if (spec.order === 'sequential') {
    for (const [k, s] of spec.states.entries()) {
      const earlier = spec.states.slice(0, k).find((e) => dependsOn(s.rhs, e.name, resolve));
      if (earlier) return `d${s.name}/dt reads ${earlier.name} as already updated in the step ("order sequential"), while Brian2 updates all states together`;
    }
  }
  try {
    for (const s of spec.states) brian2Expr(s.rhs);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/**
 * Why the spec's step cannot be written as Brian2 code either (the run_regularly path: each
 * state's exponential-Euler step with its Jacobian, as the interpreter takes it), or undefined.
 */
function stepRefusal(spec: NeuronSpec): string | undefined {
  const other = spec.states.find((s) => s.scheme !== 'exact' && s.scheme !== 'exponential_euler');
  if (other) return `d${other.name}/dt is integrated by ${other.scheme}, which Brian2 takes only for a whole group of ${other.scheme} states`;
  try {
    for (const s of spec.states) {
      brian2Expr(s.rhs);
      brian2Expr(s.jacobian);
    }
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/**
 * Why Brian2 text cannot be generated for this spec, or undefined. Specs Brian2's state updater
 * steps as the interpreter does get equations and a method; the others (nonlinear exponential
 * Euler, bounds, sequential updates: ExpIF, AdEx, QuaIF, Izhikevich) get plain variables and the
 * interpreter's step written as code that Brian2 runs before its state updater.
 */
export function brian2Refusal(spec: NeuronSpec): string | undefined {
  const clash = [...spec.params.map((p) => p.name), ...spec.states.map((s) => s.name), ...spec.inputs.map((i) => i.name), ...spec.subexpressions.keys()].find((n) => RESERVED.has(n) || n.endsWith('_prev') || n.startsWith('f_') || n.startsWith('J_') || n.endsWith('_new'));
  if (clash) return `"${clash}" is a name Brian2 or the generated step code reserves`;
  const native = nativeRefusal(spec);
  if (native === undefined) return undefined;
  const step = stepRefusal(spec);
  return step === undefined ? undefined : `${native}, and ${step}`;
}

function method(spec: NeuronSpec): string {
  const schemes = new Set(spec.states.map((s) => s.scheme));
  if (schemes.size === 1 && schemes.has('exact')) return 'exact';
  if ([...schemes].every((s) => s === 'exact' || s === 'exponential_euler')) return 'exponential_euler';
  return [...schemes][0];
}

/**
 * True when Brian2's own state updater steps `spec` as the engine does and holds every other
 * variable over a step while it updates one (exact or exponential Euler): a network's synaptic
 * variables can then be equations of the group (`dg/dt = -g/tau`), integrated by the same updater
 * in exponential Euler, which holds g over the step for V (SEMANTICS.md) and decays g exactly.
 */
export function brian2HoldsOtherVariables(spec: NeuronSpec): boolean {
  return nativeRefusal(spec) === undefined && (method(spec) === 'exact' || method(spec) === 'exponential_euler');
}

/** A differential equation among a group's equation lines. */
const DIFFERENTIAL = /^d\w+\/dt\b/;

const literal = (v: number | readonly number[], d: Dim): string =>
  typeof v === 'number' ? quantity(v, d) : `np.array([${v.map(pyNumber).join(', ')}])${brian2CoherentUnit(d) === '' ? '' : ` * ${brian2CoherentUnit(d)}`}`;

/** Python lines creating the NeuronGroup `o.name` for `spec` (uses `b2` for brian2 and `np` for numpy). */
export function brian2NeuronGroup(spec: NeuronSpec, o: Brian2GroupOptions): Brian2Group {
  const refusal = brian2Refusal(spec);
  if (refusal) return { ok: false, reason: `${spec.name} cannot be written for Brian2: ${refusal}.` };
  const native = o.method !== undefined || nativeRefusal(spec) === undefined;
  const declared = new Set([...spec.params.map((p) => p.name), ...spec.states.map((s) => s.name), ...spec.inputs.map((i) => i.name), ...spec.subexpressions.keys(), 't']);
  // A name that is not declared is a unit word (the checks allow nothing else).
  const py = (e: Expr, rename: (n: string) => string = (n) => n): string => brian2Expr(e, (n) => (declared.has(n) ? rename(n) : unitWord(n) ? unitSpelling(n) : n));
  const flags = spec.refractory ? ' (unless refractory)' : '';
  const eqs: string[] = [];
  for (const s of spec.states) eqs.push(native ? `d${s.name}/dt = ${py(s.rhs)} : ${brian2BaseUnit(s.dim)}${flags}` : `${s.name} : ${brian2BaseUnit(s.dim)}`);
  for (const [name, sub] of spec.subexpressions) eqs.push(`${name} = ${py(sub.value)} : ${brian2BaseUnit(sub.dim)}`);
  const net = o.network;
  for (const i of spec.inputs) {
    const expr = net?.inputs[i.name];
    eqs.push(expr !== undefined ? `${i.name} = ${expr} : ${brian2BaseUnit(i.dim)}` : `${i.name} : ${brian2BaseUnit(i.dim)} (constant)`);
  }
  const namespace: string[] = [...(net?.namespace ?? [])];
  const perNeuron: string[] = [...(net?.after ?? [])];
  eqs.push(...(net?.eqs ?? []));
  for (const p of net ? [] : spec.params) {
    const v = o.params?.[p.name] ?? p.default;
    if (v === undefined) return { ok: false, reason: `${spec.name} needs a value for ${p.name}.` };
    if (typeof v === 'number') namespace.push(`'${p.name}': ${quantity(v, p.dim)}`);
    else {
      eqs.push(`${p.name} : ${brian2BaseUnit(p.dim)} (constant)`);
      perNeuron.push(`${o.name}.${p.name} = ${literal(v, p.dim)}`);
    }
  }
  let threshold = spec.threshold ? py(spec.threshold.condition) : undefined;
  const after: string[] = [];
  if (spec.threshold?.rising) {
    const watched = spec.states.filter((s) => dependsOn(spec.threshold?.condition as Expr, s.name, () => undefined));
    for (const s of watched) eqs.push(`${s.name}_prev : ${brian2BaseUnit(s.dim)}`);
    const prev = py(spec.threshold.condition, (n) => (watched.some((s) => s.name === n) ? `${n}_prev` : n));
    threshold = `${threshold} and not ${prev}`;
    // Before the state update of each step (Brian2's 'start' slot), remember the values the crossing is judged from.
    after.push(`${o.name}.run_regularly('${watched.map((s) => `${s.name}_prev = ${s.name}`).join('\\n')}', when='start')`);
  }
  const choices = Object.fromEntries(spec.choices.map((c) => [c.name, o.choices?.[c.name] ?? c.options[0]]));
  const reset = spec.resets.filter((r) => !r.when || choices[r.when.choice] === r.when.option).flatMap((r) => r.statements.map((s) => `${s.target} ${s.op} ${py(s.value)}`));
  const args = [
    `${o.n}`,
    `'''\n${eqs.map((e) => `    ${e}`).join('\n')}\n    '''`,
    ...(threshold ? [`threshold='${threshold}'`] : []),
    ...(reset.length > 0 ? [`reset='''${reset.join('\n')}'''`] : []),
    ...(spec.refractory ? [`refractory='${py(spec.refractory)}'`] : []),
    // 'exact' would integrate a network's synaptic equations jointly with V within the step; exponential Euler holds them (see brian2HoldsOtherVariables)
    ...(native ? [`method='${o.method ?? (method(spec) === 'exact' && net?.eqs.some((e) => DIFFERENTIAL.test(e)) ? 'exponential_euler' : method(spec))}'`] : []),
    ...(o.order !== undefined ? [`order=${o.order}`] : []),
    `namespace={${namespace.join(', ')}}`,
    `name='${o.name}'`,
  ];
  const lines = [`${o.name} = b2.NeuronGroup(${args.join(',\n    ')})`, ...perNeuron];
  if (!native) after.push(`${o.name}.run_regularly('''\n${stepCode(spec, py, net?.conductance).map((l) => `    ${l}`).join('\n')}\n    ''', when='groups', order=${o.order ?? -1})`);
  for (const i of spec.inputs) {
    if (net?.inputs[i.name] !== undefined) continue;
    const v = o.inputs[i.name];
    if (v === undefined) return { ok: false, reason: `No value for the input ${i.name}.` };
    lines.push(`${o.name}.${i.name} = ${literal(v, i.dim)}`);
  }
  for (const s of spec.states) {
    const given = net?.init[s.name];
    if (given !== undefined) {
      lines.push(`${o.name}.${s.name} = ${given}`);
      continue;
    }
    const v = o.init?.[s.name];
    // Brian2 evaluates the init expression with the group's namespace, in the state's unit.
    lines.push(v !== undefined ? `${o.name}.${s.name} = ${literal(v, s.dim)}` : `${o.name}.${s.name} = '${py(s.init)}'`);
  }
  if (spec.threshold?.rising) for (const s of spec.states) if (eqsHasPrev(eqs, s.name)) lines.push(`${o.name}.${s.name}_prev = ${o.name}.${s.name}[:]`);
  return { ok: true, lines: [...lines, ...after] };
}

/**
 * The interpreter's step as Brian2 abstract code, run at the start of the 'groups' slot (after
 * the previous step's reset, before the threshold): x += dt·exprel(dt·J)·f per state, in
 * declaration order ("sequential": each line sees the states already updated) or from the values
 * before the step ("simultaneous"), then the bound. While refractory (steps since the last spike
 * < ceil(tau_ref/dt), the kernels' count) the increment is multiplied by 0.
 */
function stepCode(spec: NeuronSpec, py: (e: Expr) => string, conductance?: string): string[] {
  const lines: string[] = [];
  const active = spec.refractory ? 'active_ * ' : '';
  if (spec.refractory) lines.push(`active_ = int(t - lastspike >= (ceil(${py(spec.refractory)} / dt - ${STEP_TOLERANCE}) - 0.5) * dt)`);
  const bound = (s: NeuronSpec['states'][number], x: string): string => {
    if (!s.max) return x;
    const u = brian2CoherentUnit(s.dim);
    return `clip(${x}, -inf${u === '' ? '' : ` * ${u}`}, ${py(s.max)})`;
  };
  const voltage = spec.states.find((s) => dimName(s.dim) === 'voltage');
  const input = spec.inputs.find((i) => dimName(i.dim) === 'current')?.name;
  const resolve: Resolve = (name) => spec.subexpressions.get(name)?.value;
  for (const s of spec.states) {
    let J = py(s.jacobian);
    if (conductance !== undefined && s === voltage && input !== undefined) {
      const dI = derivative(s.rhs, input, resolve);
      if (typeof dI !== 'string' && !(dI.kind === 'number' && dI.value === 0)) J = `(${J} + ${py(dI)} * (-(${conductance})))`;
    }
    lines.push(`f_${s.name} = ${py(s.rhs)}`, `J_${s.name} = ${J}`);
    const next = `${s.name} + ${active}dt * exprel(dt * J_${s.name}) * f_${s.name}`;
    if (spec.order === 'sequential') lines.push(`${s.name} = ${bound(s, next)}`);
    else lines.push(`${s.name}_new = ${next}`);
  }
  if (spec.order === 'simultaneous') for (const s of spec.states) lines.push(`${s.name} = ${bound(s, `${s.name}_new`)}`);
  return lines;
}

function eqsHasPrev(eqs: readonly string[], state: string): boolean {
  return eqs.some((e) => e.startsWith(`${state}_prev :`));
}
