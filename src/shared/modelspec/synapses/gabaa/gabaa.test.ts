/**
 * GABAa: AMPA's two-state receptor with its own defaults (0.53 /ms, T 1, 1 ms); the kernel from its
 * spec against the square-pulse solution (see ampa.test.ts).
 */
import { describe, it } from 'vitest';
import { specKernelAgreesWithClosedForm, squarePulse } from '../../../../../test/spec/synapseSpecRun';

describe('GABAa', () => {
  it("spec kernel = square-pulse solution, BrainPy's defaults", () => {
    specKernelAgreesWithClosedForm({ model: 'GABAa', document: {}, params: { alpha: 530, beta: 180, T: 1, T_dur: 1 }, kernel: squarePulse(0.53, 0.18, 1, 1), pulse: {} });
  });
});
