/**
 * tfjs-core on its own registers no gradient of any op (the simulator needs none). Training needs
 * them: bundled code (browser worker, Electron) imports '@tensorflow/tfjs-core/dist/register_all_gradients';
 * Node, where that ESM file cannot be imported as published, uses registerTfjsGradients from
 * src/engine/node/tfjsGradients.ts. The trainer checks here and says what is missing.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Kernels on the training path whose gradients must be registered. */
const NEEDED = ['Add', 'Sub', 'Multiply', 'RealDiv', 'BatchMatMul', 'Exp', 'Maximum', 'Tile', 'Sum', 'Reshape'] as const;

export function missingGradients(): string[] {
  return NEEDED.filter((k) => tf.getGradient(k) === undefined);
}

export function assertGradients(): void {
  const missing = missingGradients();
  if (missing.length > 0) {
    throw new Error(`TensorFlow.js has no gradients registered for ${missing.join(', ')}: load '@tensorflow/tfjs-core/dist/register_all_gradients' (Node: registerTfjsGradients) before training.`);
  }
}
