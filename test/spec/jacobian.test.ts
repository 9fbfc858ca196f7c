/**
 * The symbolic Jacobians J = df/dx the exponential-Euler step uses, against central finite
 * differences of the right-hand side, for every state of every spec at a few states along a
 * trajectory (so the derivative rules are checked independently of the kernels they match).
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/shared/modelspec/check';
import { unitWord } from '../../src/shared/modelspec/dimension';
import { BUNDLED_NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { defaults, evaluate, interpret } from '../../src/engine/spec/interpreter';

/** Relative step of the central difference; its error is O(h²)·f''' ≈ 1e-8 relative here. */
const H = 1e-5;
const REL_TOL = 1e-5;

describe('symbolic Jacobians against finite differences', () => {
  for (const { name, source } of BUNDLED_NEURON_SPECS) {
    it(name, () => {
      const r = compileSpec(source);
      if (!r.ok) throw new Error(r.errors[0].message);
      const spec = r.spec;
      // BrainPy's R = 1 Ω and a = 1 S never let 2 nA move V; use a membrane that does (10 MΩ, a = 2 nS, b = 0.05 nA).
      const adaptive = spec.states.some((s) => s.name === 'w');
      const params: Record<string, number> = { ...defaults(spec), ...('R' in defaults(spec) ? { R: 10 } : {}), ...(adaptive ? { a: 0.002, b: 0.05 } : {}) };
      // States visited by a driven neuron, sampled every 50 steps.
      const run = interpret({ spec, n: 1, dt: 0.05, steps: 1000, params, input: () => 2, choices: {} });
      let checked = 0;
      for (let step = 0; step < 1000; step += 50) {
        const values = new Map(spec.states.map((s) => [s.name, run.trace[s.name][step]]));
        for (const s of spec.states) {
          const at = (x: number) => (n: string): number => {
            if (n === s.name) return x;
            if (values.has(n)) return values.get(n) as number;
            if (n in params) return params[n];
            if (n === 'I') return 2;
            const sub = spec.subexpressions.get(n);
            if (sub) return evaluate(sub.value, at(x));
            const unit = unitWord(n);
            if (unit) return unit.value;
            throw new Error(`unbound ${n}`);
          };
          const x = values.get(s.name) as number;
          const h = H * Math.max(1, Math.abs(x));
          const numeric = (evaluate(s.rhs, at(x + h)) - evaluate(s.rhs, at(x - h))) / (2 * h);
          const symbolic = evaluate(s.jacobian, at(x));
          expect(Math.abs(symbolic - numeric), `${name} d(d${s.name}/dt)/d${s.name} at step ${step}: ${symbolic} vs ${numeric}`).toBeLessThanOrEqual(REL_TOL * Math.max(1, Math.abs(numeric)));
          checked++;
        }
      }
      expect(checked).toBeGreaterThanOrEqual(20);
    });
  }
});
