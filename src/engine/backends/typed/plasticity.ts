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
 */
import type { AssignOp, Expr } from '../../../shared/modelspec/ast';
import type { RuleStep } from '../../../shared/modelspec/check';
import type { PlasticityIR } from '../../ir';
import type { Csr } from '../../connectivity';
import { compileExpr, type Closure } from '../../spec/closures';
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

interface Step {
  readonly scope: 'pre' | 'post' | 'synapse';
  readonly transmit: boolean;
  /** Frame slot assigned (unused by transmit). */
  readonly target: number;
  readonly op: AssignOp;
  readonly value: Closure;
}

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

type Leaf = { readonly value: number } | { readonly slot: number };

/**
 * Closures for a rule's statements: closures.ts's, with the shapes a per-synapse statement has
 * (a slot or a constant on either side of + − × ÷, clip to constant bounds) made one closure each
 * instead of three; the same arithmetic in the same order, so the same bits. STDP's statements run
 * once per synapse per spike, where the calls were most of the time.
 */
function compileRule(e: Expr, slots: ReadonlyMap<string, number>, frame: Float64Array): Closure {
  const leaf = (x: Expr): Leaf | null => (x.kind === 'number' ? { value: x.value } : x.kind === 'name' && slots.has(x.name) ? { slot: slots.get(x.name) as number } : null);
  const sub = (x: Expr): Closure => compileRule(x, slots, frame);
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/')) {
    const op = e.op;
    const l = leaf(e.left);
    const r = leaf(e.right);
    if (l && 'slot' in l && r && 'value' in r) {
      const [a, b] = [l.slot, r.value];
      return op === '+' ? () => frame[a] + b : op === '-' ? () => frame[a] - b : op === '*' ? () => frame[a] * b : () => frame[a] / b;
    }
    if (l && 'value' in l && r && 'slot' in r) {
      const [a, b] = [l.value, r.slot];
      return op === '+' ? () => a + frame[b] : op === '-' ? () => a - frame[b] : op === '*' ? () => a * frame[b] : () => a / frame[b];
    }
    if (l && 'slot' in l && r && 'slot' in r) {
      const [a, b] = [l.slot, r.slot];
      return op === '+' ? () => frame[a] + frame[b] : op === '-' ? () => frame[a] - frame[b] : op === '*' ? () => frame[a] * frame[b] : () => frame[a] / frame[b];
    }
    if (l && 'slot' in l) {
      const [a, y] = [l.slot, sub(e.right)];
      return op === '+' ? () => frame[a] + y() : op === '-' ? () => frame[a] - y() : op === '*' ? () => frame[a] * y() : () => frame[a] / y();
    }
    const [x, y] = [sub(e.left), sub(e.right)];
    return op === '+' ? () => x() + y() : op === '-' ? () => x() - y() : op === '*' ? () => x() * y() : () => x() / y();
  }
  if (e.kind === 'call' && e.fn === 'clip' && e.args[1].kind === 'number' && e.args[2].kind === 'number') {
    const x = sub(e.args[0]);
    const [lo, hi] = [e.args[1].value, e.args[2].value];
    return () => {
      const v = x();
      return v < lo ? lo : v > hi ? hi : v;
    };
  }
  return compileExpr(e, { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: () => undefined });
}

