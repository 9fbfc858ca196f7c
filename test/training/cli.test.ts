/** `snn train` in-process: summary.json, the trained project written back, progress, and bad input. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { parseTrainArgs } from '../../src/cli/train';
import { parseProjectFile } from '../../src/shared/projectFile';
import { tempDir, writeProject } from '../cli/fixtures';
import { memoryIo } from '../cli/memoryIo';
import { feedForward } from './helpers';

const small = () => feedForward({ nIn: 10, nHidden: 12, nOut: 3, task: { kind: 'latency', classes: 3, units: 10, samplesPerClass: 12, duration: '20 ms' }, epochs: 9, batchSize: 8 });

describe('snn train', () => {
  it('trains, writes summary.json and the trained project, and the project trains on from its history', async () => {
    const dir = tempDir();
    writeProject(dir, 'net.snn', small());
    const io = memoryIo(dir);
    const code = await main(['train', 'net.snn', '--epochs', '2', '--out', 'out'], io);
    expect(io.err()).toMatch(/^backend tfjs-(wasm|node|cpu); task latency: 36 samples/m);
    expect(io.err()).toMatch(/epoch 2: loss/);
    expect(code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.epochs).toBe(2);
    expect(summary.history).toHaveLength(2);
    expect(summary.task).toMatchObject({ name: 'latency', classes: 3, inputs: 10, samples: 36 });
    expect(summary.testAccuracy).toBeGreaterThanOrEqual(0);
    expect(summary.parameters).toBe(10 * 12 + 12 * 3);
    const file = parseProjectFile(readFileSync(join(dir, 'out', 'net.snn'), 'utf8'));
    if (!file.ok) throw new Error(file.problems.map((p) => p.message).join('; '));
    const proj = file.document.nodes.find((n) => n.id === 'in->hid');
    expect(proj?.kind === 'projection' && proj.trained?.weights.length).toBe(10 * 12);
    expect(proj?.kind === 'projection' && proj.trained?.unit).toBe('nA');
    expect(file.document.training?.history).toHaveLength(2);

    // Training the saved project continues: its history grows from 2 to 3 epochs.
    const io2 = memoryIo(join(dir, 'out'));
    expect(await main(['train', 'net.snn', '--epochs', '1', '--out', 'again', '--quiet'], io2)).toBe(0);
    const again = parseProjectFile(readFileSync(join(dir, 'out', 'again', 'net.snn'), 'utf8'));
    if (!again.ok) throw new Error(again.problems.map((p) => p.message).join('; '));
    expect(again.document.training?.history?.map((r) => r.epoch)).toEqual([1, 2, 3]);
  });

  it('refuses a project without a trainable projection, and a data file with a bad line, naming what is wrong', async () => {
    const dir = tempDir();
    const doc = small();
    writeProject(dir, 'none.snn', { ...doc, nodes: doc.nodes.map((n) => (n.kind === 'projection' ? { ...n, trainable: false } : n)) });
    const io = memoryIo(dir);
    expect(await main(['train', 'none.snn', '--quiet'], io)).toBe(2);
    expect(io.err()).toMatch(/Nothing is trainable/);

    writeFileSync(join(dir, 'data.csv'), 'sample,time_ms,unit,label\n0,1.5,2,0\n0,abc,3,0\n');
    writeProject(dir, 'csv.snn', { ...doc, training: { ...doc.training!, task: { kind: 'file', path: 'data.csv' } } });
    const io2 = memoryIo(dir);
    expect(await main(['train', 'csv.snn', '--quiet'], io2)).toBe(2);
    expect(io2.err()).toMatch(/data\.csv: line 3, field "time_ms": "abc" is not a number/);
  });

  it('parses its flags strictly', () => {
    expect(parseTrainArgs(['a.snn', '--epochs=3', '--out', 'o'])).toEqual({ file: 'a.snn', epochs: 3, out: 'o', quiet: false, help: false });
    expect(() => parseTrainArgs(['a.snn', '--epochs', '0'])).toThrow(/--epochs must be a whole number from 1/);
    expect(() => parseTrainArgs(['a.snn', '--lr', '1'])).toThrow(/unknown option --lr/);
  });
});
