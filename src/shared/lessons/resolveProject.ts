/**
 * A lesson's project from its reference: a bundled example by file name (its text found by the
 * caller: bundled in the app, read from disk by the CLI) or a document written inline.
 */
import { Document } from '../document';
import { parseProjectFile } from '../projectFile';
import type { ProjectResolver } from './applyEdits';

/** A resolver over example texts: `exampleText(name)` gives a file's text, or undefined when there is none. */
export function projectResolver(exampleText: (name: string) => string | undefined): ProjectResolver {
  return (project) => {
    if (project.kind === 'inline') {
      const parsed = Document.safeParse(project.document);
      if (parsed.success) return { ok: true, document: parsed.data };
      const issue = parsed.error.issues[0];
      return { ok: false, message: `The lesson's inline project is not a valid document: ${issue.path.join('.') || 'document'}: ${issue.message}.` };
    }
    const text = exampleText(project.name);
    if (text === undefined) return { ok: false, message: `There is no example "${project.name}" (the examples are in resources/examples).` };
    const parsed = parseProjectFile(text);
    if (!parsed.ok) return { ok: false, message: `The example "${project.name}" cannot be read: ${parsed.problems[0]?.message ?? 'unknown problem'}` };
    return { ok: true, document: parsed.document };
  };
}
