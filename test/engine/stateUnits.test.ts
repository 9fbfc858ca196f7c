/** Recorded traces carry the unit of their variable, from the catalogue for model-specific state. */
import { describe, expect, it } from 'vitest';
import { stateUnit } from '../../src/engine/stateUnits';
import { simulate } from '../../src/engine/simulate';

describe('state units', () => {
  it('labels V, I and g by convention and other state by its catalogue dimension', () => {
    expect(stateUnit('LIF', 'V', false)).toBe('mV');
    expect(stateUnit('LIF', 'I', false)).toBe('nA');
    expect(stateUnit('LIF', 'g', false)).toBe('nA');
    expect(stateUnit('LIF', 'g', true)).toBe('µS');
    expect(stateUnit('AdExIF', 'w', false)).toBe('nA');
    expect(stateUnit('HH', 'm', false)).toBe('');
    expect(stateUnit('LIF', 'nonsense', false)).toBe('');
  });

  it('reaches the trace of a run: AdEx adaptation current w in nA', async () => {
    const out = await simulate({
      simulation: { dt: '0.1 ms', duration: '50 ms', seed: 1 },
      nodes: [
        { id: 'drive', kind: 'input', model: 'constant', position: [0, 0], params: { amplitude: '1 nA' } },
        { id: 'cell', kind: 'population', model: 'AdExIF', size: 1, position: [200, 0] },
        { id: 'w', kind: 'monitor', record: 'state', variables: ['V', 'w'], neurons: [0], position: [400, 0] },
      ],
      wires: [{ from: 'drive', to: 'cell' }, { from: 'cell', to: 'w' }],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.results.traces.map((t) => [t.variable, t.unit])).toEqual([['V', 'mV'], ['w', 'nA']]);
  });
});
