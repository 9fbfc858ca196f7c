/**
 * Pieces of the BrainPy script: values with brainunit units, population constructors, current
 * inputs as functions of the step, and projections (AlignPostProj with EventFixedProb for
 * fixed_prob, a sparse matrix for the other rules).
 *
 * Checked against the sources (BrainPy cannot be installed here; read with the search tools):
 * - chaobrain/brainpy.state (re-exported as brainpy.state, see brainpy/BrainPy brainpy/state/README.md):
 *   brainpy_state/_brainpy/exponential.py: Expon's g starts at braintools.init.Constant(0. * u.mS);
 *   brainpy_state/_brainpy/projection.py: AlignPostProj adds comm's output to g (add_delta_input);
 *   brainpy_state/_brainpy/synouts.py: COBA gives g * (E - V), CUBA gives g * scale;
 *   examples/103_COBA_2005.py and examples/104_CUBA_2005.py: weights are conductances (mS) for
 *   both outputs, and CUBA turns them into currents with scale=u.volt.
 * - chaobrain/brainstate brainstate/nn/_event_fixedprob.py (v0.5.4): EventFixedProb(in_size,
 *   out_size, conn_num, conn_weight, seed=...), conn_num an integer count (or a probability it
 *   truncates with int()); brainstate/nn/_linear.py: SparseLinear over a brainunit.sparse matrix.
 * - chaobrain/braintools braintools/conn/_random.py: FixedProb draws a dense pre x post mask
 *   (rng.random((pre_num, post_num))), so the script draws Bernoulli connectivity itself (SPARSE_PY).
 */
import type { InputIR, NetworkIR, PopulationIR, ProjectionIR, ValueIR } from '../ir';
import { fixedCountExpr, fixedProbCount } from './connectivityPy';
import { int, intArray, isScalar, num, scalarValue, valueExpr } from './python';
import { spikeEvents } from './brian2Groups';
import { BRAINPY_NEURONS, neuronCtor } from './brainpyNeurons';
import { U, type Unit } from './brainpyUnits';
import { isConductanceOutput, reversalOf } from './outputs';

export { U, type Unit } from './brainpyUnits';

/** A per-neuron parameter: a quantity, an array quantity, or a braintools initializer. */
export function bpValue(v: ValueIR, n: number, unit: Unit, indent = '            '): string {
  if (v.kind === 'normal') return `braintools.init.Normal(${num(v.mean)} * ${U[unit]}, ${num(v.std)} * ${U[unit]})`;
  if (v.kind === 'uniform') return `braintools.init.Uniform(${num(v.low)} * ${U[unit]}, ${num(v.high)} * ${U[unit]})`;
  return `${valueExpr(v, n, indent)} * ${U[unit]}`;
}

const LIF_UNITS: Readonly<Record<string, Unit>> = { V_rest: 'mV', V_th: 'mV', V_reset: 'mV', tau: 'ms', R: 'Mohm', tau_ref: 'ms' };

