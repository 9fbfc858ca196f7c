/**
 * Current inputs on typed arrays, added into the population's iext each step: every input with a
 * spec (constant, step, ramp, sinusoid: src/shared/modelspec/inputs) evaluated from it
 * (spec/inputCurrent.ts), and Ornstein–Uhlenbeck noise, which the spec language cannot write.
 */
import type { InputIR, ValueIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { bundledInputSpecs, type InputSpec } from '../../../shared/modelspec/inputs';
import { compileArrayExpr } from '../../spec/arrayClosures';
import { compileExpr } from '../../spec/closures';
import { hoisted, InputCurrent } from '../../spec/inputCurrent';
import { INPUT_LAYOUTS, InputParams, ouCoefficients } from '../common/inputs';
import { paramArray } from '../common/params';
import { type InputKernel, inputKernels, type KernelContext } from './kernels';

const none = (): undefined => undefined;

/**
 * A spec input on one population: per-step values once per step, then the per-neuron rest, once
 * when every per-neuron value is equal, else over whole arrays (arrayClosures.ts, one loop per
 * operation: the same bits as per element, at typed-array speed).
 */
function specInput(spec: InputSpec, input: InputIR, size: number, popId: string, ctx: KernelContext): InputKernel {
  const cur = new InputCurrent(spec, input);
  const names = cur.perNeuron;
  const P = names.length;
  const arrays: Float64Array[] = [];
  let uniform = true;
  const setNeuron = (k: number, v: ValueIR): void => {
    const name = names[k];
    const scale = cur.scale(name);
    const a = paramArray(v, size, ctx.seed, `${input.id}@${popId}`, name, 'input');
    arrays[k] = scale === 1 ? a : a.map((x) => x / scale);
    uniform = arrays.every((x) => x.every((y) => y === x[0]));
  };
  names.forEach((name, k) => setNeuron(k, cur.neuronValue(name)));
  const steps = new Float64Array(cur.stepCount);
  const frame = new Float64Array(P + cur.stepCount);
  const slots = new Map<string, number>([...names.map((n, k): [string, number] => [n, k]), ...Array.from(steps, (_, k): [string, number] => [hoisted(k), P + k])]);
  const scope = { frame, slot: (n: string) => slots.get(n), leaf: none, subexpression: none };
  const f = compileExpr(cur.neuronExpr, scope);
  const perNeuron = size > 0 ? compileArrayExpr(cur.neuronExpr, { ...scope, array: (n) => (names.includes(n) ? () => arrays[names.indexOf(n)] : undefined) }, size) : null;
  return {
    timeVarying: cur.timeVarying,
    add(step, iext) {
      cur.stepValues(step, ctx.dt, steps);
      frame.set(steps, P);
      if (uniform || !perNeuron || !('array' in perNeuron)) {
        for (let k = 0; k < P; k++) frame[k] = arrays[k]?.[0] ?? 0;
        const v = f();
        // a step that is off adds nothing, as the hand-written kernel did
        if (v !== 0) for (let i = 0; i < iext.length; i++) iext[i] += v;
        return;
      }
      const x = perNeuron.array();
      for (let i = 0; i < iext.length; i++) iext[i] += x[i];
    },
    // only a piecewise-constant current says when it changes next; others may change at every step
    ...(cur.piecewiseConstant ? { nextChange: (step: number) => cur.nextChange(step, ctx.dt) as number } : {}),
    setParam(name, v) {
      const k = names.indexOf(name);
      if (k >= 0) setNeuron(k, v);
      else if (cur.has(name)) cur.setSingle(name, v);
      else throw new Error(`Input "${input.id}" (${input.model}) has no parameter "${name}".`);
    },
  };
}

for (const spec of bundledInputSpecs()) inputKernels.set(spec.name, (input, size, popId, ctx) => specInput(spec, input, size, popId, ctx));

/** Ornstein–Uhlenbeck current, one independent process per neuron; starts at μ, step s uses the value after s updates. */
inputKernels.set('ou', (input, size, popId, ctx) => {
  const p = new InputParams(input, popId, INPUT_LAYOUTS.ou, (value, owner, name) => paramArray(value, size, ctx.seed, owner, name, 'input'));
  const rng: Rng = streamFor(ctx.seed, 'ou', input.id, popId);
  const x = Float64Array.from(p.get('mean'));
  return {
    timeVarying: true,
    add(_step, iext) {
      const { a, noise } = ouCoefficients(ctx.dt, p.scalars.tau);
      const mu = p.get('mean');
      const sigma = p.get('sigma');
      for (let i = 0; i < iext.length; i++) {
        const v = x[i];
        iext[i] += v;
        x[i] = mu[i] + (v - mu[i]) * a + sigma[i] * noise * rng.normal();
      }
    },
    setParam: (n, v) => p.set(n, v),
  };
});
