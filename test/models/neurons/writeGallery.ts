/** Regenerate resources/examples/izhikevich-gallery.snn: npx tsx test/models/neurons/writeGallery.ts */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleText } from '../../examples/exampleFile';
import { izhikevichGallery } from './gallery';

const file = join(import.meta.dirname, '../../../resources/examples/izhikevich-gallery.snn');
writeFileSync(file, await exampleText(izhikevichGallery));
console.log(`wrote ${file}`);
