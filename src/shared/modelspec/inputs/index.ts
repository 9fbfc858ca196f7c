/**
 * The bundled current inputs as specs (constant, step, ramp, sinusoid), in catalogue order. Each
 * is a folder here: its spec in `<folder>/index.ts` and its test beside it, found by
 * scripts/modelIndex.mjs (folders.generated.ts); no list is kept by hand. Their catalogue entries,
 * typed and tfjs kernels (engine/spec/inputCurrent.ts) and Brian2 export come from these specs.
 * Ornstein–Uhlenbeck noise is not among them: the spec language has no noise term (xi), so "ou"
 * stays written by hand (catalog/inputs.ts and the backends' inputs.ts).
 */
import { collectSpecs } from '../neurons';
import { MODEL_FOLDERS } from './folders.generated';
import { compileInputSpec, type InputSpec } from './compile';
import type { InputSpecSource } from './types';

export type { InputSpecSource } from './types';
export { compileInputSpec, INPUT_I, INPUT_T, type InputSpec } from './compile';
export * from './folders.generated';

/** Every bundled current input's source, in catalogue order. */
export const BUNDLED_INPUT_SPECS: readonly InputSpecSource[] = collectSpecs(MODEL_FOLDERS, 'inputs');

let compiled: ReadonlyMap<string, InputSpec> | null = null;

/** The bundled current inputs, checked (a spec that does not check is a programming error), by name in catalogue order. */
function inputSpecs(): ReadonlyMap<string, InputSpec> {
  if (compiled) return compiled;
  const out = new Map<string, InputSpec>();
  for (const src of BUNDLED_INPUT_SPECS) {
    const r = compileInputSpec(src);
    if (!r.ok) throw new Error(`Bundled input ${src.name}: ${r.errors.map((e) => `line ${e.line}:${e.column} ${e.message}`).join('; ')}`);
    if (r.input.name !== src.name) throw new Error(`Bundled input ${src.name}: its spec says "current ${r.input.name}".`);
    out.set(src.name, r.input);
  }
  return (compiled = out);
}

export function bundledInputSpecs(): readonly InputSpec[] {
  return [...inputSpecs().values()];
}

/** The current input spec of this name, or undefined (ou, or not an input). */
export function getInputSpec(name: string): InputSpec | undefined {
  return inputSpecs().get(name);
}
