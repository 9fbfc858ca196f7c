/** `npm start`'s browser fallback: when the cached production build is current, stale or rebuilt. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error plain ES module script without type declarations
import { BUILD_INPUTS, rebuild, sourceFingerprint, staleReason } from '../../scripts/webApp.mjs';

describe('the cached browser build', () => {
  let root: string;
  let cache: string;
  const write = (path: string, text: string): void => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** A fake build: writes an index.html naming what it was built from, counts its calls. */
  let builds = 0;
  const fakeBuild = (ok = true) => (outDir: string): boolean => {
    builds++;
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'index.html'), `<title>${readFileSync(join(root, 'src/renderer/index.html'), 'utf8')}</title>`);
    return ok;
  };
  const fingerprint = (): string => sourceFingerprint(root);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'snn-web-'));
    cache = join(root, 'node_modules/.cache/snn-studio-web');
    builds = 0;
    write('src/renderer/index.html', 'v1');
    write('src/shared/units.ts', 'export const x = 1;');
    write('package-lock.json', '{"lockfileVersion":3}');
    write('vite.web.config.ts', 'export default {}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('hashes the sources, index.html, the web config and the lockfile', () => {
    expect(BUILD_INPUTS).toEqual(expect.arrayContaining(['src', 'vite.web.config.ts', 'package-lock.json']));
  });

  it('is stale before the first build, current after it, and the build is not repeated', () => {
    expect(staleReason(cache, fingerprint())).toBe('no build yet');
    expect(rebuild(cache, fingerprint(), fakeBuild())).toBe(true);
    expect(builds).toBe(1);
    expect(staleReason(cache, fingerprint())).toBeNull();
    expect(readFileSync(join(cache, 'dist/index.html'), 'utf8')).toContain('v1');
  });

  it.each([
    ['a source file changes', () => write('src/shared/units.ts', 'export const x = 2;')],
    ['a source file is added', () => write('src/renderer/new.ts', '')],
    ['index.html changes', () => write('src/renderer/index.html', 'v2')],
    ['the lockfile changes', () => write('package-lock.json', '{"lockfileVersion":3,"x":1}')],
    ['the web config changes', () => write('vite.web.config.ts', 'export default { base: "/" }')],
    ['a file is renamed', () => {
      rmSync(join(root, 'src/shared/units.ts'));
      write('src/shared/units2.ts', 'export const x = 1;');
    }],
  ])('is stale when %s', (_what, change) => {
    rebuild(cache, fingerprint(), fakeBuild());
    change();
    expect(staleReason(cache, fingerprint())).toBe('the sources or the lockfile changed');
  });

  it('ignores files outside the inputs and modification times', () => {
    rebuild(cache, fingerprint(), fakeBuild());
    write('README.md', 'docs only');
    write('test/x.test.ts', '');
    write('src/shared/units.ts', 'export const x = 1;'); // same bytes, new mtime
    expect(staleReason(cache, fingerprint())).toBeNull();
  });

  it('keeps the previous build and stays stale when a rebuild fails', () => {
    rebuild(cache, fingerprint(), fakeBuild());
    write('src/renderer/index.html', 'v2');
    expect(rebuild(cache, fingerprint(), fakeBuild(false))).toBe(false);
    expect(staleReason(cache, fingerprint())).toBe('the sources or the lockfile changed');
    expect(readFileSync(join(cache, 'dist/index.html'), 'utf8')).toContain('v1');
    expect(existsSync(join(cache, 'dist.next'))).toBe(false);
  });

  it('treats a missing app or an unreadable record as stale', () => {
    rebuild(cache, fingerprint(), fakeBuild());
    writeFileSync(join(cache, 'build.json'), '{not json');
    expect(staleReason(cache, fingerprint())).toBe('the build record is unreadable');
    rebuild(cache, fingerprint(), fakeBuild());
    rmSync(join(cache, 'dist/index.html'));
    expect(staleReason(cache, fingerprint())).toBe('no build yet');
  });
});
