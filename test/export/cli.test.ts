/** `snn export`: flags, output to stdout or a file, and exit 2 with one line per problem. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/export';

const EXAMPLE = fileURLToPath(new URL('../../resources/examples/01-single-lif.snn', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'snn-export-cli-'));

function io(): { stdout: { write(t: string): void; text: string }; stderr: { write(t: string): void; text: string }; cwd: string } {
  const out = { text: '', write(t: string) { this.text += t; } };
  const err = { text: '', write(t: string) { this.text += t; } };
  return { stdout: out, stderr: err, cwd: dir };
}

describe('snn export', () => {
  it('prints the script on stdout', async () => {
    const x = io();
    expect(await exportCommand([EXAMPLE, '--to', 'brian2'], x)).toBe(0);
    expect(x.stdout.text).toContain('b2.NeuronGroup(');
    expect(x.stdout.text).toContain('SEED = 1');
  });

  it('--target cpp_standalone makes the compiled C++ program the Brian2 script\'s default', async () => {
    const x = io();
    expect(await exportCommand([EXAMPLE, '--to', 'brian2', '--target', 'cpp_standalone'], x)).toBe(0);
    expect(x.stdout.text).toContain("default='cpp_standalone'");
    for (const argv of [[EXAMPLE, '--to', 'pynest', '--target', 'cpp_standalone'], [EXAMPLE, '--to', 'brian2', '--target', 'cuda']]) {
      const y = io();
      expect(await exportCommand(argv, y)).toBe(2);
      expect(y.stderr.text).toMatch(/--target/);
    }
  });

  it('writes --out and says where', async () => {
    const x = io();
    expect(await exportCommand([EXAMPLE, '--to=pynest', '--out', 'model.py'], x)).toBe(0);
    expect(readFileSync(join(dir, 'model.py'), 'utf8')).toContain('nest.Create("iaf_psc_exp", 1)');
    expect(x.stderr.text).toContain('wrote pynest script to model.py');
  });

  it('refuses bad flags with exit 2 and one line', async () => {
    for (const argv of [[EXAMPLE], [EXAMPLE, '--to', 'matlab'], ['--to', 'brian2'], [EXAMPLE, '--to', 'brian2', '--frobnicate'], ['missing.snn', '--to', 'brian2']]) {
      const x = io();
      expect(await exportCommand(argv, x)).toBe(2);
      expect(x.stderr.text.trim().split('\n')).toHaveLength(1);
      expect(x.stdout.text).toBe('');
    }
  });

  it('refuses what the target cannot express, one line per problem with its path in the file', async () => {
    const file = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const neuron = file.document.nodes.findIndex((n: { kind: string }) => n.kind === 'population');
    file.document.nodes[neuron].params.reset = 'soft';
    writeFileSync(join(dir, 'soft.snn'), JSON.stringify(file));
    const x = io();
    expect(await exportCommand(['soft.snn', '--to', 'pynest'], x)).toBe(2);
    const lines = x.stderr.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`document.nodes[${neuron}].params.reset [unsupported]`);
    expect(lines[0]).toContain('soft reset');
    // the same project exports to BrainPy, whose default is the soft reset
    expect(await exportCommand(['soft.snn', '--to', 'brainpy'], io())).toBe(0);
  });

  it('--help documents the command', async () => {
    const x = io();
    expect(await exportCommand(['--help'], x)).toBe(0);
    expect(x.stdout.text).toContain('--to <target>');
  });
});
