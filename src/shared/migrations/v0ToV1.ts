/**
 * Version 0 is the pre-release draft format (never shipped; kept so the migration machinery is
 * exercised from day one). A draft saved the React Flow state more or less as it was:
 *
 *   { "format": "snn-studio", "version": 0,
 *     "network": {
 *       "title"?: string, "description"?: string,
 *       "simulation": { "dt": 0.1, "duration": 500, "seed"?: 42 },   // plain numbers in ms
 *       "nodes": [ { "id", "type": "population" | "input" | "projection" | "monitor",
 *                    "position": { "x", "y" }, "data": { ...the node's fields },
 *                    "selected"?, "measured"?, "dragging"? } ],       // session state, dropped
 *       "edges": [ { "id"?, "source", "target", "selected"? } ] } }
 *
 * Version 1 (current): { format, version: 1, document: { meta, simulation (quantities with
 * units), nodes (flat records with `kind`), wires ({from, to}) } }.
 */
import type { JsonObject, Migration } from './types';

const isObj = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A draft number of milliseconds becomes a quantity; anything else is passed on for validation to report. */
function ms(v: unknown): unknown {
  return typeof v === 'number' && Number.isFinite(v) ? `${v} ms` : v;
}

function node(n: unknown): unknown {
  if (!isObj(n)) return n;
  const data = isObj(n.data) ? n.data : {};
  const out: Record<string, unknown> = { ...data, id: n.id, kind: n.type };
  const pos = n.position;
  if (isObj(pos) && typeof pos.x === 'number' && typeof pos.y === 'number') out.position = [pos.x, pos.y];
  return out;
}

function edge(e: unknown): unknown {
  return isObj(e) ? { from: e.source, to: e.target } : e;
}

export const v0ToV1: Migration = {
  from: 0,
  title: 'Draft network {nodes, edges} with millisecond numbers -> document {nodes, wires} with unit strings',
  up(file: JsonObject): JsonObject {
    const { network, version: _version, ...rest } = file;
    if (!isObj(network)) return { ...rest, version: 1 };
    const sim = isObj(network.simulation) ? network.simulation : {};
    const simulation: Record<string, unknown> = { ...sim };
    if ('dt' in sim) simulation.dt = ms(sim.dt);
    if ('duration' in sim) simulation.duration = ms(sim.duration);
    const document: Record<string, unknown> = {
      simulation,
      nodes: Array.isArray(network.nodes) ? network.nodes.map(node) : network.nodes,
      wires: Array.isArray(network.edges) ? network.edges.map(edge) : [],
    };
    if (network.title !== undefined || network.description !== undefined) {
      document.meta = { title: network.title, description: network.description };
    }
    return { ...rest, version: 1, document };
  },
};
