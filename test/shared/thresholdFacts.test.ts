/**
 * Rheobase, V∞ and the LIF period are written once (src/shared/catalog/thresholdFacts.ts); the
 * closed forms are checked here and the build's warning and the inspector must quote the same
 * rheobase for the same population.
 */
import { describe, expect, it } from 'vitest';
import { lifPeriod, rheobase, steadyVoltage, thresholdGap } from '../../src/shared/catalog/thresholdFacts';
import { build } from '../../src/engine/build';
import { derivedQuantities } from '../../src/renderer/inspector/derived';
import type { Document, PopulationNode } from '../../src/shared/document';

const fixed = (values: Record<string, number>) => (name: string) => values[name];

describe('threshold facts', () => {
  it('LIF: gap V_th − V_rest, V∞ = V_rest + R·I and T = tau ln((RI + V_rest − V_reset)/(RI + V_rest − V_th))', () => {
    const g = thresholdGap('LIF', fixed({ V_th: -50, V_rest: -65 }));
    expect(g).toMatchObject({ gap: 15, lif: true });
    expect(rheobase(15, 10)).toBe(1.5);
    expect(steadyVoltage(-65, 10, 2)).toBe(-45);
    // RI = 20 mV: T = 10 ln(20 / 5)
    expect(lifPeriod(10, 20, 15, -65, -65)).toBeCloseTo(10 * Math.log(4), 12);
    expect(lifPeriod(10, 15, 15, -65, -65)).toBeUndefined(); // V∞ exactly at threshold never crosses it
  });

  it('ExpIF: the minimum of the exponential upswing, V_T − V_rest − delta_T; QuaIF: c (V_c − V_rest)² / 4', () => {
    expect(thresholdGap('ExpIF', fixed({ V_T: -59.9, V_rest: -65, delta_T: 3.48 }))?.gap).toBeCloseTo(1.62, 12);
    expect(thresholdGap('QuaIF', fixed({ c: 0.07, V_c: -50, V_rest: -65 }))?.gap).toBeCloseTo((0.07 * 225) / 4, 12);
    expect(thresholdGap('HH', fixed({ V_rest: -65 }))).toBeUndefined();
  });

  it('takes the gap at its smallest over per-neuron ranges (the lowest threshold, the highest rest)', () => {
    const range = { V_th: [-52, -48], V_rest: [-66, -64] } as Record<string, [number, number]>;
    const g = thresholdGap('LIF', (n, end) => range[n]?.[end === 'lo' ? 0 : 1]);
    expect(g?.gap).toBe(-52 - -64);
  });

  it('the build warning and the inspector quote the same rheobase', () => {
    const node: PopulationNode = { id: 'E', kind: 'population', model: 'LIF', size: 1, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } } as PopulationNode;
    const doc = {
      simulation: { dt: '0.1 ms', duration: '100 ms', seed: 1, backend: 'auto' },
      nodes: [node, { id: 'in', kind: 'input', model: 'constant', params: { amplitude: '1 nA' } }],
      wires: [{ from: 'in', to: 'E' }],
    } as unknown as Document;
    const built = build(doc);
    const shown = derivedQuantities(built.facts?.find((f) => f.id === 'E')).find((d) => d.label === 'Rheobase')?.value;
    expect(shown).toBe('1.5 nA');
    const warning = built.problems.find((p) => p.code === 'unreachable_threshold');
    expect(warning?.message).toContain(`The rheobase is ${shown}`);
  });
});
