/**
 * Regenerate resources/examples/*.snn from test/examples/definitions (run after editing one):
 *   npx tsx test/examples/writeExamples.ts
 * The files are written with serializeProject, so unchanged examples stay byte-identical;
 * test/examples/files.test.ts fails when a file and its definition drift apart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from '../../src/shared/document';
import { serializeProject } from '../../src/shared/projectFile';
import { EXAMPLES } from './definitions';

export const EXAMPLES_DIR = join(import.meta.dirname, '../../resources/examples');

for (const [name, input] of Object.entries(EXAMPLES)) {
  writeFileSync(join(EXAMPLES_DIR, name), serializeProject(Document.parse(input)));
  console.log(`wrote ${name}`);
}
