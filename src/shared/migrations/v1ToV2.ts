/**
 * Version 2 adds the user's own neuron models (issue 16): `document.customModels`, a list of
 * {name, source, parsed?} (src/shared/document.ts). A version 1 file has none, so the step only
 * raises the version; everything else is unchanged. Saving writes version 1 while a document has
 * no custom models (formatVersionFor), so such projects still open in the previous release.
 */
import type { JsonObject, Migration } from './types';

export const v1ToV2: Migration = {
  from: 1,
  title: 'Documents may hold custom models (customModels: name, spec text, parsed form)',
  up(file: JsonObject): JsonObject {
    return { ...file, version: 2 };
  },
};
