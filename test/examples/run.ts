/** Load a shipped example and run it headless, failing loudly on any problem. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../../src/shared/document';
import { parseProjectFile } from '../../src/shared/projectFile';
import { parseQuantity, type DimensionName } from '../../src/shared/units';
import type { RunResults, SpikeTrain, StateTrace } from '../../src/shared/results';
import { simulate, type SimulateOptions } from '../../src/engine/simulate';

export const EXAMPLES_DIR = join(import.meta.dirname, '../../resources/examples');

export function loadExample(name: string): Document {
  const r = parseProjectFile(readFileSync(join(EXAMPLES_DIR, name), 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return r.document;
}

export async function runExample(name: string, options: SimulateOptions = {}): Promise<{ doc: Document; results: RunResults }> {
  const doc = loadExample(name);
  const out = await simulate(doc, options);
  if (!out.ok) throw new Error(`${name}: ${out.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  const errors = out.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`${name}: ${errors.map((p) => p.message).join('\n')}`);
  return { doc, results: out.results };
}

/** A parameter of a node in internal units (ms, mV, nA, MΩ, ...), read from the document so tests follow the file. */
export function param(doc: Document, nodeId: string, name: string, dim: DimensionName): number {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const raw = node && 'params' in node ? node.params[name] : undefined;
  if (typeof raw !== 'string' && typeof raw !== 'number') throw new Error(`${nodeId}.params.${name} is not a single quantity`);
  const q = parseQuantity(raw, dim);
  if (!q.ok) throw new Error(q.reason);
  return q.value;
}

export function spikesOf(results: RunResults, monitor: string): SpikeTrain {
  const t = results.spikes.find((s) => s.monitor === monitor);
  if (!t) throw new Error(`no spike monitor ${monitor}`);
  return t;
}

export function traceOf(results: RunResults, monitor: string): StateTrace {
  const t = results.traces.find((s) => s.monitor === monitor);
  if (!t) throw new Error(`no state monitor ${monitor}`);
  return t;
}

/** Spikes per neuron. */
export function countsPerNeuron(t: SpikeTrain): number[] {
  const c = new Array<number>(t.size).fill(0);
  for (const id of t.ids) c[id]++;
  return c;
}

/** Mean rate per neuron (Hz) of a spike train over [fromMs, toMs). */
export function rateBetween(t: SpikeTrain, dt: number, fromMs: number, toMs: number): number {
  const [a, b] = [Math.round(fromMs / dt), Math.round(toMs / dt)];
  let n = 0;
  for (const s of t.steps) if (s >= a && s < b) n++;
  return n / t.size / ((toMs - fromMs) / 1000);
}
