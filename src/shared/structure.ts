/**
 * The document's structural rules, written once: which wires are allowed and why, what a node's
 * id and size must be, and one sentence per broken rule. The editor (refusing a wire as it is
 * drawn), the file loader (refusing a file) and the build (refusing a document) all call these,
 * so a student reads the same advice wherever the mistake is caught.
 */
import { getPopulationModel } from './catalog';
import { LIMITS } from './document';
import { groupDigits } from './groupDigits';

/** The node kinds a wire joins (raw strings: the file loader checks files before their kinds are known to be valid). */
type Kind = string;

/** What a wire may join, with what it means. */
export const WIRE_RULES: ReadonlyArray<{ readonly from: Kind; readonly to: Kind; readonly meaning: string }> = [
  { from: 'population', to: 'projection', meaning: 'the projection’s presynaptic population' },
  { from: 'projection', to: 'population', meaning: 'the projection’s postsynaptic (target) population' },
  { from: 'input', to: 'population', meaning: 'a current injected into the population' },
  { from: 'population', to: 'monitor', meaning: 'the population the monitor records' },
];

/** True when the table allows a wire from a `from` node to a `to` node. */
export function wireAllowed(from: Kind, to: Kind): boolean {
  return WIRE_RULES.some((r) => r.from === from && r.to === to);
}

/** "a population", "an input". */
export const article = (kind: Kind): string => (/^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`);

/** Why a wire between these kinds is refused and what to do instead; null when it is allowed. */
export function wireHint(from: Kind, to: Kind): string | null {
  if (wireAllowed(from, to)) return null;
  if (from === 'population' && to === 'population') return 'Populations connect through a Projection: put a projection between them (population → projection → population).';
  if (from === 'monitor') return 'A monitor only records: wires go into it from a population, never out of it.';
  if (to === 'input') return 'An input has no inlet: wire the input into a population instead.';
  if (from === 'input') return 'An input injects current into neurons: wire it to a population.';
  if (from === 'projection' && to === 'monitor') return 'A monitor records a population, not a projection: wire the population into the monitor instead.';
  if (from === 'projection') return 'A projection delivers spikes to a population (its postsynaptic target): wire it to a population.';
  if (to === 'projection') return 'A projection starts at a population (its presynaptic source): wire a population into it.';
  if (from === 'population') return `A population can feed a projection or a monitor, not ${article(to)}.`;
  return `${article(from).replace(/^a/, 'A')} cannot be wired to ${article(to)}.`;
}

/** True when `model` names a spike source (Poisson, spike times): it has no membrane to receive input. */
export function isSpikeSource(model: unknown): boolean {
  return typeof model === 'string' && getPopulationModel(model)?.family === 'source';
}

/** The two ends of a wire as the rules need them. */
export interface WireEnd {
  readonly id: string;
  readonly kind: Kind;
  /** The population model, for populations. */
  readonly model?: unknown;
}

/**
 * The sentence refusing a wire from `from` to `to`, or null when the rules allow it: a wire to
 * itself, a pair of kinds the table does not allow, input into a spike source.
 */
export function wireProblem(from: WireEnd, to: WireEnd): string | null {
  if (from.id === to.id) return STRUCTURE_TEXT.selfWire(from.id);
  const hint = wireHint(from.kind, to.kind);
  if (hint) return `Wire "${from.id}" → "${to.id}": ${hint}`;
  if (to.kind === 'population' && isSpikeSource(to.model)) return STRUCTURE_TEXT.sourceReceives(to.id, from.kind);
  return null;
}

/** Why `size` is not a population size, or null when it is one. */
export function sizeProblem(size: number): string | null {
  const why = !Number.isInteger(size) ? `${size} is not a whole number`
    : size < 1 ? `${size} neurons is not a population`
      : size > LIMITS.populationSize ? `${size} neurons is more than the ${groupDigits(LIMITS.populationSize)} this app can hold` : '';
  return why ? `Size ${why}; give a whole number of neurons from 1 to ${groupDigits(LIMITS.populationSize)}.` : null;
}

/** One sentence per structural rule (the codes are in problems.ts). */
export const STRUCTURE_TEXT = {
  duplicateId: (id: string, firstIndex: number): string => `The id "${id}" is already used by nodes[${firstIndex}]; give this node another id.`,
  danglingWire: (id: string): string => `No node has the id "${id}"; remove this wire or connect it to an existing node.`,
  selfWire: (id: string): string => `This wire connects "${id}" to itself; a recurrent connection goes through a projection (population → projection → same population).`,
  sourceReceives: (id: string, fromKind: Kind): string =>
    `"${id}" is a spike source: it fires by itself and has no membrane, so ${fromKind === 'input' ? 'a current input cannot drive it' : 'it cannot receive synapses'}.`,
  alreadyWired: (from: string, to: string): string => `"${from}" is already wired to "${to}".`,
  projectionHasTarget: (id: string): string => `Projection "${id}" already has a target population; a projection connects one pre to one post population.`,
  badNeuronIndex: (k: number): string => `Neuron index ${k} is not a whole number ≥ 0; neurons are numbered 0, 1, 2, …`,
  neuronOutOfRange: (k: number, population: string, size: number): string => `Neuron ${k} does not exist in "${population}" (size ${size}); neurons are numbered 0 to ${size - 1}.`,
  projectionHasSource: (id: string): string => `Projection "${id}" already has a source population; add another projection for another source.`,
} as const;
