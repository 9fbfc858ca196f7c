/**
 * A step's synaptic drive of n neurons summed per neuron, as every spec kernel of the typed
 * backend reads it when it does not take the groups one slot each: the JavaScript spec kernel
 * (spec/specKernel.ts) and the generated kernel with more groups than its slots
 * (wasmgen/specKernel.ts, SpecKernel.merge). One function, so both add the same terms in the same
 * order and agree to the bit.
 */
import type { Drive } from './kernels';

/**
 * The external current plus the current groups summed into `isyn`, the conductance groups into
 * Σg (`gsum`) and Σg·E (`gesum`), each group's g decayed for the next step (as the generated
 * kernels do for their slots). True when any group is conductance-based.
 */
export function sumSynapseGroups(drive: Drive, n: number, isyn: Float64Array, gsum: Float64Array, gesum: Float64Array): boolean {
  isyn.set(drive.iext);
  gsum.fill(0);
  gesum.fill(0);
  let conductances = false;
  for (const { g, decay: d, output } of drive.groups) {
    if (output.kind === 'current') {
      for (let i = 0; i < n; i++) {
        isyn[i] += g[i];
        g[i] *= d;
      }
    } else {
      conductances = true;
      const E = output.E;
      for (let i = 0; i < n; i++) {
        const x = g[i];
        gsum[i] += x;
        gesum[i] += x * E;
        g[i] = x * d;
      }
    }
  }
  return conductances;
}
