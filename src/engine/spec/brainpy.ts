/**
 * A brainpy.state neuron class generated from a spec, for the BrainPy export of models that exist
 * only as specs. Its shape follows brainpy.state's own neuron classes, read in brainpy/BrainPy
 * brainpy/state/_lif.py and _base.py (the search tools; BrainPy cannot be installed here):
 * subclass of brainpy.state.Neuron, `super().__init__(in_size, name=name, spk_fun=spk_fun)`,
 * parameters through `braintools.init.param(x, self.varshape)`, states as `brainstate.HiddenState`
 * made in `init_state(batch_size)` from `<state>_initializer`s, `update(x)` reading the synaptic
 * currents through `self.sum_current_inputs(x, V)` and voltage jumps through
 * `self.sum_delta_inputs(V)`, and `get_spike()`.
 *
 * The step inside is SNN Studio's (the interpreter's, src/engine/spec/interpreter.ts), written in
 * coherent plain numbers (mV, ms, nA, µS, MΩ, nF, 1/ms): reset from the stored spike, each state
 * by its scheme with the spec's own Jacobian, bounds, refractoriness counted in steps, threshold
 * (rising: only an upward crossing). The current input is read once per step at the V before the
 * step; COBA currents are linear in V, so a second read at V + 1 mV gives their Σg, and
 * I(V) = I(V0) - Σg·(V - V0) inside the step, as the spec kernel computes it.
 */
import type { Expr } from '../../shared/modelspec/ast';
import { constantValue, type NeuronSpec } from '../../shared/modelspec/check';
import { derivative } from '../../shared/modelspec/derivative';
import { dimName, unitWord } from '../../shared/modelspec/dimension';
import type { DimensionName } from '../../shared/units';

/** tau_ref / dt rounded up with the kernels' tolerance. */
const STEP_TOLERANCE = 1e-9;

/** brainunit unit of each coherent internal unit (rates per ms are kHz). */
const COHERENT_UNIT: Readonly<Record<DimensionName, string | null>> = {
  voltage: 'u.mV', current: 'u.nA', time: 'u.ms', conductance: 'u.uS', resistance: 'u.Mohm', capacitance: 'u.nF', rate: 'u.kHz', dimensionless: null,
};

/** Module-level helpers every generated class uses (written once per script). */
export const BRAINPY_SPEC_HELPERS = [
  'def _coherent(x, unit):',
  '    """A parameter or state as a plain array in SNN Studio\'s coherent units (mV, ms, nA, uS, Mohm, nF, 1/ms)."""',
  '    if unit is None:',
  '        return jnp.asarray(u.get_magnitude(x), dtype=float)',
  '    return jnp.asarray(u.Quantity(x).to_decimal(unit), dtype=float)',
  '',
  '',
  'def _exprel(z):',
  '    """(e^z - 1)/z, 1 + z/2 near 0 (the factor of the exponential-Euler step)."""',
  '    small = jnp.abs(z) < 1e-8',
  '    safe = jnp.where(small, 1.0, z)',
  '    return jnp.where(small, 1.0 + z / 2, jnp.expm1(safe) / safe)',
  '',
];

/**
 * Names a spec's parameter, state or choice cannot take as it is in the class: Python's keywords;
 * the class's own arguments, attributes, methods and the module it reads in `__init__`; and the
 * attributes and methods of brainpy.state.Neuron and what it inherits (brainpy/state/_base.py:
 * Dynamics and Neuron; brainstate/nn/_module.py, _dynamics.py, graph/_node.py, mixin.py).
 */
