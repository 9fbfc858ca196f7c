/**
 * The tfjs backend's kernel for a synapse model defined by its spec: the same step as the typed
 * SpecSynapseKernel (synapseKernel.ts) on all postsynaptic neurons at once, in float32:
 * integrate the states by scheme (TfSpecKernel's integration, one code path with the neuron
 * specs), then where weight arrives (due ≠ 0) the on_pre statements with w = due, then g = output.
 * A linear system with constant coefficients (DualExpon, Alpha) is stepped by its exact propagator
 * and a linear output by its coefficients (linearSystem.ts), as the typed kernel does.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import { SPIKE_WEIGHT } from '../../shared/modelspec/check';
import type { SpecModel } from '../../shared/modelspec/registry';
import type { ModelIR, PopulationIR } from '../ir';
import type { KernelContext, TfSynapseKernel } from '../backends/tfjs/kernels';
import { Held } from '../backends/tfjs/tensors';
import { compileTf, type TfFn, TfSpecKernel } from './tfjsKernel';
import { type LinearForm, linearOutput, type LinearPropagator, linearPropagator } from './linearSystem';
import { internalPerCoherent } from '../../shared/modelspec/registry';

class TfSpecSynapse implements TfSynapseKernel {
  /** The states, their parameters and their integration (a spec kernel with no input and no threshold). */
  private readonly states: TfSpecKernel;
  private readonly onPre: readonly { target: number; op: string; value: TfFn }[];
  private readonly output: TfFn;
  private readonly out: Held;
  private readonly dt: number;
  private steps = 0;
  private readonly propagator: LinearPropagator | null;
  private readonly linearOut: LinearForm | null;

  constructor(private readonly model: SpecModel, ir: ModelIR, size: number, ctx: KernelContext) {
    const { spec } = model;
    const parts = spec.synapse;
    if (!parts) throw new Error(`${model.name} is a neuron model, not a synapse model.`);
    this.dt = ctx.dt;
    // Synapse parameters are one number each (not per neuron): scalars as the population IR holds them.
    const params = Object.fromEntries(Object.entries(ir.params).map(([k, v]) => [k, { kind: 'scalar', value: v }]));
    const pop = { id: `${model.name} synapse`, model: model.name, family: 'neuron', size, params, init: {}, choices: {} } as unknown as PopulationIR;
    this.states = new TfSpecKernel(pop, ctx, model);
    const subs = new Map([...spec.subexpressions].map(([k, v]) => [k, v.value]));
    const index = new Map(spec.states.map((s, k) => [s.name, k]));
    this.onPre = parts.onPre.map((st) => ({ target: index.get(st.target) as number, op: st.op, value: compileTf(st.value, subs) }));
    this.output = compileTf(parts.output, subs);
    const coherent = Object.fromEntries(model.catalog.params.map((p) => [p.name, ir.params[p.name] / internalPerCoherent(p.dim)]));
    this.propagator = linearPropagator(spec, coherent, ctx.dt);
    this.linearOut = linearOutput(spec, coherent);
    const x = spec.states.map((s) => this.states.variable(s.name) as Tensor);
    this.out = new Held(tf.tidy(() => this.states.full(this.output(this.states.valuesAt(x, 0)))));
  }

  /** The states after one step: the exact propagator P·x + c, or each state's scheme. */
  private integrated(t: number): Tensor[] {
    const prop = this.propagator;
    if (!prop) return this.states.integrated(t);
    const x = this.model.spec.states.map((s) => this.states.variable(s.name) as Tensor);
    const S = x.length;
    return x.map((_, k) => {
      let v: Tensor = tf.scalar(prop.c[k]);
      for (let j = 0; j < S; j++) if (prop.P[k * S + j] !== 0) v = tf.add(v, tf.mul(x[j], prop.P[k * S + j]));
      return v;
    });
  }

  /** g for states y: the output's coefficients when it is linear, else its compiled ops. */
  private outputOf(y: readonly Tensor[], t: number): Tensor {
    const lin = this.linearOut;
    if (!lin) return this.states.full(this.output(this.states.valuesAt(y, t)));
    let v: Tensor = tf.scalar(lin.offset);
    y.forEach((yk, k) => {
      if (lin.coef[k] !== 0) v = tf.add(v, tf.mul(yk, lin.coef[k]));
    });
    return this.states.full(v);
  }

  get g(): Tensor {
    return this.out.value;
  }

  update(due: Tensor | null): Tensor {
    const t = this.steps++ * this.dt;
    let y = this.integrated(t);
    if (due) {
      const arrived = tf.notEqual(due, 0);
      for (const st of this.onPre) {
        const values = this.states.valuesAt(y, t);
        const value = st.value((name) => (name === SPIKE_WEIGHT ? due : values(name)));
        const old = y[st.target];
        const updated = st.op === '=' ? value : st.op === '+=' ? tf.add(old, value) : st.op === '-=' ? tf.sub(old, value) : st.op === '*=' ? tf.mul(old, value) : tf.div(old, value);
        y = [...y];
        y[st.target] = tf.where(arrived, this.states.full(updated), this.states.full(old));
      }
    }
    this.states.setStates(y);
    const g = this.outputOf(y, t);
    this.out.set(g);
    return g;
  }

  dispose(): void {
    this.states.dispose();
    this.out.dispose();
  }
}

/** The tfjs kernel factory of a synapse spec model. */
export function tfSpecSynapseFactory(model: SpecModel): (ir: ModelIR, size: number, ctx: KernelContext) => TfSynapseKernel {
  return (ir, size, ctx) => new TfSpecSynapse(model, ir, size, ctx);
}
