/**
 * Regenerate resources/examples/*.snn from test/examples/definitions (run after editing one):
 *   npx tsx test/examples/writeExamples.ts
 * Each file is its definition laid out by the app's Tidy layout and written with serializeProject
 * (test/examples/exampleFile.ts), so unchanged examples stay byte-identical;
 * test/examples/files.test.ts fails when a file and its definition drift apart.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES } from './definitions';
import { exampleText } from './exampleFile';

export const EXAMPLES_DIR = join(import.meta.dirname, '../../resources/examples');

for (const [name, input] of Object.entries(EXAMPLES)) {
  writeFileSync(join(EXAMPLES_DIR, name), await exampleText(input));
  console.log(`wrote ${name}`);
}
