/** What the plots need from the document that ran: threshold/reset lines and F-I sweep inputs. */
import type { Document } from '../../shared/document';
import { getPopulationModel } from '../../shared/catalog';
import { parseQuantity } from '../../shared/units';
import { linspace } from '../../shared/linspace';

function voltageOf(v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const q = parseQuantity(v, 'voltage');
  return q.ok ? q.value : undefined;
}

/** V_th and V_reset (mV) of a population, from its parameters or the model's defaults. */
export function thresholdLines(doc: Document | null, population: string): { threshold?: number; reset?: number } {
  const node = doc?.nodes.find((n) => n.id === population);
  if (!node || node.kind !== 'population') return {};
  const spec = getPopulationModel(node.model);
  const param = (name: string): number | undefined => voltageOf(node.params[name] ?? spec?.params.find((p) => p.name === name)?.default);
  const threshold = param('V_th');
  const reset = param('V_reset');
  return { ...(threshold !== undefined ? { threshold } : {}), ...(reset !== undefined ? { reset } : {}) };
}

export interface Sweep {
  readonly population: string;
  readonly input: string;
  /** Per-neuron input current, nA. */
  readonly values: Float64Array;
}

/** A population driven by a constant input whose amplitude is a linspace: an F-I sweep. */
export function findSweep(doc: Document | null, sizes: ReadonlyMap<string, number>): Sweep | null {
  if (!doc) return null;
  for (const node of doc.nodes) {
    if (node.kind !== 'input') continue;
    const amp = node.params.amplitude;
    if (typeof amp !== 'object' || amp === null || Array.isArray(amp) || !('dist' in amp) || amp.dist !== 'linspace') continue;
    const from = parseQuantity(amp.from, 'current');
    const to = parseQuantity(amp.to, 'current');
    if (!from.ok || !to.ok) continue;
    const target = doc.wires.find((w) => w.from === node.id && sizes.has(w.to))?.to;
    if (!target) continue;
    const n = sizes.get(target) ?? 0;
    const values = linspace(from.value, to.value, n);
    return { population: target, input: node.id, values };
  }
  return null;
}
