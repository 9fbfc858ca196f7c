/** Every shipped example, by file name in resources/examples/. The files are generated from these. */
import type { DocumentInput } from '../../../src/shared/document';
import { exponentialSynapse, fiCurve, singleLif, twoNeurons } from './tutorial';
import { BRUNEL_REGIMES, bretteCoba, bretteCuba, brunel, eiBalanced } from './networks';
import { workingMemory } from './workingMemory';
import { decisionMaking } from './decisionMaking';

export const EXAMPLES: Readonly<Record<string, DocumentInput>> = {
  '01-single-lif.snn': singleLif,
  '02-fi-curve.snn': fiCurve,
  '03-exponential-synapse.snn': exponentialSynapse,
  '04-two-neurons.snn': twoNeurons,
  '05-ei-balanced.snn': eiBalanced,
  'brette-cuba.snn': bretteCuba,
  'brette-coba.snn': bretteCoba,
  'working-memory-ring.snn': workingMemory(),
  'decision-making.snn': decisionMaking(),
  ...Object.fromEntries(BRUNEL_REGIMES.map((r) => [`${r.file}.snn`, brunel(r)])),
};
