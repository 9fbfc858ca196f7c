/** Regenerate resources/examples/izhikevich-gallery.snn: npx tsx test/models/neurons/writeGallery.ts */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from '../../../src/shared/document';
import { serializeProject } from '../../../src/shared/projectFile';
import { izhikevichGallery } from './gallery';

const file = join(import.meta.dirname, '../../../resources/examples/izhikevich-gallery.snn');
writeFileSync(file, serializeProject(Document.parse(izhikevichGallery)));
console.log(`wrote ${file}`);
