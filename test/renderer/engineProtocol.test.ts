/** The renderer's EngineClient against the engine host over a real MessageChannel (as in a Worker or utilityProcess). */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/renderer/engine/EngineClient';
import { scopePort } from '../../src/engine/worker/entry';
import { serveEngine } from '../../src/engine/worker/host';
import { isEngineRequest, type EngineEvent } from '../../src/shared/protocol';
import type { DocumentInput } from '../../src/shared/document';

const channels: Array<InstanceType<typeof MessageChannel>> = [];
function connect(): EngineClient {
  const ch = new MessageChannel();
  channels.push(ch);
  ch.port1.start();
  ch.port2.start();
  serveEngine(scopePort(ch.port1 as never));
  return new EngineClient(scopePort(ch.port2 as never));
}
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

const doc: DocumentInput = {
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
    { id: 'E', kind: 'population', model: 'LIF', size: 10, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' } },
  ],
  wires: [{ from: 'drive', to: 'E' }],
};

describe('engine protocol', () => {
  it('validates a sound document with no errors', async () => {
    const { problems, facts } = await connect().validate(doc);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The build's derived facts come with the problems (the inspector reads them).
    expect(facts.map((f) => f.id)).toContain('E');
  });

  it('reports a wrong unit on the node and field it concerns', async () => {
    const bad = structuredClone(doc);
    (bad.nodes[1] as { params: Record<string, string> }).params.V_th = '5 kg';
    const { problems } = await connect().validate(bad);
    expect(problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'E', field: 'params.V_th' }));
  });

  it('answers requests in order by id, and refuses messages that are not requests', async () => {
    const client = connect();
    const events: EngineEvent[] = [];
    await new Promise<void>((done) => client.send({ type: 'validate', document: { nodes: 'no' } }, (e) => (events.push(e), e.type === 'done' && done())));
    expect(events.map((e) => e.type)).toEqual(['problems', 'done']);
    expect(events[0].type === 'problems' && events[0].problems[0].code).toBe('invalid_structure');
    expect(isEngineRequest({ type: 'validate', id: 1 })).toBe(true);
    expect(isEngineRequest({ type: 'rm -rf', id: 1 })).toBe(false);
    expect(isEngineRequest('validate')).toBe(false);
  });
});
