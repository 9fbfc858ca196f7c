/**
 * The training panel's pure parts: the first training section drafted for a network, applying a
 * result as one undoable change (and refusing it when the network changed meanwhile), the store's
 * conversation with a fake engine, and the curves' options.
 */
import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import type { EngineEvent, EnginePort, TrainingEvent } from '../../src/shared/protocol';
import { commit, undo, EMPTY_HISTORY } from '../../src/renderer/store/history';
import { createTrainingStore, resultChanges, trainingBasis } from '../../src/renderer/training/trainingStore';
import { draftTraining, taskFor } from '../../src/renderer/training/taskDraft';
import { accuracyOption, formatEta, lossOption } from '../../src/renderer/training/curves';
import { portRunEngine } from '../../src/renderer/run/runEngineTypes';
import { LIGHT_FALLBACK } from '../../src/renderer/plots/plotTheme';
import { feedForward } from './helpers';

const base = (): Document => {
  const { training: _t, ...rest } = feedForward({ nIn: 4, nHidden: 3, nOut: 2, task: { kind: 'latency' } });
  return Document.parse(rest);
};

describe('training panel', () => {
  it('drafts a task sized to the input and the readout that projects nowhere', () => {
    const t = draftTraining(base());
    expect(t).toMatchObject({ input: 'in', readout: { population: 'out', kind: 'max_v' }, task: { kind: 'randman', units: 4, classes: 2 } });
    expect(taskFor('xor', 4, 2)).toMatchObject({ kind: 'xor', unitsPerGroup: 2 });
    const noSpikeTimes = { ...base(), nodes: base().nodes.filter((n) => n.id !== 'in') };
    expect(draftTraining(noSpikeTimes)).toBeNull();
  });

  it('applies trained weights, taus and history as one undo step, and undoes them', () => {
    const start = Document.parse({ ...base(), training: draftTraining(base()) });
    const trained: Document = {
      ...start,
      nodes: start.nodes.map((n) => (n.kind === 'projection' ? { ...n, trained: { unit: 'nA', weights: [1, 2, 3], epochs: 2 } } : n)),
      training: { ...start.training!, history: [{ epoch: 1, loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.5, seconds: 1 }, { epoch: 2, loss: 0.8, accuracy: 0.6, valLoss: 0.9, valAccuracy: 0.55, seconds: 1 }], testAccuracy: 0.6 },
    };
    // The user moved a node meanwhile: still the same network, the position is kept.
    const moved: Document = { ...start, nodes: start.nodes.map((n) => (n.id === 'hid' ? { ...n, position: [5, 5] } : n)) };
    expect(trainingBasis(moved)).toBe(trainingBasis(start));
    const changes = resultChanges(moved, trained);
    const r = commit(moved, EMPTY_HISTORY, changes);
    expect(r.history.past).toHaveLength(1);
    expect(r.doc.training?.testAccuracy).toBe(0.6);
    expect(r.doc.training?.history).toHaveLength(2);
    expect(r.doc.nodes.find((n) => n.id === 'hid')?.position).toEqual([5, 5]);
    const p = r.doc.nodes.find((n) => n.id === 'hid->out');
    expect(p?.kind === 'projection' && p.trained?.weights).toEqual([1, 2, 3]);
    const back = undo(r.doc, r.history);
    expect(back?.doc).toEqual(moved);
    // A changed weight spec or task is another network: the result no longer fits.
    const edited: Document = { ...start, nodes: start.nodes.map((n) => (n.id === 'hid->out' && n.kind === 'projection' ? { ...n, weight: '1 nA' } : n)) };
    expect(trainingBasis(edited)).not.toBe(trainingBasis(start));
  });

  it('keeps a finished training as a proposal until it is applied', async () => {
    const doc = Document.parse({ ...base(), training: draftTraining(base()) });
    const listeners: Array<(m: unknown) => void> = [];
    const sent: Array<{ type: string; id: number }> = [];
    const port: EnginePort = { postMessage: (m) => void sent.push(m as { type: string; id: number }), onMessage: (l) => (listeners.push(l), () => {}) };
    const store = createTrainingStore(() => portRunEngine(port), (d) => Document.parse(d));
    const emit = (e: EngineEvent | TrainingEvent): void => listeners.forEach((l) => l(e));
    store.getState().train(doc);
    expect(store.getState().status).toBe('training');
    const id = sent[0].id;
    expect(sent[0].type).toBe('train');
    const task = { name: 'randman', samples: 10, train: 6, validation: 2, test: 2, classes: 2, inputs: 4, durationMs: 50, parameters: 18 };
    emit({ type: 'train-started', id, backend: 'tfjs-wasm', backendReason: 'why', task, epochs: 1, batches: 1, before: null });
    emit({ type: 'train-progress', id, epoch: 1, epochs: 1, batch: 1, batches: 1, loss: 0.7, etaMs: 0 });
    store.getState().pause();
    expect(sent[1].type).toBe('train-pause');
    emit({ type: 'train-paused', id, paused: true });
    expect(store.getState().status).toBe('paused');
    const row = { epoch: 1, loss: 0.7, accuracy: 0.5, valLoss: 0.7, valAccuracy: 0.5, seconds: 1 };
    emit({ type: 'train-epoch', id, row });
    const trainedDoc = { ...doc, training: { ...doc.training!, history: [row], testAccuracy: 0.5 } };
    emit({ type: 'trained', id, document: trainedDoc, history: [row], bestEpoch: 1, stoppedEarly: false, stopped: false, test: { loss: 0.7, accuracy: 0.5 }, after: null });
    emit({ type: 'done', id });
    const s = store.getState();
    expect(s).toMatchObject({ status: 'finished', backend: 'tfjs-wasm', backendReason: 'why', rows: [row], applied: false });
    expect(s.result?.test?.accuracy).toBe(0.5);
    const edited: Document = { ...doc, training: { ...doc.training!, epochs: 99 } };
    expect(store.getState().applyChanges(edited)).toEqual({ error: expect.stringMatching(/changed while it trained/) });
    const ok = store.getState().applyChanges(doc);
    expect('changes' in ok && ok.changes.at(-1)).toMatchObject({ type: 'set-training', training: { testAccuracy: 0.5 } });
  });

  it('draws train and validation per epoch with chance marked', () => {
    const rows = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, accuracy: 0.2 * epoch, valLoss: epoch === 2 ? null : 1.1 / epoch, valAccuracy: epoch === 2 ? null : 0.18 * epoch, seconds: 1 }));
    const acc = accuracyOption(rows, LIGHT_FALLBACK, 4) as { series: Array<{ name: string; data: number[][]; markLine?: { data: Array<{ yAxis: number }> } }> };
    expect(acc.series.map((s) => s.name)).toEqual(['train', 'validation']);
    expect(acc.series[0].data).toEqual([[1, 20], [2, 40], [3, 60]]);
    expect(acc.series[1].data).toEqual([[1, 18], [3, 54]]);
    expect(acc.series[0].markLine?.data[0].yAxis).toBe(25);
    const loss = lossOption(rows, LIGHT_FALLBACK) as { series: Array<{ data: number[][] }> };
    expect(loss.series[0].data[2]).toEqual([3, 1 / 3]);
    expect([formatEta(null), formatEta(12_400), formatEta(65_000), formatEta(3_720_000)]).toEqual(['—', '12 s', '1 min 05 s', '1 h 02 min']);
  });
});
