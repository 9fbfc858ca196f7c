import { describe, expect, it } from 'vitest';
import { derivedQuantities } from '../../src/renderer/inspector/derived';
import { build } from '../../src/engine/build';
import type { Document, PopulationNode } from '../../src/shared/document';

const pop = (params: Record<string, string>): PopulationNode => ({ id: 'E', kind: 'population', model: 'LIF', size: 1, params });
const doc = (node: PopulationNode, amplitude: string): Document => ({
  simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'auto' },
  nodes: [node, { id: 'in', kind: 'input', model: 'constant', params: { amplitude } }],
  wires: [{ from: 'in', to: 'E' }],
});
const get = (d: ReturnType<typeof derivedQuantities>, label: string) => d.find((x) => x.label === label);

// The numbers come from the build's derived facts (as the live validation sends them); the inspector words them.
describe('derived quantities', () => {
  it('gives R·I, V_inf, rheobase and the closed-form LIF rate', () => {
    const node = pop({ V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' });
    const d = derivedQuantities(build(doc(node, '2 nA')).facts?.find((f) => f.id === 'E'));
    expect(get(d, 'R·I')?.value).toBe('20 mV');
    expect(get(d, 'V∞')?.value).toBe('-45 mV');
    expect(get(d, 'Rheobase')?.value).toBe('1.5 nA');
    expect(get(d, 'C')?.value).toBe('1 nF');
    // T = tau ln(20 / 5) = 13.863 ms -> 72.13 Hz
    expect(get(d, 'Rate')?.value).toBe('72.13 Hz');
  });
  it("flags the tutorial's pitfall: 2 nA into R = 1 ohm never reaches threshold", () => {
    const node = pop({ V_rest: '0 mV', V_th: '1 mV', V_reset: '0 mV', tau: '5 ms', R: '1 ohm' });
    const d = derivedQuantities(build(doc(node, '2 nA')).facts?.find((f) => f.id === 'E'));
    expect(get(d, 'R·I')?.value).toBe('2 nV');
    expect(get(d, 'Rate')).toMatchObject({ value: '0 Hz', warn: true });
  });
});
