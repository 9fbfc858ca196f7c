/**
 * Expon: the kernel its spec gives (spec/synapseKernel.ts, the exact propagator of dg/dt = -g/tau)
 * against the closed form Σ w·e^{-(t - t_k)/tau}, and against the kernel the engine runs for it,
 * the decay factor e^{-dt/tau} fused into the neuron loops (known by name); the network check on
 * both backends goes through that fused kernel.
 */
import { describe, expect, it } from 'vitest';
import { synapseKernelFor } from '../../../../engine/backends/typed/kernels';
import { specSynapseFactory } from '../../../../engine/spec/synapseKernel';
import { getBundledSynapseModel } from '../../registry';
import { networkAgreesWithClosedForm, specKernelAgreesWithClosedForm, type SynapseClosedForm } from '../../../../../test/spec/synapseSpecRun';

const CASES: readonly SynapseClosedForm[] = [
  { model: 'Expon', document: { tau: '5 ms' }, params: { tau: 5 }, kernel: (t) => Math.exp(-t / 5) },
  { model: 'Expon', document: { tau: '0.3 ms' }, params: { tau: 0.3 }, kernel: (t) => Math.exp(-t / 0.3) },
];

describe('Expon', () => {
  for (const c of CASES) {
    it(`spec kernel = closed form, tau ${c.document.tau}`, () => {
      specKernelAgreesWithClosedForm(c);
    });
    for (const backend of ['typed', 'tfjs'] as const) {
      it(`${backend} network (the fused decay) = closed form, tau ${c.document.tau}`, async () => {
        await networkAgreesWithClosedForm(c, backend);
      }, 60_000);
    }
  }

  it('the spec kernel and the fused decay give the same g to rounding (1e-14 relative) over a spike train', () => {
    const ctx = { dt: 0.1, seed: 1 };
    const spec = specSynapseFactory(getBundledSynapseModel('Expon') as NonNullable<ReturnType<typeof getBundledSynapseModel>>)({ model: 'Expon', params: { tau: 5 } }, 1, ctx);
    const fused = synapseKernelFor('Expon')({ model: 'Expon', params: { tau: 5 } }, 1, ctx);
    expect(fused.advance, 'Expon is the decay fused into the neuron loop, no synapse phase').toBeUndefined();
    let worst = 0;
    for (let s = 0; s < 2000; s++) {
      const x = s % 37 === 0 ? 0.5 + (s % 5) * 0.1 : 0;
      fused.g[0] += x; // increments go into g, which the neuron loop decays (SEMANTICS.md step 3)
      (spec.input as Float64Array)[0] = x;
      spec.advance?.(s);
      worst = Math.max(worst, Math.abs(spec.g[0] - fused.g[0]) / Math.abs(fused.g[0]));
      fused.g[0] *= fused.decay;
    }
    expect(worst).toBeLessThan(1e-14);
  });
});
