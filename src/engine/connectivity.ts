/**
 * Connectivity rules -> compressed sparse rows (one row per presynaptic neuron), so propagation
 * touches only the rows of neurons that spiked. Backend-neutral (the typed and tfjs backends
 * share it); every rule draws only from the stream it is given, so a seed fixes the network.
 * Rules are registered by name (registerRule) instead of a growing switch.
 */
import type { ConnIR } from './ir';
import type { Rng } from './random';
import { groupDigits } from '../shared/groupDigits';

/** Synapses of one projection: targets of pre neuron i are col[rowPtr[i] .. rowPtr[i+1]). */
export interface Csr {
  readonly nPre: number;
  readonly nPost: number;
  /** Length nPre + 1; rowPtr[nPre] is the number of synapses. */
  readonly rowPtr: Int32Array;
  /** Post index of each synapse. */
  readonly col: Int32Array;
}

/** What a rule sees: sizes, whether pre and post are one population, and its stream. */
export interface RuleContext {
  readonly nPre: number;
  readonly nPost: number;
  /** True when pre and post are the same population and i -> i is not allowed. */
  readonly noSelf: boolean;
  readonly rng: Rng;
  /** Told how far the rule is (0..1) every ROWS_PER_REPORT rows; a long build shows it. */
  readonly progress?: (fraction: number) => void;
}

/** Rows (or columns) a rule draws between two progress reports: cheap to check, fine enough to watch. */
export const ROWS_PER_REPORT = 256;

export type ConnectivityRule = (conn: ConnIR, ctx: RuleContext) => Csr;

const rules = new Map<string, ConnectivityRule>();

export function registerRule(name: string, rule: ConnectivityRule): void {
  rules.set(name, rule);
}

/** Most synapses one projection may hold: CSR offsets are int32. */
export const MAX_SYNAPSES = 2 ** 31 - 1;

/**
 * p·n as typed can land just below a whole number in binary (0.29 · 100 = 28.999999999999996);
 * a relative tolerance this small only repairs that rounding, never a real fraction.
 */
const FLOOR_TOLERANCE = 1e-9;

function countFor(n: number, p: number): number {
  const x = n * p;
  return Math.floor(x + FLOOR_TOLERANCE * Math.max(1, x));
}

/**
 * Build the synapses of one projection. Throws an Error with a readable message on a bad rule.
 * `progress` (optional) hears the fraction done now and then; it never changes what is drawn.
 */
export function connect(conn: ConnIR, nPre: number, nPost: number, samePopulation: boolean, rng: Rng, progress?: (fraction: number) => void): Csr {
  const rule = rules.get(conn.rule);
  if (!rule) throw new Error(`There is no connectivity rule "${conn.rule}" (known: ${[...rules.keys()].join(', ')}).`);
  return rule(conn, { nPre, nPost, noSelf: samePopulation && !conn.allowSelf, rng, ...(progress ? { progress } : {}) });
}

function checkTotal(total: number, what: string): void {
  if (total > MAX_SYNAPSES) {
    throw new Error(`${what} would create ${groupDigits(total)} synapses; one projection can hold at most ${groupDigits(MAX_SYNAPSES)}. Lower p or k, or split the population.`);
  }
}

/** k targets per pre neuron drawn uniformly with replacement, skipping i itself when noSelf. */
function fixedPerRow(k: number, ctx: RuleContext, what: string): Csr {
  const { nPre, nPost, noSelf, rng, progress } = ctx;
  const choices = noSelf ? nPost - 1 : nPost;
  const perRow = choices > 0 ? k : 0;
  checkTotal(nPre * perRow, what);
  const rowPtr = new Int32Array(nPre + 1);
  const col = new Int32Array(nPre * perRow);
  let at = 0;
  for (let i = 0; i < nPre; i++) {
    if (progress && i % ROWS_PER_REPORT === 0) progress(i / nPre);
    rowPtr[i] = at;
    rng.fillInts(choices, col, at, perRow);
    if (noSelf) for (let s = at; s < at + perRow; s++) if (col[s] >= i) col[s]++;
    at += perRow;
  }
  rowPtr[nPre] = at;
  return { nPre, nPost, rowPtr, col };
}

/** BrainPy's EventFixedProb: K = floor(n_post · p) targets per pre neuron, with replacement. */
registerRule('fixed_prob', (conn, ctx) => fixedPerRow(countFor(ctx.nPost, conn.p ?? 0), ctx, 'fixed_prob'));

/** Like NEST's fixed_outdegree with multapses allowed (its default). */
registerRule('fixed_outdegree', (conn, ctx) => fixedPerRow(conn.k ?? 0, ctx, 'fixed_outdegree'));