const TAKEN_NAMES: ReadonlySet<string> = new Set([
  // Python keywords (and the soft ones)
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for',
  'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case', 'type', '_',
  // the generated class
  'self', 'super', 'in_size', 'spk_fun', 'name', 'since', 'spike', 'init_state', 'reset_state', 'get_spike', '_initial_spike', 'update', 'braintools', 'ValueError',
  // brainpy.state.Neuron and Dynamics
  'spk_reset', 'current_inputs', 'delta_inputs', '_current_inputs', '_delta_inputs', 'add_current_input', 'add_delta_input', 'get_input', 'sum_current_inputs', 'sum_delta_inputs', 'align_pre',
  // brainstate.nn.Dynamics, Module, graph Node, ParamDesc
  'out_size', 'varshape', 'prefetch', 'prefetch_delay', 'output_delay', 'before_updates', 'after_updates', '_before_updates', '_after_updates', 'add_before_update', 'add_after_update',
  'get_before_update', 'get_after_update', 'has_before_update', 'has_after_update', '_name', '_in_size', '_out_size', 'states', 'state_trees', 'nodes', 'children', 'named_children',
  'modules', 'named_modules', 'param_modules', 'named_param_modules', 'reg_loss', 'param_precompute', 'init_all_states', 'parameters', 'named_parameters', 'graph_invisible_attrs',
  'check_valid_context', 'desc', 'non_hashable_params',
]);

/** ASCII spellings of the non-ASCII letters a spec name may hold (Python would fold µ and μ into one name). */
const ASCII: Readonly<Record<string, string>> = { '\u00b5': 'mu', '\u03bc': 'mu', '\u03a9': 'Ohm' };

/**
 * The Python name of each parameter, state, choice and input of `spec` in its generated class (and
 * so the keyword arguments its constructor takes): the spec's own name where it is free, else that
 * name in ASCII, prefixed where it starts with "_" (private or mangled in Python), with "_" added
 * until it clashes with nothing above, with no other name and with no state's `<name>_initializer`.
 */
export function brainpyNames(spec: NeuronSpec): ReadonlyMap<string, string> {
  const taken = new Set(TAKEN_NAMES);
  const out = new Map<string, string>();
  const claim = (n: string, derived: (p: string) => string[] = () => []): void => {
    let p = [...n].map((c) => ASCII[c] ?? c).join('');
    if (p.startsWith('_')) p = `p${p}`;
    while (taken.has(p) || derived(p).some((d) => taken.has(d))) p += '_';
    for (const x of [p, ...derived(p)]) taken.add(x);
    out.set(n, p);
  };
  const plain = (n: string): boolean => ![...n].some((c) => ASCII[c]) && !n.startsWith('_') && !TAKEN_NAMES.has(n);
  // names that can stay as they are claim theirs first, so a clash renames the name that had to change anyway
  const all = [...spec.states.map((s) => [s.name, true] as const), ...[...spec.params, ...spec.choices, ...spec.inputs].map((x) => [x.name, false] as const)];
  const initializer = (p: string): string[] => [`${p}_initializer`];
  for (const pass of [true, false]) {
    for (const [n, isState] of all) if (!out.has(n) && plain(n) === pass) claim(n, isState ? initializer : undefined);
  }
  return out;
}

const FN: Readonly<Record<string, string>> = {
  exp: 'jnp.exp', log: 'jnp.log', sqrt: 'jnp.sqrt', abs: 'jnp.abs', exprel: '_exprel', sin: 'jnp.sin', cos: 'jnp.cos', tanh: 'jnp.tanh', min: 'jnp.minimum', max: 'jnp.maximum',
};

function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`${x} has no Python literal`);
  return Number.isInteger(x) ? `${x}.0` : String(x);
}

/** An expression as Python over plain arrays; names go through `name` (sub-expressions inlined). */
function pyExpr(e: Expr, name: (n: string) => string | null, subs: ReadonlyMap<string, Expr>, seen: ReadonlySet<string> = new Set()): string {
  const r = (x: Expr): string => pyExpr(x, name, subs, seen);
  switch (e.kind) {
    case 'number':
      return pyNumber(e.value);
    case 'unit': {
      const v = unitWord(e.name)?.value;
      if (v === undefined) throw new Error(`"${e.name}" is not a unit`);
      return pyNumber(v);
    }
    case 'name': {
      const sub = subs.get(e.name);
      if (sub && !seen.has(e.name)) return `(${pyExpr(sub, name, subs, new Set([...seen, e.name]))})`;
      const mapped = name(e.name);
      if (mapped !== null) return mapped;
      // not declared: a unit word (the checks allow nothing else)
      const unit = unitWord(e.name)?.value;
      if (unit === undefined) throw new Error(`"${e.name}" is neither declared nor a unit`);
      return pyNumber(unit);
    }
    case 'unary':
      return e.op === '-' ? `(-${r(e.arg)})` : `jnp.logical_not(${r(e.arg)})`;
    case 'call':
      return `${FN[e.fn]}(${e.args.map(r).join(', ')})`;
    case 'binary':
      if (e.op === 'and') return `jnp.logical_and(${r(e.left)}, ${r(e.right)})`;
      if (e.op === 'or') return `jnp.logical_or(${r(e.left)}, ${r(e.right)})`;
      return `(${r(e.left)} ${e.op} ${r(e.right)})`;
  }
}

