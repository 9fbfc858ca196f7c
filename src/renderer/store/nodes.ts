/** Creating nodes: fresh ids, palette presets, copies with new ids. Pure functions. */
import type { Document, Node, Wire } from '../../shared/document';
import { getModel, getPopulationModel, type Family } from '../../shared/catalog';

/** What the palette offers: a node kind and, for models, the model name. */
export type PaletteItem =
  | { readonly kind: 'population'; readonly model: string }
  | { readonly kind: 'input'; readonly model: string }
  | { readonly kind: 'projection' }
  | { readonly kind: 'monitor'; readonly record: 'spikes' | 'state' | 'rate' };

/** An id not yet used in `taken`, built from `base`: "E", "E2", "E3", ... */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/\d+$/, '') || base;
  for (let i = 2; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}

export const idsOf = (doc: Document): Set<string> => new Set(doc.nodes.map((n) => n.id));

/** Default population size for a new node (small enough to run instantly). */
export const DEFAULT_POPULATION_SIZE = 100;

function presetParams(family: Family | 'population', model: string): Record<string, string | number> {
  const spec = family === 'population' ? getPopulationModel(model) : getModel(family, model);
  return { ...(spec?.preset ?? {}) };
}

/** A new node for a palette item at `position`, with the model's preset and a fresh id. */
export function createNode(item: PaletteItem, position: [number, number], taken: ReadonlySet<string>): Node {
  switch (item.kind) {
    case 'population': {
      const source = getModel('source', item.model) !== undefined;
      return { id: freshId(source ? 'src' : 'pop', taken), kind: 'population', model: item.model, size: DEFAULT_POPULATION_SIZE, position, params: presetParams('population', item.model) };
    }
    case 'input':
      return { id: freshId(item.model === 'constant' ? 'drive' : item.model, taken), kind: 'input', model: item.model, position, params: presetParams('input', item.model) };
    case 'projection':
      return {
        id: freshId('proj', taken), kind: 'projection', position,
        conn: { rule: 'fixed_prob', p: 0.1 }, weight: '0.5 nA',
        synapse: { model: 'Expon', ...presetParams('synapse', 'Expon') }, output: { model: 'CUBA' },
      };
    case 'monitor':
      return {
        id: freshId(item.record === 'spikes' ? 'spikes' : item.record, taken), kind: 'monitor', position, record: item.record,
        ...(item.record === 'state' ? { variables: ['V'], neurons: [0] } : {}),
      };
  }
}

/** Offset applied to pasted and duplicated nodes so they do not hide the originals. */
export const PASTE_OFFSET = 40;

/**
 * Copies of `nodes` with fresh ids (avoiding `taken`), shifted by `offset`, and the wires among
 * them renamed to match; wires to nodes outside the copy are dropped.
 */
export function cloneNodes(nodes: readonly Node[], wires: readonly Wire[], taken: ReadonlySet<string>, offset: number): { nodes: Node[]; wires: Wire[] } {
  const used = new Set(taken);
  const rename = new Map<string, string>();
  const out = nodes.map((n) => {
    const id = freshId(n.id, used);
    used.add(id);
    rename.set(n.id, id);
    const position: [number, number] | undefined = n.position ? [n.position[0] + offset, n.position[1] + offset] : undefined;
    return { ...structuredClone(n), id, ...(position ? { position } : {}) } as Node;
  });
  const outWires = wires.filter((w) => rename.has(w.from) && rename.has(w.to)).map((w) => ({ from: rename.get(w.from)!, to: rename.get(w.to)! }));
  return { nodes: out, wires: outWires };
}
