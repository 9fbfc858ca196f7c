/**
 * Numbered migrations of the project-file envelope. MIGRATIONS[k] turns a file of version k
 * into version k + 1, so CURRENT_VERSION is their count. Each `up` is pure (it returns a new
 * object and never throws on odd input: whatever it cannot translate is left for validation
 * to report), and each has a fixture file of the version it migrates from in test/fixtures/v<k>/.
 */
import { v0ToV1 } from './v0ToV1';
import { v1ToV2 } from './v1ToV2';
import { v2ToV3 } from './v2ToV3';
import type { JsonObject, Migration } from './types';

export type { JsonObject, Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [v0ToV1, v1ToV2, v2ToV3];

/** The newest version parseProjectFile reads, and the one serializeProject writes for a document that needs it. */
export const CURRENT_VERSION = MIGRATIONS.length;

/**
 * The version a document is written in: the oldest that holds all of it, so a project without
 * custom models still opens in the release before them (version 2 only added `customModels`,
 * version 3 a population's `method`).
 */
export function formatVersionFor(document: { readonly customModels?: readonly unknown[]; readonly nodes?: unknown }): number {
  const nodes = Array.isArray(document.nodes) ? (document.nodes as unknown[]) : [];
  const method = nodes.some((n) => typeof n === 'object' && n !== null && 'method' in n && (n as { method?: unknown }).method !== undefined);
  if (method) return 3;
  return document.customModels && document.customModels.length > 0 ? 2 : 1;
}

/** Apply every migration from `version` up to CURRENT_VERSION. */
export function migrate(file: JsonObject, version: number): JsonObject {
  let out = file;
  for (let v = version; v < CURRENT_VERSION; v++) out = MIGRATIONS[v].up(out);
  return out;
}
