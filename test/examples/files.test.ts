/** The shipped example files are exactly what their definitions serialise to, and each one teaches. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './definitions';
import { exampleText } from './exampleFile';
import { EXAMPLES_DIR, loadExample } from './run';

/** Examples of the model library: written and tested with their models in test/models, not generated here. */
const LIBRARY = ['izhikevich-gallery.snn', 'ping-gamma.snn', 'stdp-pattern.snn'];

const onDisk = (): string[] => readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.snn')).sort();

describe('example files', () => {
  it('are exactly the generated ones plus the model library\'s (regenerate with `npx tsx test/examples/writeExamples.ts`)', async () => {
    expect(onDisk()).toEqual([...Object.keys(EXAMPLES), ...LIBRARY].sort());
    for (const [name, input] of Object.entries(EXAMPLES)) {
      expect(readFileSync(join(EXAMPLES_DIR, name), 'utf8'), name).toBe(await exampleText(input));
    }
  });

  it.each(onDisk())('%s has a title and a description that teaches', (name) => {
    const { meta } = loadExample(name);
    expect(meta?.title?.length).toBeGreaterThan(10);
    // what to look at, what the parameters mean: several sentences, not a caption
    expect(meta?.description?.split(/[.:]\s/).length).toBeGreaterThan(3);
    expect(meta?.description).toMatch(/[Ll]ook at/);
  });
});
