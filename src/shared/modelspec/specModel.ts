/**
 * A neuron model defined only by its spec: the checked spec and the catalogue entry derived from
 * it (parameters with dimension, default, doc and bounds; choices; states with initial values; the
 * KaTeX equations; a doc paragraph). The lookup of spec models by name lives here too, so the
 * catalogue can register the bundled spec-only models at load without importing the registry
 * (registry.ts adds registration of user models on top).
 */
import type { ChoiceSpec, ModelSpec, ParamSpec, StateSpec } from '../catalog/types';
import { DIMENSIONS, formatQuantity, parseQuantity, type DimensionName } from '../units';
import type { Expr, Pos, SpecError } from './ast';
import { compileSpec, constantValue, startOf, type NeuronSpec } from './check';
import { dimName, formatDim } from './dimension';
import { specLatex } from './latex';
import { BUNDLED_NEURON_SPECS, NEURON_SPECS, SPEC_ONLY_NEURONS, type NeuronSpecSource } from './neurons';
import { BUNDLED_SYNAPSE_SPECS, type SynapseSpecSource } from './synapses';

/** A model defined by spec text: what the app, the engine and the exporters read. */
export interface SpecModel {
  readonly name: string;
  readonly source: string;
  readonly spec: NeuronSpec;
  /** Catalogue entry derived from the spec. */
  readonly catalog: ModelSpec;
}

/** compileSpec's positioned error. */
export type SpecDiagnostic = SpecError;

/**
 * Internal document units per coherent spec unit, by dimension: a spec computes rates per ms,
 * a document stores them in Hz (1 /ms = 1000 Hz); every other dimension has the same unit in
 * both. Kernels divide an IR value by it (a division, so 200 Hz gives exactly 0.2 /ms).
 */
export function internalPerCoherent(dim: DimensionName): number {
  return dim === 'rate' ? 1000 : 1;
}

/** Digits a derived default keeps (formatQuantity's default of 4 would round 83.333 MΩ). */
const DEFAULT_DIGITS = 12;

/** What a spec source may add to its derived catalogue entry (neurons/types.ts). */
export type CatalogExtras = Pick<NeuronSpecSource, 'title' | 'doc' | 'preset' | 'equations'>;

/** Parse, check and derive the catalogue entry; every problem with its line and column. */
export function specModelFromSource(
  source: string,
  extras: CatalogExtras = {},
): { ok: true; model: SpecModel } | { ok: false; diagnostics: readonly SpecDiagnostic[] } {
  const compiled = compileSpec(source);
  if (!compiled.ok) return { ok: false, diagnostics: compiled.errors };
  const spec = compiled.spec;
  const derived = catalogEntry(spec, source, extras);
  if (!derived.ok) return { ok: false, diagnostics: derived.diagnostics };
  return { ok: true, model: { name: spec.name, source, spec, catalog: derived.entry } };
}

const diag = (message: string, pos: Pos): SpecDiagnostic => ({ message, line: pos.line, column: pos.column });

