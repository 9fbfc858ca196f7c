/**
 * The typed backend's kernel for a synapse model defined by its spec (`synapse Name`, typed in the
 * app): the checked syntax tree compiled once into closures (closures.ts), the states stepped by
 * the neuron kernels' integrator (integrator.ts). Its state lives per postsynaptic neuron, as the
 * bundled Expon's, DualExpon's and Alpha's does, and its step is theirs (SEMANTICS.md step 3):
 *
 *   integrate every state over dt by its scheme, then, where spikes arrive (the summed weight w of
 *   this step is non-zero), run the on_pre statements, then g = output.
 *
 * So an increment is added after the decay, as Expon's g <- g·e^{-dt/tau} + x. When every state is
 * "exact" and the states form a linear system with constant coefficients (DualExpon, Alpha), the
 * integration is their exact propagator x <- P·x + c (linearSystem.ts), and a linear output is
 * its coefficients: a few multiply-adds per target, no closures. States and w are in
 * the projection weight's unit (nA under CUBA, µS under COBA), so g is handed to the output model
 * as the bundled kernels' g is.
 */
import { assigned, type AssignOp } from '../../shared/modelspec/ast';
import { SPIKE_WEIGHT } from '../../shared/modelspec/check';
import { internalPerCoherent, type SpecModel } from '../../shared/modelspec/registry';
import type { ModelIR } from '../ir';
import type { KernelContext, SynapseKernel } from '../backends/typed/kernels';
import { type Closure, compileExpr, type Scope } from './closures';
import { FrameIntegrator } from './integrator';
import { type LinearForm, linearOnPre, linearOutput, type LinearPropagator, linearPropagator } from './linearSystem';

interface CompiledStatement {
  readonly target: number;
  readonly op: AssignOp;
  readonly value: Closure;
}

export class SpecSynapseKernel implements SynapseKernel {
  readonly g: Float64Array;
  readonly input: Float64Array;
  /** g is written whole by advance, so the neuron loops leave it alone. */
  readonly decay = 1;
  /** State arrays, one value per postsynaptic neuron (weight units). */
  private readonly x: Float64Array[];
  /** Frame slots: states [0, S), parameters [S, S+P), then t and w. */
  private readonly frame: Float64Array;
  private readonly tSlot: number;
  private readonly wSlot: number;
  private readonly integrator: FrameIntegrator;
  private readonly onPre: readonly CompiledStatement[];
  private readonly output: Closure;
  private readonly dt: number;
  private steps = 0;
  private readonly stateNames: readonly string[];
  /** The exact propagator when the states are a linear system with constant coefficients, else null. */
  private readonly propagator: LinearPropagator | null;
  /** The output's coefficients when it is linear in the states, else null (the output closure). */
  private readonly linearOut: LinearForm | null;
  /** on_pre as an increment per unit weight when it is one, else null (the statements). */
  private readonly increment: Float64Array | null;
  private readonly next: Float64Array;

