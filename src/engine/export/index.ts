/**
 * Export a project as a script for another simulator: Brian2, BrainPy or PyNEST. Pure: the
 * document is built (units converted, defaults filled, problems collected) and the IR is
 * written out by the target's exporter. A feature the target cannot express refuses the export
 * with an 'unsupported' problem naming the node and the feature; nothing is dropped silently.
 */
import { Document } from '../../shared/document';
import { hasErrors, problem, type Problem } from '../../shared/problems';
import { build } from '../build';
import { exportBrainPy } from './brainpy';
import { exportBrian2 } from './brian2';
import { exportPyNest } from './pynest';
import type { Exporter, ExportOptions, ExportTarget } from './types';

export type { Brian2Target, ExportOptions, ExportTarget } from './types';
export { BRIAN2_TARGETS } from './types';

export type ExportResult = { ok: true; script: string; warnings: Problem[] } | { ok: false; problems: Problem[] };

const EXPORTERS: Readonly<Record<ExportTarget, Exporter>> = {
  brian2: exportBrian2,
  brainpy: exportBrainPy,
  pynest: exportPyNest,
};

export const EXPORT_TARGETS = Object.keys(EXPORTERS) as ExportTarget[];

export function isExportTarget(x: string): x is ExportTarget {
  return Object.hasOwn(EXPORTERS, x);
}

/** Build `doc` and write it as a `target` script; warnings of the build travel with the script. */
export function exportProject(doc: unknown, target: ExportTarget, options: ExportOptions = {}): ExportResult {
  const exporter = isExportTarget(target) ? EXPORTERS[target] : undefined;
  if (!exporter) {
    return { ok: false, problems: [problem('unsupported', '', `There is no export to "${String(target)}" (choose ${EXPORT_TARGETS.join(', ')}).`)] };
  }
  const { ir, problems } = build(doc);
  if (!ir || hasErrors(problems)) return { ok: false, problems };
  // build accepted the document, so it parses; parsing again gives the typed nodes for paths and labels
  const parsed = Document.parse(doc);
  const nodeIndex = new Map(parsed.nodes.map((n, i) => [n.id, i] as const));
  let out;
  try {
    out = exporter({ ir, doc: parsed, nodeIndex, options });
  } catch (e) {
    return { ok: false, problems: [...problems, problem('unsupported', '', `The export failed: ${(e as Error).message}. Please report this with the project attached.`)] };
  }
  const all = [...problems, ...out.problems];
  if (hasErrors(out.problems)) return { ok: false, problems: all };
  return { ok: true, script: out.script, warnings: all };
}
