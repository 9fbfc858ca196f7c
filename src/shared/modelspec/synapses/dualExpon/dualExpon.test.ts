/**
 * DualExpon: the kernel from its spec against BrainPy's closed form w·a·(e^{-t/τd} − e^{-t/τr}),
 * a = (τd − τr)/(τr τd) / peak of the bracket (computed here from the peak time, independently of
 * the spec's A), at the kernel level (float64) and in a network on both backends.
 */
import { describe, expect, it } from 'vitest';
import { lifNetworkWith, networkAgreesWithClosedForm, specKernelAgreesWithClosedForm, type SynapseClosedForm } from '../../../../../test/spec/synapseSpecRun';
import { HAS_BRIAN2, SKIP_NOTE } from '../../../../../test/spec/brian2Jobs';
import { networkAgainstBrian2, NETWORK_TIMEOUT_MS } from '../../../../../test/spec/networks';

function dualExpon(tr: number, td: number): (t: number) => number {
  const tPeak = ((tr * td) / (td - tr)) * Math.log(td / tr);
  const peak = Math.exp(-tPeak / td) - Math.exp(-tPeak / tr);
  const a = (td - tr) / (tr * td) / peak;
  return (t) => a * (Math.exp(-t / td) - Math.exp(-t / tr));
}

const CASES: readonly SynapseClosedForm[] = [
  { model: 'DualExpon', document: { tau_rise: '1 ms', tau_decay: '10 ms' }, params: { tau_rise: 1, tau_decay: 10 }, kernel: dualExpon(1, 10) },
  // rise slower than decay: BrainPy's normalisation keeps the sign (a < 0 times a negative bracket)
  { model: 'DualExpon', document: { tau_rise: '3 ms', tau_decay: '2 ms' }, params: { tau_rise: 3, tau_decay: 2 }, kernel: dualExpon(3, 2) },
];

describe('DualExpon', () => {
  for (const c of CASES) {
    const label = `tau_rise ${c.document.tau_rise}, tau_decay ${c.document.tau_decay}`;
    it(`spec kernel = closed form, ${label}`, () => {
      specKernelAgreesWithClosedForm(c);
    });
    for (const backend of ['typed', 'tfjs'] as const) {
      it(`${backend} network = closed form, ${label}`, async () => {
        await networkAgreesWithClosedForm(c, backend);
      }, 60_000);
    }
  }

  it('the closed form peaks at 1 per unit weight times (τd − τr)/(τr τd) = 0.9 /ms for the defaults', () => {
    const k = dualExpon(1, 10);
    const tPeak = (10 / 9) * Math.log(10);
    expect(k(tPeak)).toBeCloseTo(0.9, 12);
  });

  // The Brian2 export writes the synapse from its spec (a state group per synapse group, Brian2's
  // 'exact' for the linear system); spike counts within 1 and first spikes within a step.
  it.skipIf(!HAS_BRIAN2)(`a LIF network on it agrees with its Brian2 export (CUBA and COBA)${SKIP_NOTE}`, () => networkAgainstBrian2(lifNetworkWith({ model: 'DualExpon', tau_rise: '1 ms', tau_decay: '5 ms' }, { cuba: '0.5 nA', coba: '0.02 uS' })), NETWORK_TIMEOUT_MS);
});
