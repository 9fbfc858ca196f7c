/**
 * summary.json reports every population, but a project may record spikes of only some (or none).
 * Before a CLI run, a spike monitor is added for each population that has none; the extra nodes
 * are appended, so the JSON paths of the user's own nodes (and of their problems) do not move.
 */

/** Prefix of the monitors added here; they never reach a saved file. */
export const AUTO_MONITOR_PREFIX = 'cli:spikes:';

interface LooseNode {
  id?: unknown;
  kind?: unknown;
  record?: unknown;
}
interface LooseWire {
  from?: unknown;
  to?: unknown;
}

/** A copy of `doc` with spike monitors for unmonitored populations, or `doc` itself if its shape is unexpected (build then reports it). */
export function withSpikeMonitors(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null) return doc;
  const d = doc as { nodes?: unknown; wires?: unknown };
  if (!Array.isArray(d.nodes) || (d.wires !== undefined && !Array.isArray(d.wires))) return doc;
  const nodes = d.nodes as LooseNode[];
  const wires = (d.wires ?? []) as LooseWire[];
  const spikeMonitors = new Set(nodes.filter((n) => n?.kind === 'monitor' && n.record === 'spikes').map((n) => n.id));
  const monitored = new Set(wires.filter((w) => spikeMonitors.has(w?.to)).map((w) => w.from));
  const ids = new Set(nodes.map((n) => n?.id));
  const extraNodes: object[] = [];
  const extraWires: object[] = [];
  for (const n of nodes) {
    if (n?.kind !== 'population' || typeof n.id !== 'string' || monitored.has(n.id)) continue;
    const id = `${AUTO_MONITOR_PREFIX}${n.id}`.slice(0, 64);
    if (ids.has(id)) continue;
    extraNodes.push({ id, kind: 'monitor', record: 'spikes' });
    extraWires.push({ from: n.id, to: id });
  }
  if (extraNodes.length === 0) return doc;
  return { ...d, nodes: [...nodes, ...extraNodes], wires: [...wires, ...extraWires] };
}
