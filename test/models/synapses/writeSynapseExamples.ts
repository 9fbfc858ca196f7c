/**
 * Write resources/examples/ping-gamma.snn and stdp-pattern.snn from their definitions:
 *   npx tsx test/models/synapses/writeSynapseExamples.ts
 * Serialised exactly as test/examples/writeExamples.ts does, so adding SYNAPSE_EXAMPLES to
 * test/examples/definitions keeps its byte-identity check green.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from '../../../src/shared/document';
import { serializeProject } from '../../../src/shared/projectFile';
import { SYNAPSE_EXAMPLES } from './exampleDefinitions';

const dir = join(import.meta.dirname, '../../../resources/examples');
for (const [name, input] of Object.entries(SYNAPSE_EXAMPLES)) {
  writeFileSync(join(dir, name), serializeProject(Document.parse(input)));
  console.log(`wrote ${name}`);
}
