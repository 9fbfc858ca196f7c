/**
 * Node-only: registers tfjs-core's gradients. Its register_all_gradients module is published as
 * ESM with extensionless relative imports inside a package Node treats as CommonJS, so plain
 * Node cannot import it. Bundlers (Vite in the tests and the app) can; under plain Node a module
 * resolution hook, scoped to tfjs-core's dist folder, adds the ".js" and loads those files as ESM.
 * The gradients then register in tfjs's global registry, which every copy of tfjs-core shares.
 */
import { register } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

const GRADIENTS = '@tensorflow/tfjs-core/dist/register_all_gradients';

const HOOKS = `
const DIST = '/@tensorflow/tfjs-core/dist/';
export async function resolve(specifier, context, next) {
  if (context.parentURL && context.parentURL.includes(DIST) && specifier.startsWith('.')) {
    for (const suffix of ['', '.js', '/index.js']) {
      try { return await next(specifier + suffix, context); } catch (e) { if (suffix === '/index.js') throw e; }
    }
  }
  return next(specifier, context);
}
export async function load(url, context, next) {
  if (url.includes(DIST) && url.endsWith('.js') && !url.endsWith('tf-core.node.js')) return next(url, { ...context, format: 'module' });
  return next(url, context);
}`;

let done: Promise<void> | null = null;

export function registerTfjsGradients(): Promise<void> {
  done ??= (async () => {
    if (tf.getGradient('RealDiv') !== undefined) return;
    // Registered before the first attempt: a failed import leaves its half-linked modules cached.
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
    // A variable specifier keeps bundlers from resolving it at build time.
    const specifier: string = `${GRADIENTS}.js`;
    await import(specifier);
    if (tf.getGradient('RealDiv') === undefined) throw new Error('TensorFlow.js gradients could not be registered in this process.');
  })();
  return done;
}
