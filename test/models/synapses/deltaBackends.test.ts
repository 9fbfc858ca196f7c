/**
 * Voltage-jump (Delta) projections on every backend: a LIF neuron's V follows the closed form
 * with the jumps added in the arrival step, and a jump across threshold fires in that step.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../engine/backends';
import { buildOk, recording, sourceDoc } from './helpers';
import { getPopulationModel } from '../../../src/shared/catalog';

const dt = 0.1;
const tau = 10;
const rest = -65;

describe.each(BACKENDS)('Delta projections ($name)', (b) => {
  it('LIF: V = V_rest + (V − V_rest) e^{−dt/tau} + Σ w over the arrivals of the step (1e-4 mV)', async () => {
    const times = [1, 4, 4.3, 9];
    const doc = sourceDoc(times, { steps: 150, synapse: { model: 'Delta' }, weight: '1.5 mV', conn: { rule: 'all_to_all' } });
    const run = await b.make(recording(buildOk(doc), 'N', ['V']));
    const V = run.advance(150).traces[0].values;
    let v = rest;
    for (let m = 0; m < 150; m++) {
      v = rest + (v - rest) * Math.exp(-dt / tau);
      for (const t of times) if (Math.round(t / dt) + 1 === m) v += 1.5;
      expect(Math.abs(V[m] - v)).toBeLessThan(1e-4);
    }
    run.dispose();
  });

  it('a jump across threshold (20 mV from rest, V_th 15 mV above) fires in the arrival step', async () => {
    const doc = sourceDoc([2], { steps: 60, synapse: { model: 'Delta' }, weight: '20 mV', conn: { rule: 'all_to_all' } });
    const cell = doc.nodes[1] as { params: Record<string, string> };
    cell.params.V_th = '-50 mV';
    const ir = buildOk(doc);
    const run = await b.make({ ...ir, monitors: [...ir.monitors, { id: 'sN', record: 'spikes', population: ir.populations.findIndex((p) => p.id === 'N'), variables: [], neurons: new Int32Array(0), every: 1 }] });
    const spikes = run.advance(60).spikes.at(-1);
    expect(Array.from(spikes?.steps ?? [])).toEqual([Math.round(2 / dt) + 1]);
    run.dispose();
  });
});

describe('Delta projections on every neuron model', () => {
  const models = ['ExpIF', 'AdExIF', 'QuaIF', 'ALIF', 'Izhikevich', 'HH'];
  it.each(models)('%s: the jump lands in the arrival step, the same on typed and tfjs', async (model) => {
    const spec = getPopulationModel(model);
    const docFor = (weight: string) => {
      const doc = sourceDoc([3], { steps: 100, synapse: { model: 'Delta' }, weight, conn: { rule: 'all_to_all' } });
      const cell = doc.nodes[1] as { model: string; params: Record<string, string | number>; init?: unknown };
      cell.model = model;
      cell.params = { ...(spec?.preset ?? {}) } as Record<string, string | number>;
      delete cell.init;
      if (model === 'HH') (doc.simulation as { dt: string }).dt = '0.05 ms';
      return doc;
    };
    const V = async (b: (typeof BACKENDS)[number], weight: string): Promise<Float32Array> => {
      const run = await b.make(recording(buildOk(docFor(weight)), 'N', ['V']));
      const steps = model === 'HH' ? 200 : 100;
      const v = run.advance(steps).traces[0].values;
      run.dispose();
      return v;
    };
    const arrival = model === 'HH' ? Math.round(3 / 0.05) + 1 : Math.round(3 / dt) + 1;
    const [typedOn, typedOff] = [await V(BACKENDS[0], '2 mV'), await V(BACKENDS[0], '0 mV')];
    expect(typedOn[arrival - 1]).toBe(typedOff[arrival - 1]);
    expect(typedOn[arrival] - typedOff[arrival]).toBeCloseTo(2, 1);
    const tfjsOn = await V(BACKENDS[1], '2 mV');
    for (let k = 0; k <= arrival + 5; k++) expect(Math.abs(tfjsOn[k] - typedOn[k])).toBeLessThan(1e-2);
  });
});
