/**
 * Write resources/examples/ping-gamma.snn and stdp-pattern.snn from their definitions:
 *   npx tsx test/models/synapses/writeSynapseExamples.ts
 * Laid out and serialised exactly as test/examples/writeExamples.ts does (test/examples/exampleFile.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleText } from '../../examples/exampleFile';
import { SYNAPSE_EXAMPLES } from './exampleDefinitions';

const dir = join(import.meta.dirname, '../../../resources/examples');
for (const [name, input] of Object.entries(SYNAPSE_EXAMPLES)) {
  writeFileSync(join(dir, name), await exampleText(input));
  console.log(`wrote ${name}`);
}
