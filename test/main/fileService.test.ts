import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostError } from '../../src/main/errors';
import {
  type FsLike,
  MAX_PROJECT_BYTES,
  readProjectFile,
  realFs,
  saveProjectFile,
  STALE_TEMP_MS,
  sweepStaleTempFiles,
  sweepTempFiles,
  withProjectExtension,
  writeFileAtomic,
} from '../../src/main/fileService';
import { diskFullAfter, fsError, listDir, tempDir } from './fsShim';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const OLD = JSON.stringify({ format: 'snn-studio', version: 1, document: { nodes: [{ id: 'old' }] } }, null, 2);
// Non-ASCII, CRLF and no trailing newline: a save must not normalise any of it.
const NEW = '{\r\n  "format": "snn-studio",\r\n  "label": "τ = 20 ms, µS, Ω — ünïcödé"\r\n}';

describe('saveProjectFile', () => {
  it('writes the text byte for byte and leaves no temporary file', async () => {
    const path = join(dir, 'net.snn');
    const saved = await saveProjectFile(realFs, path, NEW);
    expect(saved).toEqual({ name: 'net.snn', handle: path });
    expect(Buffer.compare(await readFile(path), Buffer.from(NEW, 'utf8'))).toBe(0);
    expect(await listDir(dir)).toEqual(['net.snn']);
  });

  it('round-trips through readProjectFile unchanged', async () => {
    const path = join(dir, 'net.snn');
    await saveProjectFile(realFs, path, NEW);
    const opened = await readProjectFile(realFs, path);
    expect(opened).toEqual({ name: 'net.snn', handle: path, text: NEW });
  });

  it('replaces an existing file completely (a shorter save leaves no tail of the old one)', async () => {
    const path = join(dir, 'net.snn');
    await writeFile(path, OLD + ' '.repeat(10_000));
    await saveProjectFile(realFs, path, '{}');
    expect(await readFile(path, 'utf8')).toBe('{}');
  });

  it('keeps the previous file intact when the disk fills up midway, and removes the temp file', async () => {
    const path = join(dir, 'net.snn');
    await writeFile(path, OLD);
    const big = NEW.repeat(1000);
    const err = await saveProjectFile(diskFullAfter(100), path, big).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as HostError).code).toBe('disk_full');
    expect((err as HostError).path).toBe(path);
    expect((err as HostError).message).toMatch(/disk is full.*previous version/i);
    expect(await readFile(path, 'utf8')).toBe(OLD);
    expect(await listDir(dir)).toEqual(['net.snn']);
  });

  it('keeps the previous file when the rename fails', async () => {
    const path = join(dir, 'net.snn');
    await writeFile(path, OLD);
    const fs: FsLike = { ...realFs, rename: async () => Promise.reject(fsError('EACCES')) };
    const err = (await saveProjectFile(fs, path, NEW).catch((e: unknown) => e)) as HostError;
    expect(err.code).toBe('permission');
    expect(await readFile(path, 'utf8')).toBe(OLD);
    expect(await listDir(dir)).toEqual(['net.snn']);
  });

  it('fsyncs the file before renaming it', async () => {
    const path = join(dir, 'net.snn');
    const order: string[] = [];
    const fs: FsLike = {
      ...realFs,
      async open(p, flags, mode) {
        const h = await realFs.open(p, flags, mode);
        return {
          writeFile: async (d) => (order.push(`write:${flags}`), h.writeFile(d)),
          sync: async () => (order.push(`sync:${flags}`), h.sync()),
          close: () => h.close(),
        };
      },
      rename: async (a, b) => (order.push('rename'), realFs.rename(a, b)),
    };
    await saveProjectFile(fs, path, NEW);
    // temp written, flushed, renamed; then the folder ('r') is flushed so the rename is durable.
    expect(order).toEqual(['write:wx', 'sync:wx', 'rename', 'sync:r']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    if (process.platform === 'win32') return;
    const path = join(dir, 'net.snn');
    await writeFile(path, OLD, { mode: 0o600 });
    await saveProjectFile(realFs, path, NEW);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses a path without the .snn extension', async () => {
    const err = (await saveProjectFile(realFs, join(dir, 'evil.sh'), 'x').catch((e: unknown) => e)) as HostError;
    expect(err.code).toBe('not_a_project');
    expect(await listDir(dir)).toEqual([]);
  });

  it('reports a missing folder as not_found', async () => {
    const err = (await saveProjectFile(realFs, join(dir, 'nope', 'a.snn'), 'x').catch((e: unknown) => e)) as HostError;
    expect(err.code).toBe('not_found');
  });
});

