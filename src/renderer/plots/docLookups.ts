/** What the plots need from the document that ran: threshold/reset lines (the F-I sweep is shared/analysis's findSweep). */
import type { Document } from '../../shared/document';
import { getPopulationModel } from '../../shared/catalog';
import { parseQuantity } from '../../shared/units';

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
