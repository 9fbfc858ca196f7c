/**
 * How both backends find a model's kernel in their registries (typed/kernels.ts, tfjs/kernels.ts):
 * by name, then through run-time fallbacks (models typed in the app), else an error naming what
 * is missing and what there is.
 */

/**
 * The entry `name` of a backend's kernel registry; for a name it has no entry for, the first
 * fallback that knows it (models typed in the app, known only at run time); else an error naming
 * what is missing and what there is.
 */
export function kernelOf<T>(backend: string, registry: Map<string, T>, fallbacks: readonly ((name: string) => T | undefined)[], name: string, what: string): T {
  const k = registry.get(name);
  if (k) return k;
  for (const fallback of fallbacks) {
    const f = fallback(name);
    if (f) return f;
  }
  throw new Error(`The ${backend} backend has no ${what} "${name}" (it has: ${[...registry.keys()].join(', ')}).`);
}
