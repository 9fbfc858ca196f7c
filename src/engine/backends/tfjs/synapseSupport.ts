/**
 * What of the synapse library the tfjs backend does not run yet, refused at instantiation with
 * the node and the feature named (the typed backend runs all of it).
 */
import type { ProjectionIR, SynapseGroupIR } from '../../ir';

const ADVICE = 'run this network on the typed backend (simulation.backend "typed" or "auto")';

/** Throws, naming the projection, when `g` needs what the tfjs neuron kernels cannot take yet. */
export function refuseUnsupported(g: SynapseGroupIR, projections: readonly ProjectionIR[]): void {
  const id = projections[0]?.id ?? `group ${g.index}`;
  if (g.synapse.model === 'Delta') {
    throw new Error(`Projection "${id}": voltage-jump (Delta) projections are not available on the tfjs backend yet; ${ADVICE}.`);
  }
}
