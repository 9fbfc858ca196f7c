import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { lifDocument, tempDir, writeProject, writeRaw } from './fixtures';
import { memoryIo } from './memoryIo';

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe('snn run: bad input', () => {
  it('prints every build problem on its own line with its path in the file, exit 2', async () => {
    const dir = tempDir();
    const doc = lifDocument();
    const A = doc.nodes[0] as { params: Record<string, unknown> };
    A.params.V_th = '5 kg';
    A.params.tau = '-3 ms';
    writeProject(dir, 'bad.snn', doc);
    const io = memoryIo(dir);
    expect(await main(['run', 'bad.snn', '--quiet'], io)).toBe(2);
    const lines = io.err().trim().split('\n');
    expect(lines.some((l) => /^error document\.nodes\[0\]\.params\.tau \[bad_value\]/.test(l))).toBe(true);
    expect(lines.some((l) => /^error document\.nodes\[0\]\.params\.V_th \[wrong_dimension\]/.test(l))).toBe(true);
    noStack(io.err());
    expect(io.out()).toBe('');
  });

  it('reports file-level problems (checked before build) with their paths', async () => {
    const dir = tempDir();
    const doc = lifDocument();
    (doc.nodes[1] as { size: number }).size = -3;
    doc.wires = [...(doc.wires ?? []), { from: 'A', to: 'nowhere' }];
    writeProject(dir, 'bad.snn', doc);
    const io = memoryIo(dir);
    expect(await main(['run', 'bad.snn'], io)).toBe(2);
    const lines = io.err().trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^error document\.nodes\[1\]\.size \[bad_size\]/));
    expect(lines).toContainEqual(expect.stringMatching(/^error document\.wires\[4\]\.to \[dangling_wire\]/));
  });

  it('refuses a file that is not JSON or not a project, with the path', async () => {
    const dir = tempDir();
    writeRaw(dir, 'broken.snn', '{"format": "snn-studio", ');
    const io = memoryIo(dir);
    expect(await main(['run', 'broken.snn'], io)).toBe(2);
    expect(io.err()).toMatch(/\[file_json\]/);
    writeRaw(dir, 'other.snn', JSON.stringify({ format: 'something-else', version: 1, document: { nodes: [] } }));
    const io2 = memoryIo(dir);
    expect(await main(['run', 'other.snn'], io2)).toBe(2);
    expect(io2.err()).toMatch(/^error format \[file_format\]/m);
    noStack(io.err() + io2.err());
  });

  it('gives one clear line for a missing file, an unknown flag, a bad value or an unknown command', async () => {
    const dir = tempDir();
    writeProject(dir, 'lif.snn', lifDocument());
    const cases: [string[], RegExp][] = [
      [['run', 'missing.snn'], /^snn: no such file: missing\.snn$/],
      [['run', 'lif.snn', '--frobnicate'], /^snn: unknown option --frobnicate/],
      [['run', 'lif.snn', '--duration', '5 kg'], /^snn: --duration: "5 kg" is .*time/],
      [['run', 'lif.snn', '--seed', '-1'], /^snn: --seed must be a whole number/],
      [['run', 'lif.snn', '--backend', 'gpu'], /^snn: --backend must be one of typed, tfjs, auto/],
      [['run'], /^snn: missing project file/],
      [['fly'], /^snn: unknown command 'fly'/],
    ];
    for (const [argv, pattern] of cases) {
      const io = memoryIo(dir);
      expect(await main(argv, io), argv.join(' ')).toBe(2);
      expect(io.err().trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(io.err().trim()).toMatch(pattern);
    }
  });

  it('prints help with exit 0', async () => {
    const io = memoryIo(tempDir());
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('snn run <file.snn>');
    const io2 = memoryIo(tempDir());
    expect(await main(['run', '--help'], io2)).toBe(0);
    expect(io2.out()).toContain('--duration');
  });
});

describe('snn export dispatch', () => {
  it('hands its arguments and io to src/cli/export.ts', async () => {
    const io = memoryIo(tempDir());
    expect(await main(['export', '--help'], io)).toBe(0);
    expect(io.out()).toContain('snn export <file.snn>');
  });
});
