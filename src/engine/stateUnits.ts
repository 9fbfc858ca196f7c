/**
 * The unit a recorded state variable comes in: V in mV, the total current I in nA, synaptic g
 * in nA (current-based) or µS (conductance-based), and any other state (AdEx's w, HH's gates,
 * ALIF's threshold) in the internal unit of its catalogue dimension. Both backends label traces with it.
 */
import { getPopulationModel } from '../shared/catalog';
import { DIMENSIONS } from '../shared/units';

const DISPLAY: Readonly<Record<string, string>> = { uS: 'µS', Mohm: 'MΩ' };
const FIXED: Readonly<Record<string, string>> = { V: 'mV', I: 'nA' };

export function stateUnit(model: string, variable: string, conductanceGroups: boolean): string {
  if (variable === 'g') return conductanceGroups ? 'µS' : 'nA';
  const fixed = FIXED[variable];
  if (fixed !== undefined) return fixed;
  const dim = getPopulationModel(model)?.state?.find((s) => s.name === variable)?.dim;
  const internal = dim ? DIMENSIONS[dim].internal : '';
  return DISPLAY[internal] ?? internal;
}