export interface BrainPyClassOptions {
  readonly className: string;
  /** One sentence for the docstring. */
  readonly title: string;
  readonly source: string;
}

/** Docstring lines naming the spec's names that the class spells differently (none: no lines). */
function renamedNote(names: ReadonlyMap<string, string>): string[] {
  const renamed = [...names].filter(([n, p]) => n !== p);
  if (renamed.length === 0) return [];
  return ['', `Renamed in this class (the spec's names clash with Python or brainpy.state): ${renamed.map(([n, p]) => `${n} -> ${p}`).join(', ')}.`];
}

/** The lines of a brainpy.state class for `spec` (module level; uses u, jnp, brainpy, brainstate, braintools). */
export function brainpyClass(spec: NeuronSpec, o: BrainPyClassOptions): string[] {
  const subs = new Map([...spec.subexpressions].map(([k, v]) => [k, v.value]));
  const states = spec.states.map((s) => s.name);
  const declared = new Set([...spec.params.map((p) => p.name), ...states, ...spec.inputs.map((i) => i.name), 't']);
  const input = spec.inputs.find((i) => dimName(i.dim) === 'current')?.name;
  const voltage = spec.states.find((s) => dimName(s.dim) === 'voltage')?.name;
  const names = brainpyNames(spec);
  /** The class's name (argument, attribute) of a parameter, state or choice. */
  const attr = (n: string): string => names.get(n) ?? n;
  // Locals for declared names end in "_"; the class's own locals never do (t_ stands for the built-in t,
  // which no spec may declare), and per-state helpers end in _rhs, _jac, _step and _bounded.
  const local = (n: string): string => (declared.has(n) ? `${attr(n)}_` : n);
  const rhs = (n: string): string => `${attr(n)}_rhs`;
  const jac = (n: string): string => `${attr(n)}_jac`;
  // Inside f_X(...): states are the arguments, the input is read at the argument voltage.
  const inner = (n: string): string | null => (n === input ? (voltage ? `I_of(${local(voltage)})` : 'I_at') : n === 't' ? 't_' : declared.has(n) ? local(n) : null);
  const py = (e: Expr): string => pyExpr(e, inner, subs);
  const args = states.map(local).join(', ');
  const unitOf = (d: Parameters<typeof dimName>[0]): string => {
    const n = dimName(d);
    return n === undefined ? 'None' : (COHERENT_UNIT[n] ?? 'None');
  };
  const quantity = (value: number, d: Parameters<typeof dimName>[0]): string => {
    const unit = unitOf(d);
    return unit === 'None' ? pyNumber(value) : `${pyNumber(value)} * ${unit}`;
  };
  const defaults = new Map(spec.params.map((p) => [p.name, p.default]));
  const initDefault = (e: Expr): number | undefined => {
    if (e.kind === 'name' && defaults.has(e.name)) return defaults.get(e.name);
    try {
      return constantValue(e).value;
    } catch {
      return undefined;
    }
  };

  const ctorArgs: string[] = ['self', 'in_size'];
  for (const p of spec.params) ctorArgs.push(p.default === undefined ? `${attr(p.name)}=None` : `${attr(p.name)}=${quantity(p.default, p.dim)}`);
  for (const s of spec.states) {
    const v = initDefault(s.init);
    ctorArgs.push(`${attr(s.name)}_initializer=braintools.init.Constant(${quantity(Number.isFinite(v) ? (v as number) : 0, s.dim)})`);
  }
  for (const c of spec.choices) ctorArgs.push(`${attr(c.name)}=${JSON.stringify(c.options[0])}`);
  ctorArgs.push('spk_fun=braintools.surrogate.ReluGrad()', 'name=None');

  const body: string[] = [];
  body.push(`def __init__(${ctorArgs.join(', ')}):`);
  body.push('    super().__init__(in_size, name=name, spk_fun=spk_fun)');
  for (const p of spec.params) body.push(`    self.${attr(p.name)} = braintools.init.param(${attr(p.name)}, self.varshape)`);
  for (const s of spec.states) body.push(`    self.${attr(s.name)}_initializer = ${attr(s.name)}_initializer`);
  for (const c of spec.choices) {
    const a = attr(c.name);
    body.push(`    if ${a} not in (${c.options.map((x) => JSON.stringify(x)).join(', ')},):`, `        raise ValueError(f'${a} must be one of ${c.options.join(', ')}, not {${a}!r}')`);
    body.push(`    self.${a} = ${a}`);
  }
  body.push('');
  body.push('def init_state(self, batch_size=None, **kwargs):');
  for (const s of spec.states) body.push(`    self.${attr(s.name)} = brainstate.HiddenState(braintools.init.param(self.${attr(s.name)}_initializer, self.varshape, batch_size))`);
  body.push('    # steps since the last spike (never: a large number) and the spike stored for the next step');
  body.push(`    self.since = brainstate.ShortTermState(braintools.init.param(braintools.init.Constant(${2 ** 30}.0), self.varshape, batch_size))`);
  body.push('    self.spike = brainstate.ShortTermState(self._initial_spike())');
  body.push('');
  body.push('def reset_state(self, batch_size=None, **kwargs):');
  for (const s of spec.states) body.push(`    self.${attr(s.name)}.value = braintools.init.param(self.${attr(s.name)}_initializer, self.varshape, batch_size)`);
  body.push(`    self.since.value = braintools.init.param(braintools.init.Constant(${2 ** 30}.0), self.varshape, batch_size)`);
  body.push('    self.spike.value = self._initial_spike()');
  body.push('');
  body.push('def get_spike(self, V=None):');
  body.push('    """The spike stored at the end of the last step (1.0 or 0.0), as SNN Studio\'s step stores it."""');
  body.push('    return self.spike.value');
  body.push('');
  const loadParams = spec.params.map((p) => `    ${local(p.name)} = _coherent(self.${attr(p.name)}, ${unitOf(p.dim)})`);
  const loadStates = spec.states.map((s) => `    ${local(s.name)} = _coherent(self.${attr(s.name)}.value, ${unitOf(s.dim)})`);
  body.push('def _initial_spike(self):');
  body.push(...loadParams, ...loadStates, '    t_ = 0.0', '    I_at = 0.0');
  if (voltage) body.push('    I_of = lambda v: I_at');
  body.push(spec.threshold ? `    return jnp.asarray(${py(spec.threshold.condition)}, dtype=float) * jnp.ones(jnp.shape(${local(states[0])}))` : `    return jnp.zeros(jnp.shape(${local(states[0])}))`);
  body.push('');

  // update(x)
  body.push('def update(self, x=0. * u.nA):');
  body.push('    dt = u.Quantity(brainstate.environ.get_dt()).to_decimal(u.ms)');
  body.push("    t_ = u.Quantity(brainstate.environ.get('t')).to_decimal(u.ms)");
  body.push(...loadParams, ...loadStates);
  if (voltage) {
    const V = `self.${attr(voltage)}.value`;
    body.push('    # the current input at V before the step; COBA is linear in V, so a second read 1 mV higher gives its sum of conductances (uS)');
    body.push(`    I_at = jnp.asarray(u.Quantity(self.sum_current_inputs(x, ${V})).to_decimal(u.nA), dtype=float)`);
    body.push(`    g_syn = I_at - jnp.asarray(u.Quantity(self.sum_current_inputs(x, ${V} + 1. * u.mV)).to_decimal(u.nA), dtype=float)`);
    body.push(`    V_at = ${local(voltage)}`);
    body.push('    I_of = lambda v: I_at - g_syn * (v - V_at)');
  } else {
    body.push('    I_at = jnp.asarray(u.Quantity(self.sum_current_inputs(x)).to_decimal(u.nA), dtype=float)');
  }
  body.push('    # reset from the spike stored at the end of the last step');
  body.push('    spk = self.spike.value > 0');
  const choiceOf = new Map(spec.choices.map((c) => [c.name, c]));
  for (const r of spec.resets) {
    const guard = r.when ? `self.${attr(r.when.choice)} == ${JSON.stringify(r.when.option)}` : null;
    const lines = r.statements.map((st) => {
      const target = local(st.target);
      const v = py(st.value);
      const value = st.op === '=' ? v : `${target} ${st.op[0]} ${v}`;
      return `${target} = jnp.where(spk, ${value}, ${target})`;
    });
    if (guard && choiceOf.has(r.when?.choice ?? '')) body.push(`    if ${guard}:`, ...lines.map((l) => `        ${l}`));
    else body.push(...lines.map((l) => `    ${l}`));
  }
  if (spec.threshold?.rising) body.push(`    before = ${py(spec.threshold.condition)}`);
  // right-hand sides and Jacobians as functions of the states
  const resolve = (n: string): Expr | undefined => subs.get(n);
  body.push('    # right-hand sides (per ms) and Jacobians of each state, as functions of all states');
  spec.states.forEach((s) => {
    body.push(`    ${rhs(s.name)} = lambda ${args}: ${py(s.rhs)}`);
    if (s.scheme === 'exact' || s.scheme === 'exponential_euler') {
      let J = py(s.jacobian);
      if (voltage && s.name === voltage && input) {
        const d = derivative(s.rhs, input, resolve);
        if (typeof d !== 'string' && !(d.kind === 'number' && d.value === 0)) J = `${J} + ${py(d)} * (-g_syn)`;
      }
      body.push(`    ${jac(s.name)} = lambda ${args}: ${J}`);
    }
  });
  const call = (fn: string, overrides: Readonly<Record<string, string>>): string => `${fn}(${states.map((n) => overrides[n] ?? local(n)).join(', ')})`;
  const singleStep = (s: NeuronSpec['states'][number]): string[] => {
    const x = local(s.name);
    const f = (v: string): string => call(rhs(s.name), { [s.name]: v });
    switch (s.scheme) {
      case 'exact':
      case 'exponential_euler':
        return [`${attr(s.name)}_step = ${x} + dt * _exprel(dt * ${call(jac(s.name), {})}) * ${call(rhs(s.name), {})}`];
      case 'euler':
        return [`${attr(s.name)}_step = ${x} + dt * ${f(x)}`];
      case 'rk2':
        return [`${attr(s.name)}_step = ${x} + dt * ${f(`${x} + (dt / 2) * ${f(x)}`)}`];
      case 'rk4':
        return [
          `k1 = ${f(x)}`, `k2 = ${f(`${x} + (dt / 2) * k1`)}`, `k3 = ${f(`${x} + (dt / 2) * k2`)}`, `k4 = ${f(`${x} + dt * k3`)}`,
          `${attr(s.name)}_step = ${x} + (dt / 6) * (k1 + 2 * k2 + 2 * k3 + k4)`,
        ];
    }
  };
  const bound = (s: NeuronSpec['states'][number], v: string): string => (s.max ? `jnp.minimum(${v}, ${py(s.max)})` : v);
  body.push('    # integrate (SNN Studio\'s step); refractory neurons keep their values');
  body.push(`    held = (${states.map(local).join(', ')},)`);
  if (spec.order === 'sequential') {
    for (const s of spec.states) body.push(...singleStep(s).map((l) => `    ${l}`), `    ${local(s.name)} = ${bound(s, `${attr(s.name)}_step`)}`);
  } else {
    const groups = new Map<string, NeuronSpec['states'][number][]>();
    for (const s of spec.states) groups.set(s.scheme, [...(groups.get(s.scheme) ?? []), s]);
    for (const [scheme, group] of groups) {
      if (scheme === 'exact' || scheme === 'exponential_euler') {
        for (const s of group) body.push(...singleStep(s).map((l) => `    ${l}`));
        continue;
      }
      // a Runge–Kutta group steps together, the other states frozen (Brian2's rk methods)
      const groupNames = group.map((s) => s.name);
      const derivs = (k: string, shift: string | null): string[] => group.map((s, j) =>
        `${k}_${j} = ${call(rhs(s.name), shift === null ? {} : Object.fromEntries(groupNames.map((n, m) => [n, `${local(n)} + ${shift} * ${k === 'k2' ? 'k1' : k === 'k3' ? 'k2' : 'k3'}_${m}`])))}`);
      body.push(...derivs('k1', null).map((l) => `    ${l}`));
      if (scheme === 'euler') {
        group.forEach((s, j) => body.push(`    ${attr(s.name)}_step = ${local(s.name)} + dt * k1_${j}`));
      } else if (scheme === 'rk2') {
        body.push(...derivs('k2', '(dt / 2)').map((l) => `    ${l}`));
        group.forEach((s, j) => body.push(`    ${attr(s.name)}_step = ${local(s.name)} + dt * k2_${j}`));
      } else {
        body.push(...derivs('k2', '(dt / 2)').map((l) => `    ${l}`), ...derivs('k3', '(dt / 2)').map((l) => `    ${l}`), ...derivs('k4', 'dt').map((l) => `    ${l}`));
        group.forEach((s, j) => body.push(`    ${attr(s.name)}_step = ${local(s.name)} + (dt / 6) * (k1_${j} + 2 * k2_${j} + 2 * k3_${j} + k4_${j})`));
      }
    }
    body.push(`    ${states.map((n) => `${attr(n)}_bounded`).join(', ')} = ${spec.states.map((s) => bound(s, `${attr(s.name)}_step`)).join(', ')}`);
    body.push(`    ${states.map(local).join(', ')} = ${states.map((n) => `${attr(n)}_bounded`).join(', ')}`);
  }
  if (spec.refractory) {
    body.push(`    ref_steps = jnp.maximum(0.0, jnp.ceil(${py(spec.refractory)} / dt - ${STEP_TOLERANCE}))`);
    body.push('    active = self.since.value >= ref_steps');
  } else body.push('    active = jnp.ones(jnp.shape(self.since.value), dtype=bool)');
  if (voltage) {
    const v = local(voltage);
    const s = spec.states.find((x) => x.name === voltage);
    body.push(`    ${v} = _coherent(self.sum_delta_inputs(${v} * u.mV), u.mV)  # voltage jumps (Delta projections), after integration`);
    if (s?.max) body.push(`    ${v} = ${bound(s, v)}`);
  }
  body.push(`    ${states.map(local).join(', ')} = ${states.map((n, k) => `jnp.where(active, ${local(n)}, held[${k}])`).join(', ')}`);
  const fires = spec.threshold ? `jnp.asarray(${py(spec.threshold.condition)}, dtype=bool)` : `jnp.zeros(jnp.shape(${local(states[0])}), dtype=bool)`;
  body.push(`    fired = ${fires}${spec.threshold?.rising ? ' & ~jnp.asarray(before, dtype=bool)' : ''}`);
  for (const s of spec.states) {
    const unit = unitOf(s.dim);
    body.push(`    self.${attr(s.name)}.value = ${unit === 'None' ? local(s.name) : `${local(s.name)} * ${unit}`}`);
  }
  body.push('    self.since.value = jnp.where(fired, 0.0, self.since.value) + 1.0');
  body.push('    self.spike.value = jnp.asarray(fired, dtype=float)');
  body.push('    return self.spike.value');

  const doc = [
    `"""${o.title}: generated by SNN Studio from its model spec, with SNN Studio's step (see the`,
    'export\'s notes). Parameters and initial values take brainunit quantities; the spec:',
    '',
    ...o.source.trim().split('\n').map((l) => `    ${l.replace(/\\/g, '\\\\').replace(/"""/g, "'''")}`),
    ...renamedNote(names),
    '"""',
  ];
  return [`class ${o.className}(brainpy.state.Neuron):`, ...doc.map((l) => (l === '' ? '' : `    ${l}`)), '', ...body.map((l) => (l === '' ? '' : `    ${l}`))];
}
