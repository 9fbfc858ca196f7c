/**
 * Issue 16's benchmark row: a user's custom copy of LIF (LIF's spec text under another name, as
 * the model editor saves it) runs on the kernel generated from its spec (src/engine/backends/
 * typed/wasmgen), beside the bundled LIF on the same network (which runs on the kernel generated
 * from LIF's own spec: backends/typed/neuronModels.ts). The copy is
 * made at the IR: the network's LIF/LIFRef populations are given the custom model's name and its
 * generated kernel is registered under that name (the document side of custom models is the
 * model editor's; the engine only needs the spec).
 */
import type { NetworkIR } from '../../src/engine/ir';
import { populationArenaBytes, populationKernels } from '../../src/engine/backends/typed/kernels';
import { specArenaBytes, specPopulationKernel } from '../../src/engine/backends/typed/wasmgen/specKernel';
import { compileSpec } from '../../src/shared/modelspec/check';
import { LIF, LIFRef } from '../../src/shared/modelspec/neurons/lif';

/** The custom models' names, from the bundled model each copies. */
const COPIES: Readonly<Record<string, { readonly name: string; readonly source: string }>> = {
  LIF: { name: 'CustomLIF', source: LIF.source.replace('model LIF', 'model CustomLIF') },
  LIFRef: { name: 'CustomLIFRef', source: LIFRef.source.replace('model LIFRef', 'model CustomLIFRef') },
};

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  for (const { name, source } of Object.values(COPIES)) {
    const r = compileSpec(source);
    if (!r.ok) throw new Error(`${name}: ${r.errors[0].message}`);
    populationKernels.set(name, specPopulationKernel(r.spec));
    populationArenaBytes.set(name, (n) => specArenaBytes(r.spec, n));
  }
}

/** The network with its LIF and LIFRef populations on custom copies of those models (kernels generated from the spec). */
export function withCustomLif(ir: NetworkIR): NetworkIR {
  register();
  return { ...ir, populations: ir.populations.map((p) => (COPIES[p.model] ? { ...p, model: COPIES[p.model].name } : p)) };
}
