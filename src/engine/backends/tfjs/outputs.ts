/**
 * Output kernels on tensors, one per bundled output spec (shared/modelspec/outputs): a current,
 * a conductance toward E, or that conductance times a gate at the present V, whose ops are
 * interpreted from the spec's expression (spec/tfjsKernel.ts compileTf).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelIR } from '../../ir';
import { bundledOutputSpecs, OUTPUT_V, type OutputSpec } from '../../../shared/modelspec/outputs';
import { compileTf } from '../../spec/tfjsKernel';
import { checkedReversal, conductanceOutput } from '../common/outputs';
import { outputKernels, type TfOutputKernel } from './kernels';

export function tfOutputKernel(out: OutputSpec, ir: ModelIR): TfOutputKernel {
  const c = conductanceOutput(out, ir);
  if (!c) return { kind: 'current' };
  const { frame, slots } = c;
  const E = checkedReversal(out, c.E);
  if (!c.gate) return { kind: 'conductance', E };
  const f = compileTf(c.gate, new Map([...out.spec.subexpressions].map(([k, x]) => [k, x.value])));
  return {
    kind: 'conductance', E,
    gate: (V) => f((name) => (name === OUTPUT_V ? V : slots.has(name) ? tf.scalar(frame[slots.get(name) as number]) : undefined)),
  };
}

for (const out of bundledOutputSpecs()) outputKernels.set(out.name, (ir) => tfOutputKernel(out, ir));
