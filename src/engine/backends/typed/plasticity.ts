/**
 * A projection's plasticity rule (modelspec/plasticity/<folder>) on typed arrays, run from its spec.
 * Event-driven states live per presynaptic or postsynaptic neuron. A rule that transmits touches
 * them only at that neuron's events, applying the decay since its last event in closed form
 * (common/plasticity.ts), so a recursion such as Tsodyks–Markram's is exact; a rule that changes w
 * decays every state one exact step per step (e^{rate·dt}), as the traces of the hand-written
 * STDP did, since its synapse loops read many neurons' states per spike.
 * - A rule that `transmit`s (STP, STD) runs its on_pre where the spike is propagated: `efficacy`
 *   scales the weights of that spike's row.
 * - A rule that changes w (STDP) runs in the plasticity phase after the neurons have spiked
 *   (`update`): spike times are the neurons' own (no transmission delay), and presynaptic events
 *   go first, as Brian2 orders on_pre before on_post, so a pair at Δt = 0 potentiates.
 * Statements run in the spec's order: one assigning a neuron's state (or `transmit`) once for the
 * neuron that spiked, one assigning w for each of its synapses (rows for on_pre, columns for on_post).
 * The expressions are compiled by the spec kernels' compiler: a neuron's statements into closures
 * over one frame (spec/closures.ts), a synapse statement into one loop per operation over the
 * spike's whole row or column (spec/arrayClosures.ts), its w and the other side's states gathered
 * first; the same arithmetic in the same order either way, so the same bits.
 */
import type { AssignOp, Expr } from '../../../shared/modelspec/ast';
import type { RuleStep } from '../../../shared/modelspec/check';
import type { PlasticityIR } from '../../ir';
import type { Csr } from '../../connectivity';
import { type Assignment, type Closure, compileAssignment, compileExpr, type Scope } from '../../spec/closures';
import { type ArrayNode, compileArrayExpr, type Extent } from '../../spec/arrayClosures';
import { decayed, foldConstants, plasticityRule, type RuleState, statementValue, stepDecay } from '../common/plasticity';

/** Scales the increment of a presynaptic spike. */
export interface ShortTerm {
  /** Efficacy of neuron i's spike arriving at step s (1 = full weight); updates its state. */
  efficacy(i: number, s: number): number;
}

/** Spikes of a population in the current step: the first `count` entries of `ids`. */
export interface SpikeList {
  readonly spikes: Int32Array;
  readonly spikeCount: number;
}

/** A statement assigning w, for all synapses of a row or column at once. */
interface SynapseStep {
  readonly op: AssignOp;
  readonly value: ArrayNode;
  /** `w = clip(value, lo, hi)` with constant bounds: clipped as it is stored (`value` is then clip's argument). */
  readonly clip: { readonly lo: number; readonly hi: number } | null;
  /** Whether the value reads w (gathered first). */
  readonly readsW: boolean;
  /** The other side's states it reads (indices into that side's values), gathered first. */
  readonly reads: readonly number[];
  /** The value for one synapse from the frame (w and the other side's states loaded into it): a row or column of at most SHORT synapses. */
  readonly one: Closure;
}

type Step =
  | { readonly kind: 'neuron'; readonly run: Assignment }
  | { readonly kind: 'transmit'; readonly value: Closure }
  | { readonly kind: 'synapse'; readonly step: SynapseStep };

/**
 * One side's event-driven states: values per neuron and the step of each neuron's last event.
 * `stepped` (a rule that changes w, run every step): every value takes one step of its decay per
 * step instead (stepAll), as the traces of the hand-written STDP did: its synapse loops read
 * values that are already current, where closed forms per neuron cost an exp for every neuron a
 * spike's row or column touches.
 */
class Side {
  readonly values: Float64Array[];
  readonly last: Int32Array;
  private readonly decay: readonly ReturnType<typeof stepDecay>[];

  constructor(readonly states: readonly RuleState[], readonly slots: readonly number[], n: number, readonly stepped: boolean, dt: number) {
    this.values = states.map((s) => new Float64Array(n).fill(s.init));
    this.last = new Int32Array(n); // the run starts at step 0
    this.decay = states.map((s) => stepDecay(s, dt));
  }

  /** One step of every neuron's decay (stepped sides). */
  stepAll(): void {
    for (let k = 0; k < this.values.length; k++) {
      const x = this.values[k];
      const { inf, factor, add } = this.decay[k];
      if (add !== 0) for (let n = 0; n < x.length; n++) x[n] += add;
      else if (inf === 0) for (let n = 0; n < x.length; n++) x[n] *= factor;
      else for (let n = 0; n < x.length; n++) x[n] = inf + (x[n] - inf) * factor;
    }
  }