/** Each pair independently with probability p, by geometric skipping: O(synapses), not O(n²). */
registerRule('bernoulli', (conn, ctx) => {
  const { nPre, nPost, noSelf, rng, progress } = ctx;
  const p = conn.p ?? 0;
  const rowPtr = new Int32Array(nPre + 1);
  if (p <= 0) return { nPre, nPost, rowPtr, col: new Int32Array(0) };
  const mean = nPre * nPost * p;
  checkTotal(Math.floor(mean - 10 * Math.sqrt(mean)), 'bernoulli');
  let col = new Int32Array(Math.min(MAX_SYNAPSES, Math.ceil(mean + 6 * Math.sqrt(mean) + 16)));
  const logQ = Math.log1p(-p);
  let at = 0;
  for (let i = 0; i < nPre; i++) {
    if (progress && i % ROWS_PER_REPORT === 0) progress(i / nPre);
    rowPtr[i] = at;
    let j = -1;
    for (;;) {
      // Gap to the next success of a Bernoulli(p) sequence is geometric: floor(ln U / ln(1-p)).
      j += p >= 1 ? 1 : 1 + Math.floor(Math.log(1 - rng.uniform53()) / logQ);
      if (j >= nPost) break;
      if (noSelf && j === i) continue;
      if (at === col.length) {
        checkTotal(at + 1, 'bernoulli');
        const grown = new Int32Array(Math.min(MAX_SYNAPSES, Math.ceil(col.length * 1.5) + 16));
        grown.set(col);
        col = grown;
      }
      col[at++] = j;
    }
  }
  rowPtr[nPre] = at;
  return { nPre, nPost, rowPtr, col: col.length === at ? col : col.slice(0, at) };
});

/** Share of fixed_indegree's time spent drawing (the rest sorts into rows), for its progress reports. */
const DRAW_SHARE = 0.6;

/** Each post neuron gets exactly k pre neurons, with replacement (NEST's default multapses). */
registerRule('fixed_indegree', (conn, ctx) => {
  const { nPre, nPost, noSelf, rng, progress } = ctx;
  const k = conn.k ?? 0;
  const choices = noSelf ? nPre - 1 : nPre;
  const perPost = choices > 0 ? k : 0;
  checkTotal(nPost * perPost, 'fixed_indegree');
  const preOf = new Int32Array(nPost * perPost);
  const rowPtr = new Int32Array(nPre + 1);
  for (let j = 0, at = 0; j < nPost; j++) {
    if (progress && j % ROWS_PER_REPORT === 0) progress(DRAW_SHARE * (j / nPost));
    rng.fillInts(choices, preOf, at, perPost);
    for (let s = 0; s < perPost; s++, at++) {
      let i = preOf[at];
      if (noSelf && i >= j) preOf[at] = ++i;
      rowPtr[i + 1]++;
    }
  }
  for (let i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
  // Counting sort into pre-major rows; within a row, posts stay in increasing order.
  const fill = rowPtr.slice(0, nPre);
  const col = new Int32Array(preOf.length);
  for (let j = 0, at = 0; j < nPost; j++) {
    if (progress && j % ROWS_PER_REPORT === 0) progress(DRAW_SHARE + (1 - DRAW_SHARE) * (j / nPost));
    for (let s = 0; s < perPost; s++, at++) col[fill[preOf[at]]++] = j;
  }
  return { nPre, nPost, rowPtr, col };
});

registerRule('all_to_all', (_conn, ctx) => {
  const { nPre, nPost, noSelf, progress } = ctx;
  const perRow = noSelf ? nPost - 1 : nPost;
  checkTotal(nPre * perRow, 'all_to_all');
  const rowPtr = new Int32Array(nPre + 1);
  const col = new Int32Array(nPre * Math.max(0, perRow));
  let at = 0;
  for (let i = 0; i < nPre; i++) {
    if (progress && i % ROWS_PER_REPORT === 0) progress(i / nPre);
    rowPtr[i] = at;
    for (let j = 0; j < nPost; j++) if (!(noSelf && i === j)) col[at++] = j;
  }
  rowPtr[nPre] = at;
  return { nPre, nPost, rowPtr, col };
});

registerRule('one_to_one', (_conn, ctx) => {
  const { nPre, nPost, noSelf } = ctx;
  if (nPre !== nPost) throw new Error(`one_to_one needs populations of the same size (got ${nPre} and ${nPost}).`);
  const rowPtr = new Int32Array(nPre + 1);
  if (noSelf) return { nPre, nPost, rowPtr, col: new Int32Array(0) };
  for (let i = 0; i <= nPre; i++) rowPtr[i] = i;
  return { nPre, nPost, rowPtr, col: Int32Array.from({ length: nPre }, (_, i) => i) };
});

/** Expected number of synapses of one projection's rule, before anything is drawn (bernoulli: the mean). */
export function expectedSynapseCount(conn: ConnIR, nPre: number, nPost: number): number {
  switch (conn.rule) {
    case 'fixed_prob':
      return nPre * Math.floor(nPost * (conn.p ?? 0));
    case 'bernoulli':
      return nPre * nPost * (conn.p ?? 0);
    case 'fixed_indegree':
      return nPost * (conn.k ?? 0);
    case 'fixed_outdegree':
      return nPre * (conn.k ?? 0);
    case 'all_to_all':
      return nPre * nPost;
    case 'one_to_one':
      return nPre;
    default:
      return 0;
  }
}

