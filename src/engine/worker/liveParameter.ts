/**
 * Live parameter changes: a change arrives as document text ("1.8 nA") for a node field
 * ("params.amplitude", "weight"). It is converted by building the patched document, so units,
 * defaults and checks are exactly those of a fresh build, and the value handed to the backend
 * is the one the new IR holds.
 */
import { build } from '../build';
import type { NetworkIR, ValueIR } from '../ir';

export interface ResolvedChange {
  /** The document with the change applied (later changes build on it). */
  readonly document: unknown;
  readonly value: ValueIR;
}

export type ChangeOutcome = { readonly ok: true; readonly change: ResolvedChange } | { readonly ok: false; readonly code: string; readonly message: string };

const FIELD_PATTERN = /^(params\.[A-Za-z_][A-Za-z0-9_]*|weight)$/;

/** Apply `value` to `field` of node `nodeId` in a copy of `document` and read the built value back. */
export function resolveChange(document: unknown, nodeId: string, field: string, value: string | number, buildOptions: { durationMs?: number; seed?: number }): ChangeOutcome {
  if (!FIELD_PATTERN.test(field)) {
    return { ok: false, code: 'not_live', message: `"${field}" cannot change during a run; only input and population parameters (params.*) and projection weights can.` };
  }
  const patched = patchDocument(document, nodeId, field, value);
  if (!patched) return { ok: false, code: 'unknown_node', message: `There is no node "${nodeId}" in the running network.` };
  const { ir, problems } = build(patched, buildOptions);
  const own = problems.find((p) => p.severity === 'error' && p.nodeId === nodeId) ?? problems.find((p) => p.severity === 'error');
  if (!ir || own) {
    return { ok: false, code: own?.code ?? 'bad_value', message: own?.message ?? `The value "${value}" for ${nodeId}.${field} was refused.` };
  }
  const built = valueInIr(ir, nodeId, field);
  if (!built) return { ok: false, code: 'not_live', message: `${nodeId}.${field} is not a parameter the running network has.` };
  return { ok: true, change: { document: patched, value: built } };
}

/** A copy of `document` with `field` (`weight` or `params.*`) of node `nodeId` set to `value`; undefined when there is no such node. */
export function patchDocument(document: unknown, nodeId: string, field: string, value: string | number): unknown {
  const patched = structuredClone(document) as { nodes?: unknown };
  const node = Array.isArray(patched.nodes) ? (patched.nodes as Record<string, unknown>[]).find((n) => n && n.id === nodeId) : undefined;
  if (!node) return undefined;
  if (field === 'weight') {
    node.weight = value;
  } else {
    const params = (typeof node.params === 'object' && node.params !== null ? node.params : (node.params = {})) as Record<string, unknown>;
    params[field.slice('params.'.length)] = value;
  }
  return patched;
}

function valueInIr(ir: NetworkIR, nodeId: string, field: string): ValueIR | undefined {
  if (field === 'weight') return ir.projections.find((p) => p.id === nodeId)?.weight;
  const name = field.slice('params.'.length);
  return ir.inputs.find((i) => i.id === nodeId)?.params[name] ?? ir.populations.find((p) => p.id === nodeId)?.params[name];
}
