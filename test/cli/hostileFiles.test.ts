/**
 * Paths that are not project files: a FIFO (which a plain readFile waits on for ever), a
 * character device and a directory are refused at once, with one line and exit code 2, by both
 * `snn run` and `snn export`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { tempDir } from './fixtures';
import { memoryIo } from './memoryIo';

describe('snn run / export: paths that are not regular files', () => {
  const dir = tempDir();
  execFileSync('mkfifo', [join(dir, 'pipe.snn')]);
  mkdirSync(join(dir, 'folder.snn'));

  const cases: Array<[string, RegExp]> = [
    ['pipe.snn', /^snn( export)?: pipe\.snn is a named pipe \(FIFO\), not a project file/],
    ['/dev/zero', /^snn( export)?: \/dev\/zero is a device, not a project file/],
    ['folder.snn', /^snn( export)?: folder\.snn is a directory, not a project file/],
  ];
  for (const command of [['run'], ['export', '--to', 'brian2']]) {
    for (const [file, message] of cases) {
      it(`${command[0]} ${file}: refused with exit 2 before reading`, async () => {
        const io = memoryIo(dir);
        // A FIFO nobody writes to would block a plain read for ever; the test would then time out.
        const code = await main([command[0], file, ...command.slice(1)], io);
        expect(code).toBe(2);
        expect(io.err()).toMatch(message);
        expect(io.err().trim().split('\n')).toHaveLength(1);
      });
    }
  }
});
