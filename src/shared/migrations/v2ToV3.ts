/**
 * Version 3 adds a population's integration method (`method`: auto, euler, exponential_euler,
 * rk2, rk4; src/shared/modelspec/method.ts). A version 2 file has none, which means "auto" (the
 * model's own schemes), so the step only raises the version. Saving writes an older version while
 * no population chooses a method (formatVersionFor), so such projects still open in the releases
 * before it.
 */
import type { JsonObject, Migration } from './types';

export const v2ToV3: Migration = {
  from: 2,
  title: 'Populations may choose their integration method (method: auto, euler, exponential_euler, rk2, rk4)',
  up(file: JsonObject): JsonObject {
    return { ...file, version: 3 };
  },
};
