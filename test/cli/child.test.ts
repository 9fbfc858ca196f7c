import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifDocument, tempDir, writeProject } from './fixtures';

const BIN = resolve(__dirname, '../../bin/snn.mjs');

describe('bin/snn.mjs as a child process', () => {
  it('runs a project and exits 0', () => {
    const dir = tempDir();
    writeProject(dir, 'lif.snn', lifDocument());
    const r = spawnSync(process.execPath, [BIN, 'run', 'lif.snn', '--out', 'o', '--duration', '100 ms'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toMatch(/progress 100%/);
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'o', 'summary.json'), 'utf8'));
    expect(summary.populations.A.spikes).toBe(3 * Math.floor(1000 / 139));
  });

  it('exits 2 with problem lines and no stack trace on a bad project', () => {
    const dir = tempDir();
    const doc = lifDocument();
    (doc.nodes[0] as { size: number }).size = 2.5;
    writeProject(dir, 'bad.snn', doc);
    const r = spawnSync(process.execPath, [BIN, 'run', 'bad.snn'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error document\.nodes\[0\]\.size \[bad_size\]/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