  /** Bring neuron n's states to step `now` and load them into the frame. */
  load(n: number, now: number, dt: number, frame: Float64Array): void {
    if (this.stepped) {
      for (let k = 0; k < this.states.length; k++) frame[this.slots[k]] = this.values[k][n];
      return;
    }
    const elapsed = (now - this.last[n]) * dt;
    for (let k = 0; k < this.states.length; k++) {
      const v = elapsed === 0 ? this.values[k][n] : decayed(this.states[k], this.values[k][n], elapsed);
      this.values[k][n] = v;
      frame[this.slots[k]] = v;
    }
    this.last[n] = now;
  }

  store(n: number, frame: Float64Array): void {
    for (let k = 0; k < this.states.length; k++) this.values[k][n] = frame[this.slots[k]];
  }
}

/** Names `e` reads. */
function names(e: Expr, out: Set<string> = new Set()): Set<string> {
  if (e.kind === 'name') out.add(e.name);
  else if (e.kind === 'unary') names(e.arg, out);
  else if (e.kind === 'binary') {
    names(e.left, out);
    names(e.right, out);
  }
  else if (e.kind === 'call') for (const a of e.args) names(a, out);
  return out;
}

/** w[e] op= v[k] for the batch's synapses (`syn(k)` is synapse k's index into w). */
function scatter(op: AssignOp, w: Float64Array, v: ArrayNode, n: number, first: number, syn: Int32Array | null): void {
  if ('scalar' in v) {
    const x = v.scalar();
    for (let k = 0; k < n; k++) {
      const e = syn ? syn[first + k] : first + k;
      w[e] = op === '=' ? x : op === '+=' ? w[e] + x : op === '-=' ? w[e] - x : op === '*=' ? w[e] * x : w[e] / x;
    }
    return;
  }
  const x = v.array();
  if (syn === null) {
    switch (op) {
      case '=': for (let k = 0; k < n; k++) w[first + k] = x[k]; return;
      case '+=': for (let k = 0; k < n; k++) w[first + k] += x[k]; return;
      case '-=': for (let k = 0; k < n; k++) w[first + k] -= x[k]; return;
      case '*=': for (let k = 0; k < n; k++) w[first + k] *= x[k]; return;
      case '/=': for (let k = 0; k < n; k++) w[first + k] /= x[k]; return;
    }
  }
  switch (op) {
    case '=': for (let k = 0; k < n; k++) w[syn[first + k]] = x[k]; return;
    case '+=': for (let k = 0; k < n; k++) w[syn[first + k]] += x[k]; return;
    case '-=': for (let k = 0; k < n; k++) w[syn[first + k]] -= x[k]; return;
    case '*=': for (let k = 0; k < n; k++) w[syn[first + k]] *= x[k]; return;
    case '/=': for (let k = 0; k < n; k++) w[syn[first + k]] /= x[k]; return;
  }
}

/** A row or column this short runs synapse by synapse through the frame's closures (a pass of loops costs more calls). */
const SHORT = 4;

/** Synapses computed per pass of a synapse statement's loops: their lines of w stay in cache between gather and store. */
const BLOCK = 64;

/** w[e] = clip(v[k], lo, hi), as closures.ts clips (low first, then high). */
function scatterClipped(w: Float64Array, v: ArrayNode, lo: number, hi: number, n: number, first: number, syn: Int32Array | null): void {
  const x = (v as { array: () => Float64Array }).array();
  if (syn === null) {
    for (let k = 0; k < n; k++) {
      const y = x[k];
      w[first + k] = y < lo ? lo : y > hi ? hi : y;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const y = x[k];
      w[syn[first + k]] = y < lo ? lo : y > hi ? hi : y;
    }
  }
}

export class PlasticityRuntime implements ShortTerm {
  private readonly frame: Float64Array;
  private readonly pre: Side;
  private readonly post: Side;
  private readonly wSlot: number;
  private readonly tSlot: number;
  private readonly onPre: readonly Step[];
  private readonly onPost: readonly Step[];
  /** The row or column a synapse statement runs over: its length, w and the other side's states gathered. */
  private readonly extent: Extent;
  private readonly wBatch: Float64Array;
  private readonly preBatch: Float64Array[];
  private readonly postBatch: Float64Array[];
  /** Synapses onto each post neuron (CSC over the CSR's synapse order) and their presynaptic neurons, built when on_post changes w. */
  private colPtr: Int32Array | null = null;
  private colSyn: Int32Array | null = null;
  private colPre: Int32Array | null = null;
  /** Steps seen by `update`, which runs once per step (the plasticity phase). */
  private step = 0;

