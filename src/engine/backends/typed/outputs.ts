/**
 * Output kernels on typed arrays, one per bundled output spec (shared/modelspec/outputs), in the
 * fast form the spec's current has: a current (CUBA), a conductance toward E (COBA), or such a
 * conductance times a gate at the present V (MgBlock), the gate compiled from the spec's
 * expression into array loops (spec/arrayClosures.ts: the same arithmetic in the same order as written).
 */
import type { ModelIR } from '../../ir';
import { bundledOutputSpecs, OUTPUT_V, type OutputSpec } from '../../../shared/modelspec/outputs';
import { type ArrayScope, compileArrayExpr } from '../../spec/arrayClosures';
import { checkedReversal, conductanceOutput } from '../common/outputs';
import { type OutputKernel, outputKernels } from './kernels';

export function typedOutputKernel(out: OutputSpec, ir: ModelIR): OutputKernel {
  const c = conductanceOutput(out, ir);
  if (!c) return { kind: 'current' };
  const { scope } = c;
  const E = checkedReversal(out, c.E);
  if (!c.gate) return { kind: 'conductance', E };
  // The gate is compiled into one loop per operation over the group's neurons (spec/arrayClosures.ts).
  const gateExpr = c.gate;
  let V: Float64Array = new Float64Array(0);
  let compiled: { n: number; run: () => Float64Array } | null = null;
  const arrays: ArrayScope = { ...scope, array: (n) => (n === OUTPUT_V ? () => V : undefined) };
  return {
    kind: 'conductance', E,
    gate: (v) => {
      V = v;
      if (compiled?.n !== v.length) {
        const node = compileArrayExpr(gateExpr, arrays, v.length);
        const n = v.length;
        const out = new Float64Array(n);
        compiled = { n, run: 'array' in node ? node.array : () => out.fill(node.scalar()) };
      }
      return compiled.run();
    },
  };
}

for (const out of bundledOutputSpecs()) outputKernels.set(out.name, (ir) => typedOutputKernel(out, ir));
