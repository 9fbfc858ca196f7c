/** What every export target receives and returns, and how it refuses what it cannot express. */
import type { Document } from '../../shared/document';
import { problem, type Problem } from '../../shared/problems';
import type { NetworkIR } from '../ir';

export type ExportTarget = 'brian2' | 'brainpy' | 'pynest';

/**
 * Brian2's code generation targets: numpy and cython run in Python (runtime device), cpp_standalone
 * compiles the whole network into one C++ program (the fastest route on one machine).
 */
export const BRIAN2_TARGETS = ['numpy', 'cython', 'cpp_standalone'] as const;
export type Brian2Target = (typeof BRIAN2_TARGETS)[number];

/** Choices a user makes for an export besides the simulator. */
export interface ExportOptions {
  /** The Brian2 script's default --target (without it: numpy for small networks, cython for large). */
  readonly brian2Target?: Brian2Target;
}

/** The built network (internal units) plus the document for ids, labels and JSON paths. */
export interface ExportInput {
  readonly ir: NetworkIR;
  readonly doc: Document;
  /** Index of each node id in doc.nodes, for problem paths. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly options?: ExportOptions;
}

/** A script, or problems: errors refuse the export, warnings travel with the script. */
export interface TargetOutput {
  readonly script: string;
  readonly problems: Problem[];
}

export type Exporter = (input: ExportInput) => TargetOutput;

/** Library names as users know them, for messages. */
export const TARGET_TITLE: Readonly<Record<ExportTarget, string>> = {
  brian2: 'Brian2',
  brainpy: 'BrainPy',
  pynest: 'NEST (PyNEST)',
};

/**
 * A projection whose weight is one value per synapse (trained weights): the values follow the
 * engine's own synapse order, which a script reproduces only for the deterministic rules.
 */
export function perSynapseWeights(p: { readonly weight: { readonly kind: string; readonly values?: ArrayLike<number> } }): boolean {
  return p.weight.kind === 'array' && (p.weight.values?.length ?? 0) > 1;
}

/**
 * A feature `target` cannot express: an error naming the node and the feature, so the export is
 * refused rather than silently changed.
 */
export function unsupported(input: ExportInput, target: ExportTarget, nodeId: string, field: string, message: string): Problem {
  const i = input.nodeIndex.get(nodeId);
  const path = i === undefined ? '' : field === '' ? `nodes[${i}]` : `nodes[${i}].${field}`;
  return problem('unsupported', path, `${TARGET_TITLE[target]} export of "${nodeId}": ${message}`, {
    nodeId,
    ...(field !== '' ? { field } : {}),
  });
}

/** A faithful mapping with a difference the user should know about (the script still runs). */
export function caveat(input: ExportInput, target: ExportTarget, nodeId: string, field: string, message: string): Problem {
  return { ...unsupported(input, target, nodeId, field, message), severity: 'warning' };
}

/** The document title for a script's docstring. */
export function titleOf(doc: Document): string {
  return doc.meta?.title?.trim() || 'SNN Studio network';
}
