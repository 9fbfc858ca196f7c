/**
 * Every shipped lesson passes `snn lesson check`: each step's "show me" solution is applied and
 * run headlessly, and its checks pass (and fail before the solution). This is what CI runs.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';

const DIR = resolve(__dirname, '../../resources/lessons');
const LESSONS = readdirSync(DIR).filter((f) => f.endsWith('.lesson.md')).sort();

function memoryIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) }, cwd: DIR, now: () => 0 };
}

describe('shipped lessons pass snn lesson check', () => {
  it('ships lessons', () => expect(LESSONS.length).toBeGreaterThanOrEqual(8));
  for (const file of LESSONS) {
    it(file, async () => {
      const io = memoryIo();
      const code = await main(['lesson', 'check', file], io);
      expect({ code, out: io.out.join(''), err: io.err.join('') }).toMatchObject({ code: 0, err: '' });
      expect(io.out.join('')).toContain('every step passes');
      // Brunel's lesson builds 12.5 million synapses five times: minutes on a loaded 2-core machine
    }, 600_000);
  }
});