  constructor(p: PlasticityIR, private readonly csr: Csr, private readonly dt: number) {
    const rule = plasticityRule(p);
    const allNames = [...rule.params.keys(), ...rule.states.map((s) => s.name), 'w', 't'];
    const slots = new Map(allNames.map((n, k) => [n, k]));
    this.frame = new Float64Array(allNames.length);
    for (const [n, v] of rule.params) this.frame[slots.get(n) as number] = v;
    this.wSlot = slots.get('w') as number;
    this.tSlot = slots.get('t') as number;
    const side = (which: 'pre' | 'post', n: number): Side => {
      const states = rule.states.filter((s) => s.side === which);
      return new Side(states, states.map((s) => slots.get(s.name) as number), n, rule.parts.changesWeight, dt);
    };
    this.pre = side('pre', csr.nPre);
    this.post = side('post', csr.nPost);
    const synapseSteps = [...rule.onPre, ...rule.onPost].some((st) => st.scope === 'synapse');
    this.extent = { n: 0, capacity: synapseSteps ? BLOCK : 0 };
    this.wBatch = new Float64Array(this.extent.capacity);
    this.preBatch = this.pre.states.map(() => new Float64Array(this.extent.capacity));
    this.postBatch = this.post.states.map(() => new Float64Array(this.extent.capacity));
    const scope: Scope = { frame: this.frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: () => undefined };
    const perUnitWeight = new Map([...rule.params, ['w', 1]]);
    const compile = (st: RuleStep, other: Side, batch: readonly Float64Array[]): Step => {
      // transmit is w times a factor (check.ts): its value at w = 1, folded in
      if ('transmit' in st.statement) return { kind: 'transmit', value: compileExpr(foldConstants(st.statement.transmit, perUnitWeight), scope) };
      const value = foldConstants(statementValue(st.statement), rule.params);
      const target = st.statement.target;
      if (st.scope !== 'synapse') return { kind: 'neuron', run: compileAssignment(slots.get(target) as number, st.statement.op, value, scope) };
      // w and the other side's states are arrays over the row or column; the spiking neuron's states, parameters and t stay scalars
      const arrays = new Map<string, Float64Array>([['w', this.wBatch], ...other.states.map((s, k) => [s.name, batch[k]] as const)]);
      const read = names(value);
      const arrayScope = {
        ...scope,
        array: (n: string) => {
          const a = arrays.get(n);
          return a ? () => a : undefined;
        },
      };
      const v = value; // w = clip(x, lo, hi) with constant bounds: x compiled, clipped as it is stored
      const bounds = st.statement.op === '=' && v.kind === 'call' && v.fn === 'clip' && v.args[1].kind === 'number' && v.args[2].kind === 'number' ? ([v.args[0], v.args[1].value, v.args[2].value] as const) : null;
      const inner = bounds ? compileArrayExpr(bounds[0], arrayScope, this.extent) : null;
      const clip = bounds && inner && 'array' in inner ? { lo: bounds[1], hi: bounds[2] } : null;
      return {
        kind: 'synapse',
        step: {
          op: st.statement.op,
          clip,
          value: clip ? (inner as ArrayNode) : compileArrayExpr(value, arrayScope, this.extent),
          readsW: read.has('w'),
          reads: other.states.flatMap((s, k) => (read.has(s.name) ? [k] : [])),
          one: compileExpr(value, scope),
        },
      };
    };
    this.onPre = rule.onPre.map((st) => compile(st, this.post, this.postBatch));
    this.onPost = rule.onPost.map((st) => compile(st, this.pre, this.preBatch));
  }

  efficacy(i: number, s: number): number {
    return this.event(this.pre, this.onPre, i, s, null);
  }

  /** The plasticity phase of one step, after both populations have spiked. */
  update(pre: SpikeList, post: SpikeList, w: Float64Array): void {
    const now = this.step++;
    this.pre.stepAll();
    this.post.stepAll();
    for (let k = 0; k < pre.spikeCount; k++) this.event(this.pre, this.onPre, pre.spikes[k], now, w);
    for (let k = 0; k < post.spikeCount; k++) this.event(this.post, this.onPost, post.spikes[k], now, w);
  }

  /** Run `steps` for neuron n of `side` at step `now`; returns what a transmit statement gave (1 without one). */
  private event(side: Side, steps: readonly Step[], n: number, now: number, w: Float64Array | null): number {
    const { frame, dt } = this;
    frame[this.tSlot] = now * dt;
    side.load(n, now, dt, frame);
    let factor = 1;
    for (let k = 0; k < steps.length; k++) {
      const st = steps[k];
      if (st.kind === 'neuron') st.run();
      else if (st.kind === 'transmit') factor = st.value();
      else if (side === this.pre) this.rowStep(st.step, n, w as Float64Array);
      else this.columnStep(st.step, n, w as Float64Array);
    }
    side.store(n, frame);
    return factor;
  }

