import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { simulate } from '../../src/engine/simulate';
import { Document } from '../../src/shared/document';
import { lifDocument, tempDir, writeProject } from './fixtures';
import { memoryIo } from './memoryIo';

const PERIOD_A = 139; // steps, from the closed form in fixtures.ts
const PERIOD_B = 70;

describe('snn run (in-process)', () => {
  it('writes summary.json matching the closed form and the engine’s own results', async () => {
    const dir = tempDir();
    const file = writeProject(dir, 'lif.snn', lifDocument());
    const io = memoryIo(dir);
    const code = await main(['run', 'lif.snn', '--duration', '100ms', '--seed', '7', '--out', 'out', '--quiet'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);

    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(Object.keys(summary).sort()).toEqual(['backend', 'diagnosis', 'duration_ms', 'populations', 'seed', 'wall_s']);
    expect(summary.diagnosis).toEqual([]); // both populations fire at their closed-form rates: nothing to report
    expect(summary.duration_ms).toBe(100);
    expect(summary.seed).toBe(7);
    expect(summary.backend).toBe('typed');
    expect(summary.wall_s).toBeGreaterThan(0);
    // B has no spike monitor in the file: the CLI adds one so every population is reported.
    expect(Object.keys(summary.populations).sort()).toEqual(['A', 'B']);
    const steps = 1000;
    const A = summary.populations.A;
    expect(A).toEqual({ size: 3, spikes: 3 * Math.floor(steps / PERIOD_A), rate_hz: expect.any(Number), cv_isi: 0 });
    expect(A.rate_hz).toBeCloseTo(Math.floor(steps / PERIOD_A) / 0.1, 9);
    expect(summary.populations.B.spikes).toBe(2 * Math.floor(steps / PERIOD_B));

    // The same run through the engine directly gives the same numbers.
    const direct = await simulate(Document.parse(lifDocument()), { durationMs: 100, seed: 7 });
    if (!direct.ok) throw new Error(direct.problems.map((p) => p.message).join('\n'));
    expect(direct.results.spikes.find((t) => t.population === 'A')?.steps.length).toBe(A.spikes);

    for (const name of ['raster.svg', 'rate.svg', 'voltage.svg']) {
      const svg = readFileSync(join(dir, 'out', name), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
    }
    expect(readFileSync(join(dir, 'out', 'raster.svg'), 'utf8')).toMatch(/>A<[\s\S]*>B</);
    expect(readFileSync(join(dir, 'out', 'rate.svg'), 'utf8')).toContain('>B<');
    expect(readFileSync(join(dir, 'out', 'voltage.svg'), 'utf8')).toContain('A[0].V');
    // the tutorial's statistics on stdout
    expect(io.out()).toContain(`Total spikes: ${A.spikes + summary.populations.B.spikes}`);
    expect(file).toBeTruthy();
  });

  it('writes no voltage.svg without a state monitor, and defaults the output directory', async () => {
    const dir = tempDir();
    const doc = lifDocument();
    doc.nodes = doc.nodes.filter((n) => n.id !== 'V');
    doc.wires = doc.wires?.filter((w) => w.to !== 'V');
    writeProject(dir, 'plain.snn', doc);
    const io = memoryIo(dir);
    expect(await main(['run', 'plain.snn', '--quiet'], io)).toBe(0);
    expect(existsSync(join(dir, 'plain-run', 'summary.json'))).toBe(true);
    expect(existsSync(join(dir, 'plain-run', 'voltage.svg'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'plain-run', 'summary.json'), 'utf8')).duration_ms).toBe(50);
  });

  it('shows progress as plain lines when stderr is not a terminal', async () => {
    const dir = tempDir();
    writeProject(dir, 'lif.snn', lifDocument());
    const io = memoryIo(dir);
    expect(await main(['run', 'lif.snn', '--out', 'o'], io)).toBe(0);
    const lines = io.err().trim().split('\n');
    expect(lines.at(-1)).toMatch(/^progress 100% {2}step 500\/500/);
    expect(io.err()).not.toContain('\r');
  });
});
