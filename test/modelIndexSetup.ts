/** vitest globalSetup: the model index (scripts/modelIndex.mjs) as the folders are now, before any test imports the catalogue. */
import { writeModelIndex } from '../scripts/modelIndex.mjs';

export default function setup(): void {
  writeModelIndex();
}
