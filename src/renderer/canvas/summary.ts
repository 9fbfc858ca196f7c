/** What a node card shows: title, subtitle and a few key parameters (pure, from the catalogue). */
import type { Node, ValueSpec } from '../../shared/document';
import { getModel, getPopulationModel } from '../../shared/catalog';
import { valueText } from '../inspector/valueText';

export interface NodeSummary {
  readonly title: string;
  readonly subtitle: string;
  readonly rows: ReadonlyArray<readonly [string, string]>;
  /**
   * The overview lines (a zoomed-out canvas shows only the title and these, large): one, or two
   * when the card has parameter rows (the card's height has room for two only then).
   */
  readonly brief: readonly string[];
}

/** Compact text for any parameter value: quantities as written, arrays and distributions summarised. */
export function showValue(v: ValueSpec | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.length} values]`;
  // Distributions in the notation the inspector's field reads back (valueText, written once).
  return valueText(v) ?? '—';
}

const KEY_PARAMS = 3;

export function summarise(node: Node): NodeSummary {
  switch (node.kind) {
    case 'population': {
      const spec = getPopulationModel(node.model);
      const rows = (spec?.params ?? []).filter((p) => p.name !== 'V_reset').slice(0, KEY_PARAMS)
        .map((p) => [p.name, showValue(node.params[p.name] ?? p.default)] as const);
      const size = node.size.toLocaleString('en');
      return { title: node.label ?? node.id, subtitle: `${node.model} · ${size} neurons`, rows, brief: [`${node.model} · ${size}`, ...rows.slice(0, 1).map(([k, v]) => `${k} ${v}`)] };
    }
    case 'input': {
      const spec = getModel('input', node.model);
      const rows = (spec?.params ?? []).slice(0, 2).map((p) => [p.name, showValue(node.params[p.name] ?? p.default)] as const);
      return { title: node.label ?? node.id, subtitle: spec?.title ?? node.model, rows, brief: [rows.length ? `${node.model} ${rows[0][1]}` : node.model, ...rows.slice(1, 2).map(([k, v]) => `${k} ${v}`)] };
    }
    case 'projection': {
      const { rule, ...connParams } = node.conn;
      const connText = Object.entries(connParams).map(([k, v]) => `${k}=${String(v)}`).join(' ');
      const firstConn = Object.entries(connParams)[0];
      return {
        title: node.label ?? node.id,
        subtitle: `${rule}${connText ? ` · ${connText}` : ''}${node.plasticity ? ` · ${node.plasticity.model}` : ''}`,
        rows: [
          ['w', `${showValue(node.weight)}${node.delay !== undefined ? ` · d ${String(node.delay)}` : ''}`],
          ['syn', `${node.synapse.model}${node.synapse.tau !== undefined ? ` ${String(node.synapse.tau)}` : ''} · ${node.output.model}`],
        ],
        // the weight's sign tells excitation from inhibition at a glance
        brief: [
          `${firstConn ? `${firstConn[0]} ${String(firstConn[1])} · ` : ''}w ${showValue(node.weight)}`,
          `${node.delay !== undefined ? `d ${String(node.delay)} · ` : ''}${node.synapse.model}${node.synapse.tau !== undefined ? ` ${String(node.synapse.tau)}` : ''}`,
        ],
      };
    }
    case 'monitor':
      return {
        title: node.label ?? node.id,
        subtitle: `records ${node.record}`,
        rows: node.record === 'state' ? [['variables', (node.variables ?? ['V']).join(', ')], ['neurons', (node.neurons ?? [0]).join(', ')]] : [],
        brief: [`records ${node.record === 'state' ? (node.variables ?? ['V']).join(', ') : node.record}`],
      };
  }
}
