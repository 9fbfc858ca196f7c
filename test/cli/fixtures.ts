/** Small projects for the CLI tests, written to a fresh temporary directory. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentInput } from '../../src/shared/document';

/**
 * Two LIF populations (hard reset, no refractory period) driven by constant currents, so their
 * spike counts follow from the closed form T = tau ln(R I / (R I - (V_th - V_rest))) with
 * V_reset = V_rest = -65 mV, V_th = -50 mV, tau = 10 ms, R = 10 MOhm:
 *   A: I = 2 nA -> R I = 20 mV, T = 10 ln 4 = 13.86 ms -> 139 steps of 0.1 ms
 *   B: I = 3 nA -> R I = 30 mV, T = 10 ln 2 = 6.93 ms -> 70 steps
 */
export function lifDocument(): DocumentInput {
  const params = { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' };
  return {
    simulation: { dt: '0.1 ms', duration: '50 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'A', kind: 'population', model: 'LIF', size: 3, params, init: { V: '-65 mV' } },
      { id: 'B', kind: 'population', model: 'LIF', size: 2, params, init: { V: '-65 mV' } },
      { id: 'driveA', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
      { id: 'driveB', kind: 'input', model: 'constant', params: { amplitude: '3 nA' } },
      { id: 'spikesA', kind: 'monitor', record: 'spikes' },
      { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0, 1] },
    ],
    wires: [
      { from: 'driveA', to: 'A' },
      { from: 'driveB', to: 'B' },
      { from: 'A', to: 'spikesA' },
      { from: 'A', to: 'V' },
    ],
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'snn-cli-'));
}

/** Write `doc` in a project envelope (unvalidated, so broken documents can be written too) and return its path. */
export function writeProject(dir: string, name: string, doc: DocumentInput): string {
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify({ format: 'snn-studio', version: 1, document: doc }, null, 2)}\n`);
  return file;
}

/** Write raw text (for files the serializer would refuse). */
export function writeRaw(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
