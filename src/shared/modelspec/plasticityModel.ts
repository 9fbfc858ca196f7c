/**
 * Plasticity rules defined by their specs (plasticity/<folder>): the checked spec and the catalogue
 * entry derived from it (parameters with dimension, default, doc and bounds; choices; the title,
 * doc, KaTeX and preset the folder gives). The engine and the exporters look a rule up here by the
 * name a projection's `plasticity.model` gives.
 */
import type { ChoiceSpec, ModelSpec, ParamSpec } from '../catalog/types';
import type { NeuronSpec, PlasticityParts } from './check';
import { compileSpec } from './check';
import { dimName } from './dimension';
import { BUNDLED_PLASTICITY_SPECS, type PlasticitySpecSource } from './plasticity';
import { documentDefault } from './specModel';

/** A plasticity rule: its checked spec (with its rule parts) and its catalogue entry. */
export interface PlasticityModel {
  readonly name: string;
  readonly spec: NeuronSpec;
  readonly rule: PlasticityParts;
  readonly catalog: ModelSpec;
}

function catalogEntry(spec: NeuronSpec, rule: PlasticityParts, src: PlasticitySpecSource): ModelSpec {
  const params: ParamSpec[] = spec.params.map((p) => {
    const weight = rule.weightParams.includes(p.name);
    // A (weight) parameter takes the unit of the projection's weight (nA for CUBA, µS for COBA, mV
    // for Delta), which build converts it to (build/plasticity.ts); the catalogue field stays
    // 'conductance', as saved projects and the inspector have always read it.
    const dim = weight ? 'conductance' : dimName(p.dim);
    if (dim === undefined) throw new Error(`Plasticity rule ${spec.name}: parameter ${p.name} has a dimension no document field holds.`);
    const def = p.default === undefined ? undefined : weight ? p.default : documentDefault(p.default, dim, p.defaultText);
    return {
      name: p.name, dim, ...(def !== undefined ? { default: def } : {}), doc: p.doc || `Parameter ${p.name}.`,
      ...(p.flags?.includes('nonnegative') ? { nonNegative: true } : {}),
      ...(p.max !== undefined ? { max: p.max } : {}),
      ...(p.flags?.includes('positive') ? { positive: true } : {}),
    };
  });
  const choices: ChoiceSpec[] = spec.choices.map((c) => ({ name: c.name, choices: c.options, default: c.options[0], doc: c.doc }));
  return {
    family: 'plasticity',
    name: spec.name,
    title: src.title ?? spec.name,
    doc: src.doc ?? '',
    ...(src.equations ? { equations: src.equations } : {}),
    params,
    ...(choices.length > 0 ? { choices } : {}),
    ...(src.preset ? { preset: src.preset } : {}),
  };
}

/** Compile a plasticity rule's source; a bundled one that fails its check is a programming error and throws with its messages. */
export function plasticityModelFromSource(src: PlasticitySpecSource): PlasticityModel {
  const r = compileSpec(src.source);
  if (!r.ok) throw new Error(`Plasticity rule ${src.name}: ${r.errors.map((d) => `line ${d.line}:${d.column} ${d.message}`).join('; ')}`);
  const { spec } = r;
  if (!spec.plasticity) throw new Error(`Plasticity rule ${src.name}: its text must start with "plasticity ${src.name}".`);
  if (spec.name !== src.name) throw new Error(`Plasticity rule ${src.name} declares "plasticity ${spec.name}".`);
  return { name: spec.name, spec, rule: spec.plasticity, catalog: catalogEntry(spec, spec.plasticity, src) };
}

const bundled = new Map<string, PlasticityModel>();

/** The bundled plasticity rule called `name` (compiled on first use), or undefined. */
export function getPlasticityModel(name: string): PlasticityModel | undefined {
  const known = bundled.get(name);
  if (known) return known;
  const src = BUNDLED_PLASTICITY_SPECS.find((s) => s.name === name);
  if (!src) return undefined;
  const model = plasticityModelFromSource(src);
  bundled.set(name, model);
  return model;
}

/** Every bundled plasticity rule, in catalogue order. */
export function bundledPlasticityModels(): readonly PlasticityModel[] {
  return BUNDLED_PLASTICITY_SPECS.map((s) => getPlasticityModel(s.name) as PlasticityModel);
}
