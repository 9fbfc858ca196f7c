/**
 * The "can never reach threshold" warning is for mistakes (the tutorial's R = 1 Ω), not for a
 * neuron that by design never fires: example 3's "voltmeter", a LIF with V_th = +1000 mV whose
 * only purpose is its recorded V. A lecturer opening that example must see no warning and no
 * "silent" finding; the same neuron feeding a projection, or a plausible threshold with too little
 * input, is still warned about, with a fix that fits what is wrong (never "raise R to 10 MΩ"
 * when R is 10 MΩ already).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../../src/engine/build';
import { simulate } from '../../../src/engine/simulate';
import { diagnoseRun, SpikeTally } from '../../../src/engine/analysis';
import type { DocumentInput } from '../../../src/shared/document';
import { parseProjectFile } from '../../../src/shared/projectFile';
import { withSpikeMonitors } from '../../../src/cli/autoMonitors';

interface Editable {
  nodes: Array<Record<string, unknown>>;
  wires: Array<{ from: string; to: string }>;
}

function example3(): Editable {
  const text = readFileSync(join(import.meta.dirname, '../../../resources/examples/03-exponential-synapse.snn'), 'utf8');
  return structuredClone((parseProjectFile(text) as { document: DocumentInput }).document) as never;
}

const warning = (doc: Editable) => build(doc).problems.find((p) => p.code === 'unreachable_threshold');

async function diagnosis(doc: Editable) {
  // As `snn run` does: every population's spikes counted, so a silent one would be reported.
  const outcome = await simulate(withSpikeMonitors(doc as unknown as DocumentInput), { backend: 'typed' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return diagnoseRun(outcome.ir, SpikeTally.of(outcome.results).counts, outcome.results.steps);
}

describe('a threshold that is unreachable on purpose', () => {
  it('example 3: the monitor-only voltmeter (V_th = +1000 mV) gets no warning and no silent finding', async () => {
    const doc = example3();
    expect(build(doc).problems).toEqual([]);
    expect(await diagnosis(doc)).toEqual([]);
  });

  it('the same voltmeter feeding a projection is warned about: lower V_th', async () => {
    const doc = example3();
    doc.nodes.push(
      { id: 'onward', kind: 'projection', position: [0, 0], conn: { rule: 'one_to_one' }, weight: '1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
      { id: 'reader', kind: 'population', model: 'LIF', size: 1, position: [0, 0], params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } },
    );
    doc.wires.push({ from: 'voltmeter', to: 'onward' }, { from: 'onward', to: 'reader' });
    const w = warning(doc);
    expect(w).toMatchObject({ severity: 'warning', nodeId: 'voltmeter', path: 'nodes[2].params.R' });
    expect(w!.message).toMatch(/lower V_th: it lies 1\.065 V above V_rest/);
    expect(w!.message).not.toMatch(/10 MOhm/);
    const silent = (await diagnosis(doc)).find((d) => d.nodeId === 'voltmeter');
    expect(silent).toMatchObject({ code: 'silent', cause: 'R·I far below rheobase' });
    expect(silent!.message).toMatch(/lower V_th/);
  });

  it('a plausible threshold just out of reach is still warned about, monitor-only or not: raise the input', () => {
    const doc = example3();
    const voltmeter = doc.nodes.find((n) => n.id === 'voltmeter')!;
    voltmeter.params = { ...(voltmeter.params as object), V_th: '-50 mV', tau: '10 ms' };
    doc.nodes.find((n) => n.id === 'synapse')!.weight = '0.001 nA';
    const w = warning(doc);
    expect(w).toMatchObject({ nodeId: 'voltmeter' });
    expect(w!.message).toMatch(/strengthen the input or the weights/);
    expect(w!.message).not.toMatch(/R = "10 MOhm"/);
  });

  it("the tutorial's pitfall (R = 1 Ω on a monitor-only neuron) still says to raise R", () => {
    const doc = example3();
    const voltmeter = doc.nodes.find((n) => n.id === 'voltmeter')!;
    voltmeter.params = { ...(voltmeter.params as object), V_th: '-50 mV', R: '1 Ohm' };
    expect(warning(doc)!.message).toMatch(/raise R \(e\.g\. R = "10 MOhm"\) or the input/);
  });
});