/** The constructor of one population (an attribute of the network module). */
export function populationCtor(pop: PopulationIR, attr: string, dt: number): string[] {
  if (pop.model === 'Poisson') {
    return [`# "${pop.id}": Poisson sources, spike when rand <= rate * dt`, `self.${attr} = brainpy.state.PoissonSpike(${pop.size}, freqs=${bpValue(pop.params.rate, pop.size, 'Hz')})`];
  }
  if (pop.model === 'SpikeTimes') {
    const { ids, steps } = spikeEvents(pop, dt);
    return [
      `# "${pop.id}": listed spike times, rounded to the nearest step`,
      `self.${attr} = brainpy.state.SpikeTime(`,
      `    ${pop.size},`,
      `    indices=${intArray(ids, '    ')},`,
      `    times=${intArray(steps, '    ')} * DT,`,
      `)`,
    ];
  }
  if (pop.model in BRAINPY_NEURONS) return neuronCtor(pop, attr);
  const params = ['V_rest', 'V_th', 'V_reset', 'tau', 'R', ...(pop.model === 'LIFRef' ? ['tau_ref'] : [])];
  const init = pop.init.V ?? { kind: 'scalar', value: 0 };
  const vInit = init.kind === 'normal' || init.kind === 'uniform' ? bpValue(init, pop.size, 'mV') : `braintools.init.Constant(${bpValue(init, pop.size, 'mV')})`;
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}`,
    `self.${attr} = brainpy.state.${pop.model}(`,
    `    ${pop.size},`,
    ...params.map((p) => `    ${p}=${bpValue(pop.params[p], pop.size, LIF_UNITS[p])},`),
    `    V_initializer=${vInit},`,
    `    spk_reset=${JSON.stringify(pop.choices.reset ?? 'soft')},`,
    `)`,
  ];
}

/** Per-neuron current parameters of an input as plain nA arrays or floats (drawn once). */
function currentParam(input: InputIR, name: string, n: number): string {
  const v = input.params[name] ?? { kind: 'scalar', value: 0 };
  return isScalar(v) ? num(scalarValue(v)) : `jnp.asarray(${valueExpr(v, n, '            ')})`;
}

function single(input: InputIR, name: string, fallback: number): number {
  const v = input.params[name];
  return v === undefined ? fallback : scalarValue(v);
}

/**
 * An input's current (nA, a float or array) at step `i` / time `tm` (ms): the expression, plus
 * constructor lines for its parameters (and state, for OU). `attr` prefixes its attributes.
 */
export function inputParts(input: InputIR, attr: string, n: number): { init: string[]; state: string[]; expr: string; after: string[] } {
  const p = (name: string): string => `self.${attr}_${name}`;
  const init = (names: string[]): string[] => names.map((k) => `${p(k)} = ${currentParam(input, k, n)}  # nA`);
  switch (input.model) {
    case 'constant':
      return { init: init(['amplitude']), state: [], expr: p('amplitude'), after: [] };
    case 'step':
      return {
        init: init(['amplitude']),
        state: [],
        expr: `${p('amplitude')} * ((tm >= ${num(single(input, 'start', 0))}) & (tm < ${num(single(input, 'stop', 1e9))}))`,
        after: [],
      };
    case 'ramp': {
      const start = single(input, 'start', 0);
      const stop = single(input, 'stop', 100);
      return {
        init: init(['from', 'to']),
        state: [],
        expr: `${p('from')} + (${p('to')} - ${p('from')}) * jnp.clip((tm - ${num(start)}) / ${num(stop - start)}, 0., 1.)`,
        after: [],
      };
    }
    case 'sinusoid':
      return {
        init: init(['amplitude', 'offset']),
        state: [],
        expr: `${p('offset')} + ${p('amplitude')} * jnp.sin(2 * jnp.pi * ${num(single(input, 'frequency', 10))} * tm / 1000. + ${num(single(input, 'phase', 0))})`,
        after: [],
      };
    case 'ou': {
      return {
        init: [...init(['mean', 'sigma']), `${p('decay')} = float(np.exp(-DT_MS / ${num(single(input, 'tau', 10))}))`],
        state: [`self.${attr}_I = brainstate.ShortTermState(jnp.zeros(${n}) + ${p('mean')})  # nA, starts at its mean`],
        expr: `self.${attr}_I.value`,
        // exact OU discretisation: the stationary std is sigma for any dt
        after: [
          `self.${attr}_I.value = (${p('mean')} + (self.${attr}_I.value - ${p('mean')}) * ${p('decay')}`,
          `    + ${p('sigma')} * np.sqrt(1 - ${p('decay')} ** 2) * brainstate.random.randn(${n}))`,
        ],
      };
    }
    default:
      throw new Error(`no BrainPy translation of the ${input.model} input`);
  }
}

/** True when the projection is BrainPy's own EventFixedProb (else an explicit sparse matrix). */
export function usesEventFixedProb(ir: NetworkIR, p: ProjectionIR): boolean {
  return p.conn.rule === 'fixed_prob' && (p.pre !== p.post || p.conn.allowSelf) && fixedProbCount(ir.populations[p.post].size, p.conn.p ?? 0) >= 1;
}

