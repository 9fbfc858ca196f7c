/**
 * Write the 4000-neuron benchmark networks as project files (bench/networks/*.snn), so they can
 * be opened in the app or run with `npx snn run bench/networks/cuba.snn`:
 *   npx tsx bench/networks/write.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Document } from '../../src/shared/document';
import { serializeProject } from '../../src/shared/projectFile';
import { cobaDocument, cubaDocument } from './brette';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
for (const [file, doc] of [['cuba.snn', cubaDocument()], ['coba.snn', cobaDocument()]] as const) {
  writeFileSync(here(file), serializeProject(Document.parse(doc)));
  console.log(`wrote ${here(file)}`);
}
