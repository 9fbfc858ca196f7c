/**
 * A `file` task's data: a project keeps only the file names, so a project reopened (or opened on
 * another machine) must name each file this session has not loaded and refuse to train or check
 * until it is chosen again, without asking the engine for anything.
 */
import { describe, expect, it } from 'vitest';
import { Document } from '../../src/shared/document';
import type { EnginePort } from '../../src/shared/protocol';
import { createTrainingStore, missingTaskFiles } from '../../src/renderer/training/trainingStore';
import { draftTraining } from '../../src/renderer/training/taskDraft';
import { portRunEngine } from '../../src/renderer/run/runEngineTypes';
import { feedForward } from './helpers';

function fileTaskDocument(task: { kind: 'file'; path: string; labels?: string }): Document {
  const { training: _t, ...rest } = feedForward({ nIn: 4, nHidden: 3, nOut: 2, task: { kind: 'latency' } });
  const base = Document.parse(rest);
  const training = draftTraining(base);
  if (!training) throw new Error('no training drafted');
  return Document.parse({ ...base, training: { ...training, task } });
}

function storeWithFakeEngine() {
  const sent: Array<{ type: string }> = [];
  const port: EnginePort = { postMessage: (m) => void sent.push(m as { type: string }), onMessage: () => () => {} };
  return { store: createTrainingStore(() => portRunEngine(port), (d) => Document.parse(d)), sent };
}

describe('a file task whose data this session has not loaded', () => {
  it('names each missing file: the CSV, or a raster and its labels', () => {
    const bytes = new Uint8Array([1]);
    expect(missingTaskFiles({ kind: 'file', path: 'a.csv' }, {})).toEqual([{ field: 'path', name: 'a.csv' }]);
    expect(missingTaskFiles({ kind: 'file', path: 'a.csv' }, { 'a.csv': bytes })).toEqual([]);
    expect(missingTaskFiles({ kind: 'file', path: 'r.npy', labels: 'l.npy' }, { 'r.npy': bytes })).toEqual([{ field: 'labels', name: 'l.npy' }]);
    expect(missingTaskFiles({ kind: 'file', path: 'r.npy', labels: 'l.npy' }, {})).toHaveLength(2);
    expect(missingTaskFiles({ kind: 'latency' }, {})).toEqual([]);
    // a name like an Object property is still missing
    expect(missingTaskFiles({ kind: 'file', path: 'constructor' }, {})).toHaveLength(1);
  });

  it('train and check refuse with the file names and send nothing; once chosen, train goes to the engine with the bytes', () => {
    const doc = fileTaskDocument({ kind: 'file', path: 'r.npy', labels: 'l.npy' });
    const { store, sent } = storeWithFakeEngine();
    store.getState().train(doc);
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toMatch(/data files "r\.npy" and "l\.npy" are not loaded in this session .*choose them again under Task/);
    store.getState().check(doc, true);
    expect(store.getState().error).toMatch(/"r\.npy" and "l\.npy"/);
    expect(sent).toEqual([]);
    store.getState().addFile('r.npy', new Uint8Array([1]));
    store.getState().train(doc);
    expect(store.getState().error).toMatch(/data file "l\.npy" is not loaded/);
    expect(sent).toEqual([]);
    store.getState().addFile('l.npy', new Uint8Array([2]));
    store.getState().train(doc);
    expect(store.getState()).toMatchObject({ status: 'training', error: null });
    expect(sent).toHaveLength(1);
    const request = sent[0] as unknown as { type: string; options: { files: Record<string, Uint8Array> } };
    expect(request.type).toBe('train');
    expect(Object.keys(request.options.files).sort()).toEqual(['l.npy', 'r.npy']);
  });
});
