/**
 * A synapse group's output as the exporters write it, read from the output's spec
 * (shared/modelspec/outputs): a current, or a conductance toward a reversal potential E (mV),
 * or a sentence naming the output and why it cannot be exported.
 */
import type { ModelIR } from '../ir';
import { getOutputSpec } from '../../shared/modelspec/outputs';
import { conductanceOutput } from '../backends/common/outputs';
import { brian2Expr } from '../spec/brian2';

export type ExportedOutput = { readonly kind: 'current' } | { readonly kind: 'conductance'; readonly E: number };

/** The output's form for an exporter, or why it has none. */
export function exportedOutput(out: ModelIR): ExportedOutput | string {
  const spec = getOutputSpec(out.model);
  if (!spec) return `there is no output model "${out.model}"`;
  const c = conductanceOutput(spec, out);
  if (!c) return { kind: 'current' };
  if (c.gate) {
    return `the ${out.model} output's current g·(E − V)·f has a factor f = ${brian2Expr(c.gate)} that depends on V; SNN Studio holds it at the V of the previous step and integrates the rest exactly, which the exported neurons' integration does not reproduce`;
  }
  return { kind: 'conductance', E: c.E };
}

/** Whether the output hands the neuron a conductance (an exportable one: see exportedOutput). */
export function isConductanceOutput(out: ModelIR): boolean {
  const o = exportedOutput(out);
  return typeof o !== 'string' && o.kind === 'conductance';
}

/** The reversal potential (mV) of a conductance output; NaN for any other. */
export function reversalOf(out: ModelIR): number {
  const o = exportedOutput(out);
  return typeof o !== 'string' && o.kind === 'conductance' ? o.E : NaN;
}

/** The refusal for an output an exporter cannot write, or undefined. */
export function outputRefusal(out: ModelIR): string | undefined {
  const o = exportedOutput(out);
  return typeof o === 'string' ? `${o}.` : undefined;
}
