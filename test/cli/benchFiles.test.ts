import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/cli/projectLoad';
import { Document } from '../../src/shared/document';
import { cobaDocument, cubaDocument } from '../../bench/networks/brette';

describe('bench/networks/*.snn', () => {
  it.each([
    ['cuba.snn', cubaDocument],
    ['coba.snn', cobaDocument],
  ])('%s loads and matches the generator (re-run bench/networks/write.ts if not)', (file, make) => {
    const loaded = loadProject(readFileSync(resolve(__dirname, '../../bench/networks', file), 'utf8'));
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
    expect(loaded.document).toEqual(Document.parse(make()));
  });
});
