/**
 * Current inputs on the tfjs backend. An input with a spec (constant, step, ramp, sinusoid:
 * src/shared/modelspec/inputs) is evaluated from it (spec/inputCurrent.ts): the parts that read
 * no per-neuron parameter (a step's switch, a ramp's fraction, a sinusoid's sin) are computed in
 * float64 once per step and enter as one scalar, the rest as tf ops on the per-neuron tensors.
 * OU noise: the normals come from the typed backend's stream ("ou", id, pop) in the same order
 * (step-major, neuron order) and are uploaded each step; the recursion runs on tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { InputIR, ValueIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { bundledInputSpecs, type InputSpec } from '../../../shared/modelspec/inputs';
import { hoisted, InputCurrent } from '../../spec/inputCurrent';
import { compileTf } from '../../spec/tfjsKernel';
import { INPUT_LAYOUTS, InputParams, ouCoefficients } from '../common/inputs';
import { inputKernels, type KernelContext, type TfInputKernel } from './kernels';
import { Held, paramTensor } from './tensors';

function specInput(spec: InputSpec, input: InputIR, size: number, popId: string, ctx: KernelContext): TfInputKernel {
  const cur = new InputCurrent(spec, input);
  const held = new Map<string, Held>();
  const setNeuron = (name: string, v: ValueIR): void => {
    const scale = cur.scale(name);
    const t = tf.tidy(() => {
      const x = paramTensor(v, size, ctx.seed, `${input.id}@${popId}`, name, 'input');
      return scale === 1 ? x : tf.div(x, scale);
    });
    const h = held.get(name);
    if (h) h.set(t);
    else held.set(name, new Held(t));
  };
  for (const name of cur.perNeuron) setNeuron(name, cur.neuronValue(name));
  const steps = new Float64Array(cur.stepCount);
  const index = new Map(Array.from(steps, (_, k): [string, number] => [hoisted(k), k]));
  const f = compileTf(cur.neuronExpr, new Map());
  return {
    timeVarying: cur.timeVarying,
    current(step) {
      cur.stepValues(step, ctx.dt, steps);
      return f((name) => {
        const h = held.get(name);
        if (h) return h.value;
        const k = index.get(name);
        return k === undefined ? undefined : tf.scalar(steps[k]);
      });
    },
    setParam(name, v) {
      if (cur.perNeuron.includes(name)) setNeuron(name, v);
      else if (cur.has(name)) cur.setSingle(name, v);
      else throw new Error(`Input "${input.id}" (${input.model}) has no parameter "${name}".`);
    },
    dispose: () => {
      for (const h of held.values()) h.dispose();
    },
  };
}

for (const spec of bundledInputSpecs()) inputKernels.set(spec.name, (input, size, popId, ctx) => specInput(spec, input, size, popId, ctx));

/** Ornstein–Uhlenbeck current; starts at μ and step s uses the value after s updates (as the typed kernel). */
inputKernels.set('ou', (input, size, popId, ctx) => {
  const p = new InputParams<Held>(input, popId, INPUT_LAYOUTS.ou, (value, owner, name, previous) => {
    const t = paramTensor(value, size, ctx.seed, owner, name, 'input');
    if (!previous) return new Held(t);
    previous.set(t);
    return previous;
  });
  const rng: Rng = streamFor(ctx.seed, 'ou', input.id, popId);
  const x = new Held(tf.tidy(() => tf.add(tf.zeros([size]), p.get('mean').value)));
  const xi = new Float32Array(size);
  return {
    timeVarying: true,
    current: () => {
      const { a, noise } = ouCoefficients(ctx.dt, p.scalars.tau);
      for (let i = 0; i < size; i++) xi[i] = rng.normal();
      const now = x.value;
      const mu = p.get('mean').value;
      // `now` stays alive for this step's use: Held.set frees it, so hand out a copy.
      const out = tf.clone(now);
      x.set(tf.add(mu, tf.add(tf.mul(tf.sub(now, mu), a), tf.mul(tf.mul(p.get('sigma').value, noise), tf.tensor1d(xi)))));
      return out;
    },
    setParam: (n, v) => p.set(n, v),
    dispose: () => {
      for (const h of p.perNeuron.values()) h.dispose();
      x.dispose();
    },
  };
});
