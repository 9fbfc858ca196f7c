/**
 * Values of a tfjs spec kernel that depend on parameters and constants only (e^{-dt/tau}-like
 * factors, -1/tau, V_th - V_reset, numbers): computed on first use, kept across steps and thrown
 * away when a parameter changes. Without it every step would redo them with one tf op each, and
 * tfjs's cost per op (not per element) dominates a step of a small population.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { Expr } from '../../shared/modelspec/ast';
import { unitWord } from '../../shared/modelspec/dimension';

export class TfStatics {
  private readonly slots: { value: Tensor | null }[] = [];

  /** `params`: the names that are parameters; `dynamic`: names that change during a run (states, inputs, t). */
  constructor(private readonly params: ReadonlySet<string>, private readonly dynamic: ReadonlySet<string>) {}

  /** Whether `e` (named sub-expressions expanded through `subs`) reads parameters and constants only. */
  isStatic(e: Expr, subs: ReadonlyMap<string, Expr>, seen: ReadonlySet<string> = new Set()): boolean {
    switch (e.kind) {
      case 'number':
      case 'unit':
        return true;
      case 'name': {
        const sub = subs.get(e.name);
        if (sub && !seen.has(e.name)) return this.isStatic(sub, subs, new Set([...seen, e.name]));
        if (this.dynamic.has(e.name)) return false;
        return this.params.has(e.name) || unitWord(e.name) !== undefined;
      }
      case 'unary':
        return this.isStatic(e.arg, subs, seen);
      case 'call':
        return e.args.every((a) => this.isStatic(a, subs, seen));
      case 'binary':
        return this.isStatic(e.left, subs, seen) && this.isStatic(e.right, subs, seen);
    }
  }

  /**
   * `compute` evaluated once (inside the caller's tidy), kept, and returned until clear(). A clone
   * is kept, so a result that is a parameter's own tensor is never disposed here.
   */
  memo<A>(compute: (a: A) => Tensor): (a: A) => Tensor {
    const slot: { value: Tensor | null } = { value: null };
    this.slots.push(slot);
    return (a) => (slot.value ??= tf.keep(tf.clone(compute(a))));
  }

  /** Forget every kept value (a parameter changed). */
  clear(): void {
    for (const slot of this.slots) {
      slot.value?.dispose();
      slot.value = null;
    }
  }
}
