/**
 * `.snnmodel` files: one custom model to share, `{format: "snn-studio-model", version: 1, name,
 * source}`. Reading checks the envelope and reports one clear sentence; the model's text itself
 * is checked by whoever takes it in (the model editor shows its errors at their lines), so a
 * model with a typo can still be imported and fixed.
 */
import { LIMITS } from './document';
import { readJson, stableStringify } from './stableJson';

export const MODEL_FILE_FORMAT = 'snn-studio-model';
export const MODEL_FILE_VERSION = 1;
export const MODEL_FILE_EXTENSION = '.snnmodel';

export type ModelFileResult = { ok: true; name: string; source: string } | { ok: false; message: string };

/** The text of a model file: stable key order, trailing newline. */
export function serializeModelFile(name: string, source: string): string {
  return `${stableStringify({ format: MODEL_FILE_FORMAT, version: MODEL_FILE_VERSION, name, source })}\n`;
}

/** Read a model file; never throws. */
export function parseModelFile(text: string): ModelFileResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const read = readJson(body, 4);
  const no = (message: string): ModelFileResult => ({ ok: false, message });
  if (!read.ok) return no(read.tooDeep ? 'This is not a model file (it nests too deep).' : `This is not a model file: line ${read.error.line}, column ${read.error.column}: ${read.error.reason}.`);
  const f = read.value as Record<string, unknown> | null;
  if (typeof f !== 'object' || f === null || Array.isArray(f)) return no('This is not a model file: it should be an object with "format": "snn-studio-model".');
  if (f.format === 'snn-studio') return no('This is a project (.snn), not a model file: open it with File ▸ Open.');
  if (f.format !== MODEL_FILE_FORMAT) return no(`"format" is ${JSON.stringify(f.format) ?? 'missing'}, not "${MODEL_FILE_FORMAT}": this is not an SNN Studio model file.`);
  if (typeof f.version !== 'number' || !Number.isInteger(f.version) || f.version < 1) return no(`"version" is ${JSON.stringify(f.version) ?? 'missing'}; it should be ${MODEL_FILE_VERSION}. The file is damaged.`);
  if (f.version > MODEL_FILE_VERSION) return no(`This model was written by a newer SNN Studio (model file version ${f.version}); this one reads version ${MODEL_FILE_VERSION}. Update SNN Studio to import it.`);
  if (typeof f.name !== 'string' || f.name.length === 0) return no('"name" is missing: a model file needs the model\'s name as text.');
  if (f.name.length > LIMITS.idLength) return no(`"name" has ${f.name.length} characters; at most ${LIMITS.idLength} are allowed.`);
  if (typeof f.source !== 'string') return no('"source" is missing: a model file needs the model\'s spec text.');
  if (f.source.length > LIMITS.modelSource) return no(`"source" has ${f.source.length} characters; at most ${LIMITS.modelSource} are allowed.`);
  const extra = Object.keys(f).filter((k) => !['format', 'version', 'name', 'source'].includes(k));
  if (extra.length > 0) return no(`"${extra[0]}" is not part of a model file; remove it.`);
  return { ok: true, name: f.name, source: f.source };
}
