/**
 * The text of a bundled example file: its definition, laid out by the app's own layout (the one
 * the Tidy command uses), serialised as the app saves. Positions written in a definition are
 * replaced by the layout's. Every writer and every byte-identity test of resources/examples uses this.
 */
import { Document, type DocumentInput } from '../../src/shared/document';
import { serializeProject } from '../../src/shared/projectFile';
import { applyChanges } from '../../src/renderer/store/changes';
import { tidyLayout } from '../../src/renderer/store/layout';

export async function tidyExample(input: DocumentInput): Promise<Document> {
  const doc = Document.parse(input);
  return applyChanges(doc, [{ type: 'move-nodes', positions: await tidyLayout(doc) }]).doc;
}

export async function exampleText(input: DocumentInput): Promise<string> {
  return serializeProject(await tidyExample(input));
}
