/**
 * Connectivity rules as numpy code, for targets without the rule built in (Brian2's explicit
 * i/j arrays, BrainPy's sparse matrices). The drawing follows src/engine/connectivity.ts: the
 * same rule and distribution, drawn from the script's own seeded numpy generator (so the same
 * seed gives the same network in the script, but not the same synapses as SNN Studio).
 */
import type { ConnIR } from '../ir';
import { int } from './python';

/** p·n can land just below a whole number in binary; same tolerance as the engine's rule. */
const FLOOR_TOLERANCE = 1e-9;

/** Targets per presynaptic neuron of fixed_prob: floor(n_post · p), as BrainPy's EventFixedProb. */
export function fixedProbCount(nPost: number, p: number): number {
  const x = nPost * p;
  return Math.floor(x + FLOOR_TOLERANCE * Math.max(1, x));
}

/** Helper functions a script defines when it draws fixed-count connectivity itself. */
export const FIXED_COUNT_PY = `def fixed_outdegree(n_pre, n_post, k, rng, allow_self=True):
    """k targets per presynaptic neuron, uniformly with replacement (multapses allowed)."""
    i = np.repeat(np.arange(n_pre), k)
    if allow_self:
        j = rng.integers(0, n_post, size=i.size)
    elif n_post > 1:  # the other n_post - 1 neurons: draw among them, then skip i itself
        j = rng.integers(0, n_post - 1, size=i.size)
        j += j >= i
    else:
        i, j = i[:0], i[:0]
    return i, j


def fixed_indegree(n_pre, n_post, k, rng, allow_self=True):
    """k sources per postsynaptic neuron, uniformly with replacement (multapses allowed)."""
    j, i = fixed_outdegree(n_post, n_pre, k, rng, allow_self)
    return i, j
`;

/**
 * A Python expression `(i, j)` for the synapses of a fixed-count rule, or undefined for rules
 * a target expresses natively (bernoulli, all_to_all, one_to_one).
 */
export function fixedCountExpr(conn: ConnIR, nPre: number, nPost: number, samePop: boolean): string | undefined {
  const allowSelf = !samePop || conn.allowSelf ? '' : ', allow_self=False';
  switch (conn.rule) {
    case 'fixed_prob':
      return `fixed_outdegree(${nPre}, ${nPost}, ${int(fixedProbCount(nPost, conn.p ?? 0))}, rng${allowSelf})`;
    case 'fixed_outdegree':
      return `fixed_outdegree(${nPre}, ${nPost}, ${int(conn.k ?? 0)}, rng${allowSelf})`;
    case 'fixed_indegree':
      return `fixed_indegree(${nPre}, ${nPost}, ${int(conn.k ?? 0)}, rng${allowSelf})`;
    default:
      return undefined;
  }
}
