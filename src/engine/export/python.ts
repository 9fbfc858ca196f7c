/**
 * Writing Python source text: literals, identifiers made from node ids, and the summary block
 * every exported script ends with (the same JSON line `snn run` writes as summary.json).
 */
import type { NetworkIR, ValueIR } from '../ir';

/** Names an exported script defines or imports itself; a node id never takes one of them. */
const RESERVED = new Set([
  // Python keywords and builtins a script uses
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'print', 'len', 'range', 'dict', 'list',
  'int', 'float', 'max', 'min', 'sum', 'abs',
  // modules, units and script-level names
  'np', 'b2', 'u', 'jnp', 'jax', 'nest', 'brainpy', 'brainstate', 'braintools', 'json', 'time', 'argparse', 'sys',
  'warnings', 'rng', 'net', 'args', 'main', 'summary', 'mean_cv', 'DT', 'DURATION', 'SEED', 'ms', 'mV', 'nA', 'pA',
  'nS', 'uS', 'Mohm', 'nF', 'pF', 'Hz', 'second', 'volt', 'amp', 'siemens', 'pi', 'exp', 'sin', 't', 'i', 'j',
  'Network', 'results', 'spikes', 'populations', 'wall_start', 'tempfile', 'standalone', 'build_dir', 'run_start', 'run_s', 'wall_s', 'timing', 'build_start', 'run_samples', 'compile_s',
]);

/** A Python identifier made from `id`, unique within `taken` (which it is added to). */
export function pythonName(id: string, taken: Set<string>, prefix = 'n'): string {
  let base = id.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (base === '') base = prefix;
  if (/^[0-9]/.test(base)) base = `${prefix}_${base}`;
  // Brian2 reserves the _pre / _post suffixes for synaptic references
  if (/_(pre|post)$/.test(base)) base = `${base}_${prefix}`;
  let name = base;
  for (let k = 2; RESERVED.has(name) || taken.has(name) || name.startsWith('_'); k++) name = `${base}_${k}`;
  taken.add(name);
  return name;
}

/** A Python float literal for a finite number ("-65.0", "0.1", "1e-07"). */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`cannot write ${x} as a Python literal`);
  if (Object.is(x, -0)) return '0.0';
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A Python int literal. */
export function int(x: number): string {
  return String(Math.trunc(x));
}

/** A Python string literal (JSON's escaping is valid Python for every character). */
export function str(s: string): string {
  return JSON.stringify(s);
}

/** Numbers per line in a long array literal, so a diff of the script stays readable. */
const PER_LINE = 12;

/** `np.array([...])` of floats, wrapped over lines. */
export function floatArray(values: ArrayLike<number>, indent = '    '): string {
  return npArray(Array.from(values, num), indent);
}

/** `np.array([...], dtype=int)` of integers. */
export function intArray(values: ArrayLike<number>, indent = '    '): string {
  return npArray(Array.from(values, int), indent, ', dtype=np.int64');
}

function npArray(items: string[], indent: string, dtype = ''): string {
  if (items.length <= PER_LINE) return `np.array([${items.join(', ')}]${dtype})`;
  const lines: string[] = [];
  for (let k = 0; k < items.length; k += PER_LINE) lines.push(`${indent}    ${items.slice(k, k + PER_LINE).join(', ')},`);
  return `np.array([\n${lines.join('\n')}\n${indent}]${dtype})`;
}

/**
 * A numpy expression for `n` values of `v` in internal units (no unit attached): a float for a
 * scalar, otherwise an array; distributions draw from the script's seeded `rng`.
 */
export function valueExpr(v: ValueIR, n: number, indent = '    '): string {
  switch (v.kind) {
    case 'scalar':
      return num(v.value);
    case 'array':
      return v.values.length === 1 ? num(v.values[0]) : floatArray(v.values, indent);
    case 'normal':
      return `rng.normal(${num(v.mean)}, ${num(v.std)}, size=${n})`;
    case 'uniform':
      return `rng.uniform(${num(v.low)}, ${num(v.high)}, size=${n})`;
    case 'linspace':
      return `np.linspace(${num(v.from)}, ${num(v.to)}, ${n})`;
  }
}

/** True when `v` is one number for every element. */
export function isScalar(v: ValueIR): boolean {
  return v.kind === 'scalar' || (v.kind === 'array' && v.values.length === 1);
}

/** The number of a scalar ValueIR. */
export function scalarValue(v: ValueIR): number {
  if (v.kind === 'scalar') return v.value;
  if (v.kind === 'array' && v.values.length === 1) return v.values[0];
  throw new Error('not a scalar value');
}

/**
 * Python that defines `mean_cv(i, t)` and `summary(...)`: the statistics `snn run` writes
 * (src/cli/summary.ts): per population size, spike count, mean rate in Hz and the mean ISI CV
 * over neurons with >= 3 spikes (population std), null when no neuron qualifies. Same
 * definition as bench/brian2/brette.py.
 */
export const SUMMARY_PY = `def mean_cv(i, t):
    """Mean over neurons with >= 3 spikes of std(ISI) / mean(ISI) (population std), or None."""
    i = np.asarray(i, dtype=np.int64)
    t = np.asarray(t, dtype=np.float64)
    order = np.lexsort((t, i))
    i, t = i[order], t[order]
    cvs = []
    if len(i):
        for ts in np.split(t, np.flatnonzero(np.diff(i)) + 1):
            if len(ts) >= 3:
                isi = np.diff(ts)
                cvs.append(isi.std() / isi.mean())
    return float(np.mean(cvs)) if cvs else None


def summary(spikes, sizes, duration_ms, seed, backend, wall_s, timing=None):
    """The JSON line \`snn run\` writes as summary.json; spikes maps id -> (neuron ids, times in ms).
    timing, when given, adds the script's own timings (e.g. run_s: the simulation loop alone)."""
    seconds = duration_ms / 1000.0
    populations = {}
    for pop_id, (i, t) in spikes.items():
        n = sizes[pop_id]
        populations[pop_id] = {
            'size': n,
            'spikes': int(len(i)),
            'rate_hz': len(i) / (n * seconds) if n and seconds > 0 else 0.0,
            'cv_isi': mean_cv(i, t),
        }
    out = {'duration_ms': duration_ms, 'seed': seed, 'backend': backend,
           'wall_s': wall_s, 'populations': populations}
    out.update(timing or {})
    return json.dumps(out)
`;

/** The lines every script has after its dt: duration, seed, population sizes and the summary helpers. */
export function runConstants(ir: NetworkIR): string[] {
  return [
    `DURATION_MS = ${num(ir.steps * ir.dt)}`,
    `SEED = ${int(ir.seed)}`,
    `SIZES = {${ir.populations.map((p) => `${str(p.id)}: ${p.size}`).join(', ')}}`,
    '',
    '',
    SUMMARY_PY,
    '',
  ];
}