function apply(op: AssignOp, x: number, v: number): number {
  switch (op) {
    case '=': return v;
    case '+=': return x + v;
    case '-=': return x - v;
    case '*=': return x * v;
    case '/=': return x / v;
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
  /** Synapses onto each post neuron (CSC over the CSR's synapse order), built when on_post changes w. */
  private colPtr: Int32Array | null = null;
  private colSyn: Int32Array | null = null;
  private preOfSyn: Int32Array | null = null;
  /** Steps seen by `update`, which runs once per step (the plasticity phase). */
  private step = 0;

  constructor(p: PlasticityIR, private readonly csr: Csr, private readonly dt: number) {
    const rule = plasticityRule(p);
    const names = [...rule.params.keys(), ...rule.states.map((s) => s.name), 'w', 't'];
    const slots = new Map(names.map((n, k) => [n, k]));
    this.frame = new Float64Array(names.length);
    for (const [n, v] of rule.params) this.frame[slots.get(n) as number] = v;
    this.wSlot = slots.get('w') as number;
    this.tSlot = slots.get('t') as number;
    const side = (which: 'pre' | 'post', n: number): Side => {
      const states = rule.states.filter((s) => s.side === which);
      return new Side(states, states.map((s) => slots.get(s.name) as number), n, rule.parts.changesWeight, dt);
    };
    this.pre = side('pre', csr.nPre);
    this.post = side('post', csr.nPost);
    const compile = (st: RuleStep): Step => ({
      scope: st.scope,
      transmit: 'transmit' in st.statement,
      target: 'target' in st.statement ? (slots.get(st.statement.target) as number) : -1,
      op: 'op' in st.statement ? st.statement.op : '=',
      value: compileRule(foldConstants(statementValue(st.statement), rule.params), slots, this.frame),
    });
    this.onPre = rule.onPre.map(compile);
    this.onPost = rule.onPost.map(compile);
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
      if (st.scope !== 'synapse') {
        if (st.transmit) {
          frame[this.wSlot] = 1; // transmit is w times a factor (check.ts): its value at w = 1
          factor = st.value();
        } else frame[st.target] = apply(st.op, frame[st.target], st.value());
      } else if (side === this.pre) this.rowStep(st, n, now, w as Float64Array);
      else this.columnStep(st, n, now, w as Float64Array);
    }
    side.store(n, frame);
    return factor;
  }

  /** A statement assigning w, for every synapse of presynaptic neuron i (its postsynaptic states brought to now). */
  private rowStep(st: Step, i: number, now: number, w: Float64Array): void {
    const { frame, dt, post, wSlot } = this;
    const { rowPtr, col } = this.csr;
    const { last, values, slots } = post;
    const one = values.length === 1 ? values[0] : null;
    const slot0 = slots[0];
    for (let e = rowPtr[i], end = rowPtr[i + 1]; e < end; e++) {
      const j = col[e];
      if (one !== null && (post.stepped || last[j] === now)) frame[slot0] = one[j]; // a trace already brought to this step
      else post.load(j, now, dt, frame);
      frame[wSlot] = w[e];
      w[e] = apply(st.op, w[e], st.value());
    }
  }

  /** A statement assigning w, for every synapse onto postsynaptic neuron j (its presynaptic states brought to now). */
  private columnStep(st: Step, j: number, now: number, w: Float64Array): void {
    const { frame, dt, pre, wSlot } = this;
    const [colPtr, colSyn, preOf] = this.columns();
    const { last, values, slots } = pre;
    const one = values.length === 1 ? values[0] : null;
    const slot0 = slots[0];
    for (let c = colPtr[j], end = colPtr[j + 1]; c < end; c++) {
      const e = colSyn[c];
      const i = preOf[e];
      if (one !== null && (pre.stepped || last[i] === now)) frame[slot0] = one[i];
      else pre.load(i, now, dt, frame);
      frame[wSlot] = w[e];
      w[e] = apply(st.op, w[e], st.value());
    }
  }

  /** The CSC of the CSR's synapses and each synapse's presynaptic neuron, built on first use. */
  private columns(): [Int32Array, Int32Array, Int32Array] {
    if (!this.colPtr || !this.colSyn || !this.preOfSyn) {
      const { rowPtr, col, nPre, nPost } = this.csr;
      const colPtr = new Int32Array(nPost + 1);
      for (let e = 0; e < col.length; e++) colPtr[col[e] + 1]++;
      for (let j = 0; j < nPost; j++) colPtr[j + 1] += colPtr[j];
      const colSyn = new Int32Array(col.length);
      const preOf = new Int32Array(col.length);
      const fill = colPtr.slice(0, nPost);
      for (let i = 0; i < nPre; i++) {
        for (let e = rowPtr[i]; e < rowPtr[i + 1]; e++) colSyn[fill[col[e]]++] = e;
        preOf.fill(i, rowPtr[i], rowPtr[i + 1]);
      }
      this.colPtr = colPtr;
      this.colSyn = colSyn;
      this.preOfSyn = preOf;
    }
    return [this.colPtr, this.colSyn, this.preOfSyn];
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
