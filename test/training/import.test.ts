/** The user's own spike data: CSV and NPY import, and the clear errors for bad files. */
import { describe, expect, it } from 'vitest';
import { DataImportError, importCsv, importNpy, parseNpy } from '../../src/engine/training/import';
import { latencyTask } from '../../src/engine/training/tasks/latency';
import { xorTask, XOR_DEFAULTS } from '../../src/engine/training/tasks/xor';
import { sampleSteps } from '../../src/engine/training/dataset';

/** A .npy file (version 1.0) of `values` with numpy dtype `descr` and `shape`. */
function npy(descr: string, shape: number[], values: number[]): Uint8Array {
  const header0 = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pad = 64 - ((10 + header0.length + 1) % 64);
  const header = `${header0}${' '.repeat(pad % 64)}\n`;
  const size = descr.endsWith('8') ? 8 : descr.endsWith('4') ? 4 : 1;
  const out = new Uint8Array(10 + header.length + values.length * size);
  out.set([0x93, ...'NUMPY'.split('').map((c) => c.charCodeAt(0)), 1, 0]);
  const view = new DataView(out.buffer);
  view.setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const at = 10 + header.length;
  values.forEach((v, k) => {
    if (descr === '<f4') view.setFloat32(at + k * 4, v, true);
    else if (descr === '<i8') view.setBigInt64(at + k * 8, BigInt(v), true);
    else view.setUint8(at + k, v);
  });
  return out;
}

describe('CSV import', () => {
  it('reads one spike per row, samples in order of appearance, silent samples, any column order', () => {
    const ds = importCsv('label,sample,unit,time_ms\n1,a,0,2.5\n1,a,3,7\n0,b,,\n0,c,1,0\n', 'mine.csv');
    expect(ds.samples.map((s) => s.label)).toEqual([1, 0, 0]);
    expect(Array.from(ds.samples[0].times)).toEqual([2.5, 7]);
    expect(Array.from(ds.samples[0].units)).toEqual([0, 3]);
    expect(ds.samples[1].times.length).toBe(0);
    expect(ds).toMatchObject({ nInputs: 4, nClasses: 2, duration: 7 });
  });

  it('names the line and field of a bad value', () => {
    const bad = (text: string) => () => importCsv(text, 'd.csv');
    expect(bad('sample,time_ms,unit\n')).toThrow(/d\.csv: line 1 \(header\) has no column "label"/);
    expect(bad('sample,time_ms,unit,label\n0,1,2,0\n0,1,-2,0\n')).toThrow(/line 3, field "unit": "-2" is not a whole number/);
    expect(bad('sample,time_ms,unit,label\n0,1,2,0\n0,1,2,1\n')).toThrow(/line 3, field "label": sample "0" has label 1 here but 0 on line 2/);
    expect(bad('sample,time_ms,unit,label\n0,1,2,0\n')).toThrow(/every sample has label 0/);
    expect(bad('sample,time_ms,unit,label\n')).toThrow(DataImportError);
  });
});

describe('NPY import', () => {
  it('reads a [samples, steps, units] raster and labels; step k becomes time k·dt', () => {
    // Two samples, 3 steps, 2 units.
    const raster = npy('|u1', [2, 3, 2], [1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0]);
    const ds = importNpy(raster, npy('<i8', [2], [0, 1]), 0.5);
    expect(Array.from(ds.samples[0].times)).toEqual([0, 1]);
    expect(Array.from(ds.samples[0].units)).toEqual([0, 1]);
    expect(Array.from(ds.samples[1].times)).toEqual([0, 0.5]);
    expect(ds).toMatchObject({ nInputs: 2, nClasses: 2, duration: 1.5 });
    // The SpikeTimes rounding gives back the raster's steps.
    expect(Array.from(sampleSteps(ds.samples[0], 2, 0.5).steps)).toEqual([0, 2]);
  });

  it('names the header field of a bad file', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 'x.npy')).toThrow(/x\.npy: not a \.npy file/);
    expect(() => parseNpy(npy('<c8', [1], [0]), 'x.npy')).toThrow(/header field "descr" is <c8/);
    const truncated = npy('<f4', [4], [1, 2, 3, 4]).slice(0, -3);
    expect(() => parseNpy(truncated, 'x.npy')).toThrow(/truncated/);
    expect(() => importNpy(npy('|u1', [2, 2], [0, 1, 1, 0]), npy('<i8', [2], [0, 1]), 1, 'r')).toThrow(/r spikes: header field "shape" is \(2, 2\); it must be \(samples, steps, units\)/);
    expect(() => importNpy(npy('|u1', [2, 1, 1], [0, 1]), npy('<i8', [3], [0, 1, 1]), 1, 'r')).toThrow(/r labels: header field "shape" is \(3\); it must be \(2,\)/);
  });
});

describe('generated tasks', () => {
  it('latency: each class a prototype of one latency per unit, samples jittered around it', () => {
    const ds = latencyTask({ classes: 2, units: 5, samplesPerClass: 50, duration: 40, spread: 0.75, jitter: 0.5, dropout: 0, seed: 3 });
    const a = ds.samples.filter((s) => s.label === 0);
    // Mean over samples of unit 2's time is its prototype latency; the spread is the jitter.
    const t = a.map((s) => s.times[2]);
    const mean = t.reduce((x, y) => x + y, 0) / t.length;
    const sd = Math.sqrt(t.reduce((x, y) => x + (y - mean) ** 2, 0) / (t.length - 1));
    expect(sd).toBeGreaterThan(0.3);
    expect(sd).toBeLessThan(0.7);
    expect(mean).toBeLessThan(30);
  });

  it('temporal XOR: balanced classes; the label is cue 1 XOR cue 2, read from which units fire in each window', () => {
    const ds = xorTask({ ...XOR_DEFAULTS, samples: 40, seed: 2 });
    expect(ds.samples.filter((s) => s.label === 1)).toHaveLength(20);
    for (const s of ds.samples) {
      const cue = (from: number, to: number) => {
        const units = Array.from(s.units).filter((_, k) => s.times[k] >= from && s.times[k] < to);
        return units.length > 0 && units.every((u) => u >= XOR_DEFAULTS.unitsPerGroup) ? 1 : 0;
      };
      expect(cue(0, 10) ^ cue(30, 40)).toBe(s.label);
    }
  });
});
