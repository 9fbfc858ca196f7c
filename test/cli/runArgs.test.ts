import { describe, expect, it } from 'vitest';
import { parseRunArgs } from '../../src/cli/runArgs';

describe('parseRunArgs', () => {
  it('reads durations with units, seeds, output and backend, in both flag spellings', () => {
    expect(parseRunArgs(['net.snn', '--duration', '500ms'])).toMatchObject({ file: 'net.snn', durationMs: 500 });
    expect(parseRunArgs(['net.snn', '--duration=1 s', '--seed=12', '--out', 'o', '--backend', 'typed'])).toEqual({
      file: 'net.snn', durationMs: 1000, seed: 12, out: 'o', backend: 'typed', quiet: false, help: false,
    });
  });
  it('leaves the backend to the project unless one is given', () => {
    expect(parseRunArgs(['net.snn']).backend).toBeUndefined();
  });
  it('refuses a duration without time units or not positive, and a fractional seed', () => {
    expect(() => parseRunArgs(['n.snn', '--duration', '500'])).toThrow(/has no unit/);
    expect(() => parseRunArgs(['n.snn', '--duration', '0 ms'])).toThrow(/greater than zero/);
    expect(() => parseRunArgs(['n.snn', '--seed', '1.5'])).toThrow(/whole number/);
    expect(() => parseRunArgs(['n.snn', '--seed'])).toThrow(/needs a value/);
    expect(() => parseRunArgs(['a.snn', 'b.snn'])).toThrow(/one project file expected/);
  });
});
