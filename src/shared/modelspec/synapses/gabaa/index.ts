/**
 * GABA_A (BrainPy's GABAa): AMPA's two-state receptor (ampa/index.ts) with slower binding and a
 * longer, stronger transmitter pulse.
 */
import type { SynapseSpecSource } from '../types';
import { receptorSource, RECEPTOR_EQUATIONS } from '../receptor';

export const GABAa: SynapseSpecSource = {
  name: 'GABAa', order: 50,
  title: 'GABA_A receptor',
  doc: 'Fast inhibitory receptor with the same kinetics as AMPA but slower binding and a longer, stronger transmitter pulse. Use it with COBA and E = −80 mV.',
  equations: RECEPTOR_EQUATIONS,
  preset: {},
  source: receptorSource('GABAa', '0.53 /ms', '1', '1 ms'),
};