/** The AlignPostProj constructor of one projection. */
export function projectionCtor(ir: NetworkIR, p: ProjectionIR, attr: string, pre: string, post: string, seedOffset: number): string[] {
  const nPre = ir.populations[p.pre].size;
  const nPost = ir.populations[p.post].size;
  const g = ir.synapseGroups[p.group];
  const cond = isConductanceOutput(g.output);
  // Expon's g is a conductance and comm's output is added to it, so every weight travels as one.
  // A CUBA weight of w nA becomes w uS, and CUBA's scale of 1 mV turns g back into nA (uS x mV = nA).
  const unit: Unit = 'uS';
  const samePop = p.pre === p.post;
  const useEventFixedProb = usesEventFixedProb(ir, p);
  const lines = [`# "${p.id}": ${pre} -> ${post}, ${p.conn.rule}${p.conn.p !== undefined ? ` p=${p.conn.p}` : ''}${p.conn.k !== undefined ? ` k=${p.conn.k}` : ''}`];
  let comm: string;
  if (useEventFixedProb) {
    // The count, not p: EventFixedProb truncates n_post * p with int(), which can land one below
    // the engine's floor (0.29 * 100 = 28.999...).
    const count = fixedProbCount(nPost, p.conn.p ?? 0);
    const w = p.weight.kind === 'scalar' ? `${num(p.weight.value)} * ${U[unit]}` : bpValue(p.weight, 0, unit);
    lines.push(`# EventFixedProb: floor(${nPost} * ${num(p.conn.p ?? 0)}) = ${count} targets per presynaptic neuron, drawn with replacement`);
    comm = `brainstate.nn.EventFixedProb(${nPre}, ${nPost}, conn_num=${int(count)}, conn_weight=${w}, seed=seed + ${seedOffset})`;
  } else {
    const fixed = fixedCountExpr(p.conn, nPre, nPost, samePop);
    const noSelf = samePop && !p.conn.allowSelf;
    let ij: string;
    if (fixed !== undefined) ij = fixed;
    else if (p.conn.rule === 'bernoulli') ij = `bernoulli(${nPre}, ${nPost}, ${num(p.conn.p ?? 0)}, rng${noSelf ? ', allow_self=False' : ''})`;
    else if (p.conn.rule === 'all_to_all') ij = `all_to_all(${nPre}, ${nPost}${noSelf ? ', allow_self=False' : ''})`;
    else ij = noSelf ? 'np.arange(0), np.arange(0)' : `np.arange(${nPre}), np.arange(${nPre})`;
    lines.push(`i, j = ${ij}`);
    const w = p.weight.kind === 'scalar' ? `np.full(i.size, ${num(p.weight.value)})` : valueExpr(p.weight, 0).replace(/size=0\)$/, 'size=i.size)');
    comm = `brainstate.nn.SparseLinear(csr(i, j, ${nPre}, ${nPost}, ${w} * ${U[unit]}))`;
  }
  const out = cond ? `brainpy.state.COBA.desc(E=${num(reversalOf(g.output))} * u.mV),  # g (uS) x (E - V) (mV) = nA` : 'brainpy.state.CUBA.desc(scale=u.mV),  # g (uS) x 1 mV = the weight in nA';
  return [
    ...lines,
    `self.${attr} = brainpy.state.AlignPostProj(`,
    `    comm=${comm},`,
    `    syn=brainpy.state.Expon.desc(${nPost}, tau=${num(g.synapse.params.tau)} * u.ms),`,
    `    out=${out}`,
    `    post=self.${post},`,
    `)`,
  ];
}

/** Helpers the script defines when a projection needs an explicit sparse matrix. */
export const SPARSE_PY = `def bernoulli(n_pre, n_post, p, rng, allow_self=True):
    """Each pair independently with probability p, drawn without a dense n_pre x n_post array:
    in row-major order the gaps between chosen pairs are geometric(p), so memory and time grow
    with the number of synapses only. allow_self=False (same population) skips the diagonal."""
    cols = n_post if allow_self else n_post - 1
    total = n_pre * cols
    if p <= 0 or total <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    chunks, last = [], -1
    while last < total - 1:
        expected = (total - 1 - last) * p
        # enough gaps to pass the end almost always; another round otherwise
        pos = last + np.cumsum(rng.geometric(p, size=int(expected + 6 * np.sqrt(expected) + 16)))
        chunks.append(pos)
        last = pos[-1]
    pos = np.concatenate(chunks)
    pos = pos[pos < total]
    i, j = pos // cols, pos % cols
    if not allow_self:
        j += j >= i
    return i, j


def all_to_all(n_pre, n_post, allow_self=True):
    i, j = np.meshgrid(np.arange(n_pre), np.arange(n_post), indexing='ij')
    keep = (i != j) | allow_self
    return i[keep], j[keep]


def csr(i, j, n_pre, n_post, weight):
    """A sparse pre x post matrix with one stored entry per synapse (multapses add up)."""
    order = np.lexsort((j, i))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(i, minlength=n_pre))])
    return u.sparse.CSR((weight[order], j[order], indptr), shape=(n_pre, n_post))
`;
