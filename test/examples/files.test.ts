/** The shipped example files are exactly what their definitions serialise to, and each one teaches. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import { serializeProject } from '../../src/shared/projectFile';
import { EXAMPLES } from './definitions';
import { EXAMPLES_DIR, loadExample } from './run';

describe('example files', () => {
  it('are exactly the generated ones (regenerate with `npx tsx test/examples/writeExamples.ts`)', () => {
    const onDisk = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.snn')).sort();
    expect(onDisk).toEqual(Object.keys(EXAMPLES).sort());
    for (const [name, input] of Object.entries(EXAMPLES)) {
      expect(readFileSync(join(EXAMPLES_DIR, name), 'utf8'), name).toBe(serializeProject(Document.parse(input)));
    }
  });

  it.each(Object.keys(EXAMPLES))('%s has a title and a description that teaches', (name) => {
    const { meta } = loadExample(name);
    expect(meta?.title?.length).toBeGreaterThan(10);
    // what to look at, what the parameters mean: several sentences, not a caption
    expect(meta?.description?.split(/[.:]\s/).length).toBeGreaterThan(3);
    expect(meta?.description).toMatch(/[Ll]ook at/);
  });
});
