/**
 * The bundled output models, compiled once at load from their specs (sources.ts). A bundled spec
 * that fails its checks is a programming error, so it throws with every message.
 */
import { compileOutputSpec, type OutputSpec } from './compile';
import { OUTPUT_SPECS } from './sources';

export { OUTPUT_G, OUTPUT_I, OUTPUT_V, compileOutputSpec, outputForm, type OutputForm, type OutputSpec } from './compile';
export { OUTPUT_SPECS, type OutputSpecSource } from './sources';

const bundled = new Map<string, OutputSpec>();
for (const src of OUTPUT_SPECS) {
  const r = compileOutputSpec(src);
  if (!r.ok) throw new Error(`The bundled output ${src.name} does not compile: ${r.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
  bundled.set(r.output.name, r.output);
}

/** The output model called `name`, or undefined. */
export function getOutputSpec(name: string): OutputSpec | undefined {
  return bundled.get(name);
}

/** Every bundled output model, in palette order. */
export function bundledOutputSpecs(): readonly OutputSpec[] {
  return [...bundled.values()];
}

/** What the neuron receives from an output: a current, or a conductance toward a reversal potential. Undefined for an unknown output. */
export function outputDrive(name: string): 'current' | 'conductance' | undefined {
  return getOutputSpec(name)?.form.kind;
}
