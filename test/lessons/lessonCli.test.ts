/** `snn lesson check`: a malformed file is refused with its line (exit 2), a failing solution is exit 1. */
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

const dir = mkdtempSync(join(tmpdir(), 'snn-lesson-'));
copyFileSync(resolve(__dirname, '../../resources/examples/01-single-lif.snn'), join(dir, '01-single-lif.snn'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function io(): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, cwd: dir, now: () => 0, out: () => out.join(''), err: () => err.join('') };
}

const step = (check: string, show: string): string => `---\ntitle: t\nproject: 01-single-lif.snn\n---\n---\nstep: s\ncheck:\n${check}\nshow:\n${show}\n---\nText.\n`;

describe('snn lesson check', () => {
  it('refuses a malformed lesson with the file, the line and the reason', async () => {
    writeFileSync(join(dir, 'bad.lesson.md'), step('  - spikes: neuron\n    between: [60 mV, 80 Hz]', '  - run'));
    const x = io();
    expect(await main(['lesson', 'check', 'bad.lesson.md'], x)).toBe(2);
    expect(x.err()).toMatch(/^bad\.lesson\.md:9: "60 mV"/);
  });

  it('fails (exit 1) when the solution does not pass its own check, naming the check and the measured value', async () => {
    writeFileSync(join(dir, 'wrong.lesson.md'), step('  - spikes: neuron\n    equals: 8', '  - run'));
    const x = io();
    expect(await main(['lesson', 'check', 'wrong.lesson.md'], x)).toBe(1);
    expect(x.out()).toContain('✗ "neuron" fired 7 spikes; expected 8. (wrong.lesson.md:8)');
  });

  it('fails when a check already passes before the solution', async () => {
    writeFileSync(join(dir, 'idle.lesson.md'), step('  - param: params.R\n    node: neuron\n    equals: 10 MOhm', '  - set: {node: drive, field: params.amplitude, value: 3 nA}'));
    const x = io();
    expect(await main(['lesson', 'check', 'idle.lesson.md'], x)).toBe(1);
    expect(x.out()).toContain('already passes before');
  });

  it('passes (exit 0) a lesson whose solutions pass', async () => {
    writeFileSync(join(dir, 'good.lesson.md'), step('  - spikes: neuron\n    equals: 14', '  - set: {node: drive, field: params.amplitude, value: 3 nA}\n  - run'));
    const x = io();
    expect(await main(['lesson', 'check', 'good.lesson.md'], x)).toBe(0);
    expect(x.out()).toContain('every step passes');
  });
});