  constructor(model: SpecModel, ir: ModelIR, size: number, ctx: KernelContext) {
    const { spec, catalog } = model;
    const parts = spec.synapse;
    if (!parts) throw new Error(`${model.name} is a neuron model, not a synapse model.`);
    this.dt = ctx.dt;
    this.stateNames = spec.states.map((s) => s.name);
    const S = spec.states.length;
    const P = spec.params.length;
    this.tSlot = S + P;
    this.wSlot = S + P + 1;
    const frame = (this.frame = new Float64Array(S + P + 2));
    const slots = new Map<string, number>();
    const coherent: Record<string, number> = {};
    spec.states.forEach((s, k) => slots.set(s.name, k));
    spec.params.forEach((p, j) => {
      slots.set(p.name, S + j);
      const v = ir.params[p.name];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${model.name} synapse needs a value for ${p.name} (got ${String(v)}).`);
      // Parameters are the same for every target (synapse parameters are not per neuron): loaded once.
      frame[S + j] = coherent[p.name] = v / internalPerCoherent(catalog.params.find((c) => c.name === p.name)?.dim ?? 'dimensionless');
    });
    this.propagator = linearPropagator(spec, coherent, ctx.dt);
    this.linearOut = linearOutput(spec, coherent);
    this.increment = linearOnPre(spec, coherent);
    this.next = new Float64Array(S);
    slots.set('t', this.tSlot);
    slots.set(SPIKE_WEIGHT, this.wSlot);
    const scope: Scope = {
      frame,
      slot: (name) => slots.get(name),
      leaf: () => undefined,
      subexpression: (name) => spec.subexpressions.get(name)?.value,
    };
    const compile = (e: Parameters<typeof compileExpr>[0]): Closure => compileExpr(e, scope);
    const rhs = spec.states.map((s) => compile(s.rhs));
    const jac = spec.states.map((s) => compile(s.jacobian));
    const bound = spec.states.map((s) => (s.max ? compile(s.max) : null));
    this.integrator = new FrameIntegrator(spec.states, frame, rhs, bound, ctx.dt, spec.order === 'sequential', (k) => jac[k]());
    this.onPre = parts.onPre.map((st) => ({ target: slots.get(st.target) as number, op: st.op, value: compile(st.value) }));
    this.output = compile(parts.output);
    this.g = new Float64Array(size);
    this.input = new Float64Array(size);
    frame[this.tSlot] = 0;
    this.x = spec.states.map((s) => {
      const v = compile(s.init)();
      return new Float64Array(size).fill(v);
    });
    // g before any step: the output of the initial state.
    for (let i = 0; i < size; i++) {
      for (let k = 0; k < S; k++) frame[k] = this.x[k][i];
      this.g[i] = this.output();
    }
  }

  /** The 'synapses' phase: integrate, apply arriving spikes, write g (see the file's comment). */
  advance(): void {
    const { propagator, linearOut, increment } = this;
    if (propagator && linearOut && increment && this.x.length <= 2) {
      this.advanceSmall(propagator, linearOut, increment);
      return;
    }
    if (propagator) {
      this.advanceLinear(propagator);
      return;
    }
    const { frame, x, g, input, output, integrator } = this;
    const S = x.length;
    frame[this.tSlot] = this.steps++ * this.dt;
    for (let i = 0; i < g.length; i++) {
      for (let k = 0; k < S; k++) frame[k] = x[k][i];
      integrator.integrate();
      const w = input[i];
      if (w !== 0) {
        this.applyOnPre(w);
        input[i] = 0;
      }
      for (let k = 0; k < S; k++) x[k][i] = frame[k];
      g[i] = output();
    }
  }

  /** The on_pre statements on the states in the frame, with w the weight arriving. */
  private applyOnPre(w: number): void {
    const { frame, onPre } = this;
    frame[this.wSlot] = w;
    for (let j = 0; j < onPre.length; j++) {
      const st = onPre[j];
      const v = st.value();
      const t = st.target;
      frame[t] = assigned(st.op, frame[t], v);
    }
  }

  /**
   * advanceLinear for one or two states with a linear on_pre and output (Expon, DualExpon, Alpha
   * as specs), unrolled: the hand-written kernels' loop, with the spec's coefficients.
   */
  private advanceSmall({ P, c }: LinearPropagator, out: LinearForm, d: Float64Array): void {
    const { x, g, input } = this;
    this.steps++;
    const two = x.length === 2;
    const x0 = x[0];
    const x1 = two ? x[1] : x[0];
    const [p00, p01, p10, p11] = two ? [P[0], P[1], P[2], P[3]] : [P[0], 0, 0, 0];
    const [c0, c1] = [c[0], two ? c[1] : 0];
    const [d0, d1] = [d[0], two ? d[1] : 0];
    const [o0, o1] = [out.coef[0], two ? out.coef[1] : 0];
    const off = out.offset;
    if (!two) {
      for (let i = 0; i < g.length; i++) {
        let n0 = c0 + p00 * x0[i];
        const w = input[i];
        if (w !== 0) {
          n0 += d0 * w;
          input[i] = 0;
        }
        x0[i] = n0;
        g[i] = off + o0 * n0;
      }
      return;
    }
    for (let i = 0; i < g.length; i++) {
      const a = x0[i];
      const b = x1[i];
      let n0 = c0 + p00 * a + p01 * b;
      let n1 = c1 + p10 * a + p11 * b;
      const w = input[i];
      if (w !== 0) {
        n0 += d0 * w;
        n1 += d1 * w;
        input[i] = 0;
      }
      x0[i] = n0;
      x1[i] = n1;
      g[i] = off + o0 * n0 + o1 * n1;
    }
  }

  /** advance for a linear system: x <- P·x + c, then on_pre where weight arrives, then g. */
  private advanceLinear({ P, c }: LinearPropagator): void {
    const { frame, x, g, input, output, next, linearOut } = this;
    const S = x.length;
    frame[this.tSlot] = this.steps++ * this.dt;
    for (let i = 0; i < g.length; i++) {
      for (let k = 0; k < S; k++) {
        let v = c[k];
        for (let j = 0; j < S; j++) v += P[k * S + j] * x[j][i];
        next[k] = v;
      }
      const w = input[i];
      if (w !== 0) {
        for (let k = 0; k < S; k++) frame[k] = next[k];
        this.applyOnPre(w);
        for (let k = 0; k < S; k++) next[k] = frame[k];
        input[i] = 0;
      }
      for (let k = 0; k < S; k++) x[k][i] = next[k];
      if (linearOut) {
        let v = linearOut.offset;
        for (let k = 0; k < S; k++) v += linearOut.coef[k] * next[k];
        g[i] = v;
      } else {
        for (let k = 0; k < S; k++) frame[k] = next[k];
        g[i] = output();
      }
    }
  }

  /** A state array by name (per postsynaptic neuron), for tests and monitors. */
  variable(name: string): Float64Array | undefined {
    const k = this.stateNames.indexOf(name);
    return k < 0 ? undefined : this.x[k];
  }
}

/** The kernel factory of a synapse spec model. */
export function specSynapseFactory(model: SpecModel): (ir: ModelIR, size: number, ctx: KernelContext) => SynapseKernel {
  return (ir, size, ctx) => new SpecSynapseKernel(model, ir, size, ctx);
}