describe('writeFileAtomic', () => {
  it('two saves racing to the same file leave one complete version', async () => {
    const path = join(dir, 'net.snn');
    const a = 'A'.repeat(200_000);
    const b = 'B'.repeat(100_000);
    await Promise.all([writeFileAtomic(realFs, path, a), writeFileAtomic(realFs, path, b)]);
    const text = await readFile(path, 'utf8');
    expect([a, b]).toContain(text);
    expect(await listDir(dir)).toEqual(['net.snn']);
  });
});

describe('readProjectFile', () => {
  it('refuses other extensions, folders, missing and oversized files with codes', async () => {
    await mkdir(join(dir, 'folder.snn'));
    await writeFile(join(dir, 'notes.txt'), 'x');
    const codeOf = async (p: string, fs: FsLike = realFs) =>
      ((await readProjectFile(fs, p).catch((e: unknown) => e)) as HostError).code;
    expect(await codeOf(join(dir, 'notes.txt'))).toBe('not_a_project');
    expect(await codeOf(join(dir, 'folder.snn'))).toBe('not_a_file');
    expect(await codeOf(join(dir, 'missing.snn'))).toBe('not_found');
    const huge: FsLike = { ...realFs, stat: async () => ({ isFile: () => true, size: MAX_PROJECT_BYTES + 1, mode: 0o644, mtimeMs: 0 }) };
    expect(await codeOf(join(dir, 'x.snn'), huge)).toBe('too_large');
  });

  it('accepts an upper-case extension', async () => {
    await writeFile(join(dir, 'NET.SNN'), OLD);
    expect((await readProjectFile(realFs, join(dir, 'NET.SNN'))).text).toBe(OLD);
  });
});

describe('saving through a symbolic link', () => {
  it('writes the file the link points to and keeps the link', async () => {
    const { symlink, lstat, readlink } = await import('node:fs/promises');
    await mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'net.snn');
    const link = join(dir, 'link.snn');
    await writeFile(real, OLD);
    await symlink(real, link);
    await saveProjectFile(realFs, link, NEW);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe(NEW);
    // No temporary file left in either folder.
    expect(await listDir(dir)).toEqual(['link.snn', 'real']);
    expect(await listDir(join(dir, 'real'))).toEqual(['net.snn']);
  });

  it('follows a relative link and a chain of links', async () => {
    const { symlink, lstat } = await import('node:fs/promises');
    await writeFile(join(dir, 'net.snn'), OLD);
    await symlink('net.snn', join(dir, 'a.snn'));
    await symlink(join(dir, 'a.snn'), join(dir, 'b.snn'));
    await writeFileAtomic(realFs, join(dir, 'b.snn'), NEW);
    expect((await lstat(join(dir, 'a.snn'))).isSymbolicLink()).toBe(true);
    expect((await lstat(join(dir, 'b.snn'))).isSymbolicLink()).toBe(true);
    expect(await readFile(join(dir, 'net.snn'), 'utf8')).toBe(NEW);
  });
});

describe('helpers', () => {
  it('sweepStaleTempFiles removes only our pattern, only when older than the bound', async () => {
    const now = Date.now();
    const fake = (ages: Record<string, number>): FsLike => ({
      ...realFs,
      readdir: async () => Object.keys(ages),
      stat: async (p: string) => ({ isFile: () => true, size: 1, mode: 0o644, mtimeMs: now - ages[p.slice(dir.length + 1)] }),
      unlink: async (p: string) => void removed.push(p.slice(dir.length + 1)),
    });
    const removed: string[] = [];
    const n = await sweepStaleTempFiles(fake({
      '.net.snn.0123456789ab.snn-tmp': STALE_TEMP_MS + 1,
      '.net.snn.0123456789ab.snn-tmp-young': STALE_TEMP_MS + 1,
      '.young.snn.0123456789ab.snn-tmp': STALE_TEMP_MS - 1,
      'net.snn': 10 * STALE_TEMP_MS,
      '.net.snn.xyz.snn-tmp': 10 * STALE_TEMP_MS,
      'user.snn-tmp': 10 * STALE_TEMP_MS,
    }), dir, now);
    expect(removed).toEqual(['.net.snn.0123456789ab.snn-tmp']);
    expect(n).toBe(1);
  });

  it('withProjectExtension adds .snn only when missing', () => {
    expect(withProjectExtension('/a/b')).toBe('/a/b.snn');
    expect(withProjectExtension('/a/b.snn')).toBe('/a/b.snn');
    expect(withProjectExtension('/a/b.SNN')).toBe('/a/b.SNN');
  });

  it('sweepTempFiles removes only crash leftovers', async () => {
    await writeFile(join(dir, '.net.snn.abc123.snn-tmp'), 'partial');
    await writeFile(join(dir, 'net.snn'), OLD);
    expect(await sweepTempFiles(realFs, dir)).toBe(1);
    expect(await listDir(dir)).toEqual(['net.snn']);
  });
});
