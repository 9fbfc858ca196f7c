/**
 * Output kernels on tensors, one per bundled output spec (shared/modelspec/outputs): a current,
 * a conductance toward E, or that conductance times a gate at the present V, whose ops are
 * interpreted from the spec's expression (spec/tfjsKernel.ts compileTf).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelIR } from '../../ir';
import { bundledOutputSpecs, OUTPUT_V, type OutputSpec } from '../../../shared/modelspec/outputs';
import { compileTf } from '../../spec/tfjsKernel';
import { checkedReversal, outputFrame } from '../common/outputs';
import { compileExpr, type Scope } from '../../spec/closures';
import { outputKernels, type TfOutputKernel } from './kernels';

export function tfOutputKernel(out: OutputSpec, ir: ModelIR): TfOutputKernel {
  const form = out.form;
  if (form.kind === 'current') return { kind: 'current' };
  const { frame, slots } = outputFrame(out, ir);
  const scope: Scope = { frame, slot: (n) => slots.get(n), leaf: () => undefined, subexpression: (n) => out.spec.subexpressions.get(n)?.value };
  const E = checkedReversal(out, compileExpr(form.reversal, scope)());
  if (!form.gate) return { kind: 'conductance', E };
  const f = compileTf(form.gate, new Map([...out.spec.subexpressions].map(([k, x]) => [k, x.value])));
  return {
    kind: 'conductance', E,
    gate: (V) => f((name) => (name === OUTPUT_V ? V : slots.has(name) ? tf.scalar(frame[slots.get(name) as number]) : undefined)),
  };
}

for (const out of bundledOutputSpecs()) outputKernels.set(out.name, (ir) => tfOutputKernel(out, ir));
