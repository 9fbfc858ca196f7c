import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realFs } from '../../src/main/fileService';
import { MAX_RECENT, RecentFiles } from '../../src/main/recentFiles';
import { tempDir } from './fsShim';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

async function project(name: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, '{}');
  return path;
}

describe('RecentFiles', () => {
  it('lists newest first, moves a reopened file to the top, and persists across instances', async () => {
    const store = join(dir, 'recent.json');
    const a = await project('a.snn');
    const b = await project('b.snn');
    const recent = new RecentFiles(realFs, store);
    await recent.add(a);
    await recent.add(b);
    await recent.add(a);
    expect((await recent.list()).map((e) => e.name)).toEqual(['a.snn', 'b.snn']);
    const again = new RecentFiles(realFs, store);
    expect(await again.list()).toEqual([
      { name: 'a.snn', handle: a },
      { name: 'b.snn', handle: b },
    ]);
  });

  it(`keeps at most ${MAX_RECENT} entries, dropping the oldest`, async () => {
    const recent = new RecentFiles(realFs, join(dir, 'recent.json'));
    for (let i = 0; i < MAX_RECENT + 3; i++) await recent.add(await project(`p${i}.snn`));
    const names = (await recent.list()).map((e) => e.name);
    expect(names).toHaveLength(MAX_RECENT);
    expect(names[0]).toBe(`p${MAX_RECENT + 2}.snn`);
    expect(names).not.toContain('p0.snn');
    expect(names).not.toContain('p2.snn');
  });

  it('prunes files that no longer exist and writes the pruned list back', async () => {
    const store = join(dir, 'recent.json');
    const a = await project('a.snn');
    const b = await project('b.snn');
    const recent = new RecentFiles(realFs, store);
    await recent.add(a);
    await recent.add(b);
    await rm(b);
    expect((await recent.list()).map((e) => e.handle)).toEqual([a]);
    expect(JSON.parse(await readFile(store, 'utf8')).paths).toEqual([a]);
  });

  it('ignores non-project paths and survives a corrupt store', async () => {
    const store = join(dir, 'recent.json');
    await writeFile(store, '{ not json');
    const recent = new RecentFiles(realFs, store);
    expect(await recent.list()).toEqual([]);
    await recent.add(join(dir, 'x.txt'));
    expect(await recent.list()).toEqual([]);
    const a = await project('a.snn');
    await recent.add(a);
    expect(await recent.has(a)).toBe(true);
    await recent.remove(a);
    expect(await recent.has(a)).toBe(false);
  });

  it('compares paths with the given key (case-insensitive file systems)', async () => {
    const a = await project('A.snn');
    const store = join(dir, 'recent.json');
    const recent = new RecentFiles(realFs, store, (p) => p.toLowerCase());
    await recent.add(a);
    await recent.add(a.replace('A.snn', 'a.snn'));
    expect(await recent.has(a.toLowerCase())).toBe(true);
    expect(JSON.parse(await readFile(store, 'utf8')).paths).toEqual([a.replace('A.snn', 'a.snn')]);
  });
});
