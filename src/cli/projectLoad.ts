/**
 * Read a *.snn project for the command line. Validation (envelope, schema, migrations) is
 * src/shared/projectFile's; problems from it already carry paths from the file's root
 * ("document.nodes[2].size"). Build reports paths inside the document ("nodes[2].size"), so
 * those are re-rooted here and every line the CLI prints points into the file the same way.
 */
import { parseProjectFile } from '../shared/projectFile';
import type { Problem } from '../shared/problems';

export type LoadedProject = { ok: true; document: unknown; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function loadProject(text: string): LoadedProject {
  const parsed = parseProjectFile(text);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  return { ok: true, document: parsed.document, warnings: parsed.warnings };
}

/** A build problem's path as a path from the file's root. */
export function inFile(p: Problem): Problem {
  if (p.path === '' || p.path === '(document)') return { ...p, path: 'document' };
  if (p.path.startsWith('document.') || p.path === 'document') return p;
  return { ...p, path: `document.${p.path}` };
}
