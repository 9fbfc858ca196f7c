/**
 * The Izhikevich gallery example, loaded from resources/examples like a user opens it and run
 * headless with simulate(): each population shows its pattern (the same signatures as
 * izhikevich.test.ts, here through the document, build and the monitors).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProjectFile } from '../../../src/shared/projectFile';
import { exampleText } from '../../examples/exampleFile';
import { simulate } from '../../../src/engine/simulate';
import { izhikevichGallery } from './gallery';
import { burstSizes, isis } from './helpers';

const FILE = join(import.meta.dirname, '../../../resources/examples/izhikevich-gallery.snn');
const STEP_START = 50;
const STEP_STOP = 450;

describe('Izhikevich gallery example', () => {
  it('is exactly what its definition serialises to (regenerate with npx tsx test/models/neurons/writeGallery.ts)', async () => {
    expect(readFileSync(FILE, 'utf8')).toBe(await exampleText(izhikevichGallery));
  });

  it('loads, runs without problems and shows RS, IB, CH and FS patterns side by side', async () => {
    const parsed = parseProjectFile(readFileSync(FILE, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const out = await simulate(parsed.document, { backend: 'typed' });
    if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
    expect(out.problems).toEqual([]);
    const { results } = out;
    const times = (pop: string): number[] => {
      const train = results.spikes.find((s) => s.population === pop);
      if (!train) throw new Error(`no spikes of ${pop}`);
      return [...train.steps].map((s) => s * results.dt);
    };
    const [rs, ib, ch, fs] = ['RS', 'IB', 'CH', 'FS'].map(times);
    for (const t of [rs, ib, ch, fs]) {
      expect(t.length).toBeGreaterThan(3);
      expect(t[0]).toBeGreaterThanOrEqual(STEP_START); // silent at rest before the step
      expect(t[t.length - 1]).toBeLessThan(STEP_STOP + 5); // and silent after it
    }
    const rsIsi = isis(rs);
    expect(rsIsi[0]).toBeLessThan(0.6 * rsIsi[rsIsi.length - 1]);
    expect(burstSizes(rs, 10).every((n) => n === 1)).toBe(true);
    const ibBursts = burstSizes(ib, 10);
    expect(ibBursts[0]).toBeGreaterThanOrEqual(2);
    expect(ibBursts.slice(1).every((n) => n === 1)).toBe(true);
    const chBursts = burstSizes(ch, 10);
    expect(chBursts.length).toBeGreaterThanOrEqual(5);
    expect(chBursts.slice(1).every((n) => n >= 2 && n <= 5)).toBe(true);
    expect(fs.length / ((STEP_STOP - STEP_START) / 1000)).toBeGreaterThan(100);
    // four V monitors, one sample per step, V stays within [c, V_th]-ish bounds (clipped at the 30 mV peak)
    expect(results.traces.map((t) => t.population)).toEqual(['RS', 'IB', 'CH', 'FS']);
    for (const t of results.traces) expect(Math.max(...t.values)).toBeCloseTo(30, 4);
  }, 60_000);
});