/** Leading `#` lines of a source: the first is the title, the rest the doc paragraph. */
function headerComments(source: string): string[] {
  const out: string[] = [];
  for (const raw of source.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    out.push(line.replace(/^#+\s*/, ''));
  }
  return out;
}

/** Names that divide something (a direct name or a factor of a product on the right of "/"). */
function divisors(e: Expr, out: Set<string>): void {
  const factors = (x: Expr): void => {
    if (x.kind === 'name') out.add(x.name);
    else if (x.kind === 'binary' && x.op === '*') {
      factors(x.left);
      factors(x.right);
    }
  };
  if (e.kind === 'binary') {
    if (e.op === '/') factors(e.right);
    divisors(e.left, out);
    divisors(e.right, out);
  } else if (e.kind === 'unary') divisors(e.arg, out);
  else if (e.kind === 'call') e.args.forEach((a) => divisors(a, out));
}

function namesIn(e: Expr, out: Set<string>): void {
  if (e.kind === 'name') out.add(e.name);
  else if (e.kind === 'unary') namesIn(e.arg, out);
  else if (e.kind === 'binary') {
    namesIn(e.left, out);
    namesIn(e.right, out);
  } else if (e.kind === 'call') e.args.forEach((a) => namesIn(a, out));
}

/** Value of an initial-value expression of constants and parameter defaults (coherent units). */
function initValue(e: Expr, defaults: ReadonlyMap<string, number>): number | undefined {
  if (e.kind === 'name' && defaults.has(e.name)) return defaults.get(e.name);
  try {
    return constantValue(e).value;
  } catch {
    return undefined;
  }
}

/**
 * A parameter's default as a document value: the text the spec wrote when a document reads it as
 * the same value ("0.02 /ms", "1 ohm"), else the value formatted in a unit picked by magnitude.
 */
export function documentDefault(value: number, dim: DimensionName, written: string | undefined): string | number {
  if (written !== undefined && dim !== 'dimensionless') {
    const q = parseQuantity(written, dim);
    const internal = value * internalPerCoherent(dim);
    if (q.ok && Math.abs(q.value - internal) <= 1e-12 * Math.max(1, Math.abs(internal))) return written;
  }
  return documentValue(value, dim);
}

function documentValue(value: number, dim: DimensionName): string | number {
  if (dim === 'dimensionless') return value;
  // formatQuantity picks a unit by magnitude, which for 0 is the SI base ("0 A"); the internal one reads better.
  if (value === 0) return `0 ${DIMENSIONS[dim].internal}`;
  return formatQuantity(value * internalPerCoherent(dim), dim, DEFAULT_DIGITS);
}

function describe(spec: NeuronSpec): string {
  if (spec.synapse?.pulse) {
    return `A synapse model defined by its equations (a model spec): state ${spec.states.map((s) => s.name).join(', ')} per presynaptic neuron, driven by the pulse ${spec.synapse.pulse.name} each of its spikes starts; a target's input is the sum over its synapses of weight times the output expression.`;
  }
  if (spec.synapse) {
    return `A synapse model defined by its equations (a model spec): state ${spec.states.map((s) => s.name).join(', ')} per target neuron, in the weight's unit; arriving spikes change it as on_pre says, and the output model reads the output expression.`;
  }
  const states = spec.states.map((s) => s.name).join(', ');
  const fires = spec.threshold ? (spec.threshold.rising ? ' It spikes when its threshold condition turns true.' : ' It spikes while its threshold condition holds, then resets.') : ' It has no threshold, so it never spikes.';
  return `A model defined by its equations (a model spec): state ${states}, each stepped by its integration scheme.${fires}`;
}

function catalogEntry(
  spec: NeuronSpec,
  source: string,
  extras: CatalogExtras,
): { ok: true; entry: ModelSpec } | { ok: false; diagnostics: SpecDiagnostic[] } {
  const diagnostics: SpecDiagnostic[] = [];
  const named = (d: Parameters<typeof dimName>[0], what: string, pos: Pos): DimensionName | undefined => {
    const n = dimName(d);
    if (n === undefined) {
      diagnostics.push(diag(`${what} has the dimension ${formatDim(d)}, which a document field cannot hold (it takes time, voltage, current, conductance, resistance, capacitance, rate or a plain number); rescale it, e.g. write a plain number times a unit in the equations.`, pos));
    }
    return n;
  };
  const dividing = new Set<string>();
  for (const s of spec.states) divisors(s.rhs, dividing);
  for (const sub of spec.subexpressions.values()) divisors(sub.value, dividing);
  const refractoryNames = new Set<string>();
  if (spec.refractory) namesIn(spec.refractory, refractoryNames);

  const params: ParamSpec[] = [];
  for (const p of spec.params) {
    const dim = named(p.dim, `Parameter "${p.name}"`, p.pos);
    if (dim === undefined) continue;
    // Declared bounds, else inferred: what divides must be > 0 (and a time constant dt resolves), a refractory period >= 0.
    const positive = dividing.has(p.name) || p.flags?.includes('positive') === true;
    const nonNegative = !positive && (refractoryNames.has(p.name) || p.flags?.includes('nonnegative') === true);
    params.push({
      name: p.name, dim, doc: p.doc || `Parameter ${p.name}.`, ...(spec.synapse ? {} : { perNeuron: true }),
      ...(p.default !== undefined ? { default: documentDefault(p.default, dim, p.defaultText) } : {}),
      ...(positive ? { positive: true } : {}),
      ...(dividing.has(p.name) && dim === 'time' ? { timeConstant: true } : {}),
      ...(nonNegative ? { nonNegative: true } : {}),
    });
  }
  const choices: ChoiceSpec[] = spec.choices.map((c) => ({ name: c.name, choices: c.options, default: c.options[0], doc: c.doc }));
  const defaults = new Map(spec.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default as number]));
  const state: StateSpec[] = [];
  for (const s of spec.states) {
    const dim = named(s.dim, `State "${s.name}"`, s.pos);
    const v = initValue(s.init, defaults);
    if (v === undefined) {
      diagnostics.push(diag(`The initial value of "${s.name}" must be a number with a unit or a parameter with a default.`, startOf(s.init)));
      continue;
    }
    if (dim !== undefined) state.push({ name: s.name, dim, init: documentValue(v, dim), doc: s.doc || `State variable ${s.name}.` });
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const header = headerComments(source);
  const entry: ModelSpec = {
    family: spec.synapse ? 'synapse' : 'neuron',
    name: spec.name,
    title: extras.title ?? header[0] ?? `${spec.name} (model spec)`,
    doc: extras.doc ?? (header.length > 1 ? header.slice(1).join(' ') : describe(spec)),
    equations: extras.equations ?? specLatex(spec),
    params,
    ...(choices.length > 0 ? { choices } : {}),
    state,
    ...(extras.preset ? { preset: extras.preset } : {}),
  };
  return { ok: true, entry };
}

const specModels = new Map<string, SpecModel>();

/** The spec model registered under `name` (bundled spec-only or a document's custom model). */
export function getSpecModel(name: string): SpecModel | undefined {
  return specModels.get(name);
}

/** Record a spec model for getSpecModel (registry.ts adds it to the catalogue too). */
export function setSpecModel(model: SpecModel): void {
  specModels.set(model.name, model);
}

export function deleteSpecModel(name: string): void {
  specModels.delete(name);
}

/** Compile a bundled spec; one that fails its check is a programming error and throws with its messages. */
function compileBundled(src: NeuronSpecSource | SynapseSpecSource): SpecModel {
  const r = specModelFromSource(src.source, src);
  if (!r.ok) throw new Error(`Bundled model spec ${src.name}: ${r.diagnostics.map((d) => `line ${d.line}:${d.column} ${d.message}`).join('; ')}`);
  if (r.model.name !== src.name) throw new Error(`Bundled model spec ${src.name} declares "model ${r.model.name}".`);
  return r.model;
}

/**
 * The bundled models that exist only as specs (neurons/index.ts's SPEC_ONLY_NEURONS), compiled
 * once and recorded for getSpecModel (their kernels and exports come from the spec).
 */
export function bundledSpecModels(): readonly SpecModel[] {
  return SPEC_ONLY_NEURONS.map((src) => {
    const model = compileBundled(src);
    setSpecModel(model);
    return model;
  });
}

/**
 * The bundled neurons known by name (NEURON_SPECS: LIF ... HH), compiled once: their
 * catalogue entries are derived from their specs like the spec-only models', but they are not
 * recorded for getSpecModel, which the engine and the exporters read as "runs and exports from
 * its spec only".
 */
export function bundledNeuronModels(): readonly SpecModel[] {
  return NEURON_SPECS.map((src) => getBundledNeuronModel(src.name) as SpecModel);
}

/**
 * Every bundled neuron model compiled, in catalogue order (each spec's `order`): what the
 * catalogue registers. The spec-only ones are recorded for getSpecModel on the way.
 */
export function bundledModelsInOrder(): readonly SpecModel[] {
  const byName = new Map([...bundledNeuronModels(), ...bundledSpecModels()].map((m) => [m.name, m]));
  return BUNDLED_NEURON_SPECS.map((s) => byName.get(s.name) as SpecModel);
}

const bundledNeurons = new Map<string, SpecModel>();

/**
 * The checked spec of a bundled neuron known by name (LIF ... HH), for targets generated
 * from the spec (the Brian2 export, the tfjs kernels); undefined for other names. Filled when the catalogue loads, or on first use.
 */
export function getBundledNeuronModel(name: string): SpecModel | undefined {
  const known = bundledNeurons.get(name);
  if (known) return known;
  // Asked before the catalogue loaded (a backend's kernel table at import): compile it now.
  const src = NEURON_SPECS.find((s) => s.name === name);
  if (!src) return undefined;
  const model = compileBundled(src);
  bundledNeurons.set(name, model);
  return model;
}

const bundledSynapses = new Map<string, SpecModel>();

/**
 * The checked spec of a bundled synapse model (synapses/<folder>), compiled on first use; undefined
 * for other names. Expon is known by name (its kernel is the fused decay); the others run and
 * export from this spec.
 */
export function getBundledSynapseModel(name: string): SpecModel | undefined {
  const known = bundledSynapses.get(name);
  if (known) return known;
  const src = BUNDLED_SYNAPSE_SPECS.find((s) => s.name === name);
  if (!src) return undefined;
  const model = compileBundled(src);
  bundledSynapses.set(name, model);
  return model;
}

/**
 * Every bundled synapse model compiled, in catalogue order: what the catalogue registers. Those not
 * known by name (DualExpon, Alpha, ...) are recorded for getSpecModel on the way, so the backends'
 * spec fallbacks and the Brian2 export take them as they take a synapse typed in the app.
 */
export function bundledSynapseModelsInOrder(): readonly SpecModel[] {
  return BUNDLED_SYNAPSE_SPECS.map((src) => {
    const model = getBundledSynapseModel(src.name) as SpecModel;
    if (src.knownByName !== true) setSpecModel(model);
    return model;
  });
}

/**
 * True for a synapse model whose states live on the presynaptic neurons (BrainPy's AlignPreProj):
 * one with a transmitter pulse (AMPA, GABAa, NMDA, or typed in the app). Such a group is never
 * merged with another projection's, and its target's input is Σ weight · output over the synapses.
 */
export function isPreAlignedSynapse(name: string): boolean {
  return (getSpecModel(name) ?? getBundledSynapseModel(name))?.spec.synapse?.pulse !== undefined;
}

/** True for a bundled model's name (neuron or synapse), false for a model typed in the app. */
export function isBundledModel(name: string): boolean {
  return BUNDLED_NEURON_SPECS.some((s) => s.name === name) || BUNDLED_SYNAPSE_SPECS.some((s) => s.name === name);
}
