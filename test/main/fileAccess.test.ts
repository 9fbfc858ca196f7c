import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRANT_TTL_MS, FileAccess, projectFilesFromArgv, windowTitle } from '../../src/main/fileAccess';

const examples = resolve('/opt/snn/resources/examples');

describe('FileAccess', () => {
  it('reads granted files and examples only', () => {
    const access = new FileAccess([examples]);
    expect(() => access.assertReadable('/home/u/net.snn')).toThrow(/\[not_allowed\]/);
    access.grant('/home/u/net.snn');
    expect(() => access.assertReadable('/home/u/net.snn')).not.toThrow();
    expect(() => access.assertReadable(join(examples, 'ei.snn'))).not.toThrow();
    expect(() => access.assertReadable(join(examples, '..', 'secret.snn'))).toThrow(/not_allowed/);
    expect(() => access.assertReadable(`${examples}-evil/x.snn`)).toThrow(/not_allowed/);
  });

  it('never reads or writes other file types, even when granted', () => {
    const access = new FileAccess([examples]);
    access.grant('/home/u/.bashrc');
    expect(() => access.assertReadable('/home/u/.bashrc')).toThrow(/\[not_a_project\]/);
    expect(() => access.assertWritable('/home/u/.bashrc')).toThrow(/\[not_a_project\]/);
  });

  it('writes only granted files, never the bundled examples', () => {
    const access = new FileAccess([examples]);
    expect(() => access.assertWritable('/home/u/net.snn')).toThrow(/Save As/);
    access.grant('/home/u/net.snn');
    expect(() => access.assertWritable('/home/u/net.snn')).not.toThrow();
    access.grant(join(examples, 'ei.snn'));
    expect(() => access.assertWritable(join(examples, 'ei.snn'))).toThrow(/not_allowed/);
  });

  it('normalises paths before comparing', () => {
    const access = new FileAccess([]);
    access.grant('/home/u/./net.snn');
    expect(access.isGranted('/home/u/x/../net.snn')).toBe(true);
  });
});

describe('projectFilesFromArgv', () => {
  it('takes .snn arguments (double-click), resolved against the working directory, skipping flags', () => {
    const argv = ['/usr/bin/snn-studio', '--no-sandbox', 'a.snn', '/abs/B.SNN', 'notes.txt', '--flag=x.snn'];
    expect(projectFilesFromArgv(argv, '/home/u')).toEqual([resolve('/home/u', 'a.snn'), resolve('/abs/B.SNN')]);
  });
});

describe('windowTitle', () => {
  it('shows the file name, an unsaved marker and the app name', () => {
    expect(windowTitle('net.snn', false)).toBe('net.snn — SNN Studio');
    expect(windowTitle('net.snn', true)).toBe('• net.snn — SNN Studio');
    expect(windowTitle('  ', true)).toBe('• Untitled — SNN Studio');
  });

  it('grants lapse after GRANT_TTL_MS without use; use renews them; revokeAll ends them', () => {
    let clock = 0;
    const access = new FileAccess([], undefined, () => clock, GRANT_TTL_MS);
    access.grant('/home/u/a.snn');
    access.grant('/home/u/b.snn');
    clock = GRANT_TTL_MS - 1;
    access.assertWritable('/home/u/a.snn'); // a save renews a's grant
    clock = GRANT_TTL_MS;
    expect(access.isGranted('/home/u/a.snn')).toBe(true);
    expect(access.isGranted('/home/u/b.snn')).toBe(false);
    expect(() => access.assertWritable('/home/u/b.snn')).toThrow(/not_allowed/);
    expect(() => access.assertReadable('/home/u/b.snn')).toThrow(/not_allowed/);
    access.revokeAll();
    expect(access.isGranted('/home/u/a.snn')).toBe(false);
  });
});