  /**
   * A statement assigning w, for every synapse of presynaptic neuron i. A rule that changes w is
   * stepped (Side), so the postsynaptic states are current: gathered as they are.
   */
  private rowStep(st: SynapseStep, i: number, w: Float64Array): void {
    const { rowPtr, col } = this.csr;
    this.synapses(st, w, rowPtr[i], rowPtr[i + 1], null, col, this.post, this.postBatch);
  }

  /** A statement assigning w, for every synapse onto postsynaptic neuron j (its presynaptic states current, as in rowStep). */
  private columnStep(st: SynapseStep, j: number, w: Float64Array): void {
    if (this.colPtr === null) this.buildColumns();
    const colPtr = this.colPtr as Int32Array;
    this.synapses(st, w, colPtr[j], colPtr[j + 1], this.colSyn, this.colPre as Int32Array, this.pre, this.preBatch);
  }

  /**
   * Synapses `from`..`to` of a row (`syn` null: synapse index = position) or column (`syn[c]`),
   * `others[c]` the other side's neuron of each; more than SHORT in blocks of BLOCK: gathered, computed and stored
   * while their lines of w are still in cache (a column's synapses are far apart in w).
   */
  private synapses(st: SynapseStep, w: Float64Array, from: number, to: number, syn: Int32Array | null, others: Int32Array, other: Side, batch: readonly Float64Array[]): void {
    if (to - from <= SHORT) {
      const { frame, wSlot } = this;
      const { op, reads, one } = st;
      for (let c = from; c < to; c++) {
        const e = syn === null ? c : syn[c];
        for (let r = 0; r < reads.length; r++) frame[other.slots[reads[r]]] = other.values[reads[r]][others[c]];
        const x = (frame[wSlot] = w[e]);
        const v = one();
        w[e] = op === '=' ? v : op === '+=' ? x + v : op === '-=' ? x - v : op === '*=' ? x * v : x / v;
      }
      return;
    }
    const wb = this.wBatch;
    for (let first = from; first < to; first += BLOCK) {
      const n = Math.min(BLOCK, to - first);
      this.extent.n = n;
      if (st.readsW) {
        if (syn === null) for (let k = 0; k < n; k++) wb[k] = w[first + k];
        else for (let k = 0; k < n; k++) wb[k] = w[syn[first + k]];
      }
      for (let r = 0; r < st.reads.length; r++) {
        const src = other.values[st.reads[r]];
        const dst = batch[st.reads[r]];
        for (let k = 0; k < n; k++) dst[k] = src[others[first + k]];
      }
      if (st.clip) scatterClipped(w, st.value, st.clip.lo, st.clip.hi, n, first, syn);
      else scatter(st.op, w, st.value, n, first, syn);
    }
  }

  /** The CSC of the CSR's synapses and, in the same order, each one's presynaptic neuron (on first use). */
  private buildColumns(): void {
    const { rowPtr, col, nPre, nPost } = this.csr;
    const colPtr = new Int32Array(nPost + 1);
    for (let e = 0; e < col.length; e++) colPtr[col[e] + 1]++;
    for (let j = 0; j < nPost; j++) colPtr[j + 1] += colPtr[j];
    const colSyn = new Int32Array(col.length);
    const colPre = new Int32Array(col.length);
    const fill = colPtr.slice(0, nPost);
    for (let i = 0; i < nPre; i++) {
      for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
        const c = fill[col[e]]++;
        colSyn[c] = e;
        colPre[c] = i;
      }
    }
    this.colPtr = colPtr;
    this.colSyn = colSyn;
    this.colPre = colPre;
  }
}

/** The short-term plasticity of a projection (a rule that transmits), or null when it has none. */
export function shortTerm(p: PlasticityIR | undefined, csr: Csr, dt: number): ShortTerm | null {
  return p && plasticityRule(p).parts.transmits ? new PlasticityRuntime(p, csr, dt) : null;
}

/** The weight-changing plasticity of a projection (STDP), or null when it has none. */
export function weightRule(p: PlasticityIR | undefined, csr: Csr, dt: number): PlasticityRuntime | null {
  return p && plasticityRule(p).parts.changesWeight ? new PlasticityRuntime(p, csr, dt) : null;
}

/** A weight-changing rule's runtime, under the name the step loop and the runtime records know it by. */
export type Stdp = PlasticityRuntime;
