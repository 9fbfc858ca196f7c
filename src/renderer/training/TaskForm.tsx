/**
 * The training section of the project as a form: the task (generated with a seed, or the user's
 * CSV/NPY file), the input and readout populations, and the optimiser settings. A project
 * without a training section gets a draft and an "Add task" button (one undoable change); once
 * added, every field edits the document (typing in one field is one undo step).
 */
import { useId, useState, type ReactNode } from 'react';
import type { Document, Training, TrainingTask } from '../../shared/document';
import { editorStore } from '../store/useEditor';
import { candidates, draftTraining, TASK_LABELS, TASK_NUMBERS, taskFor, type TaskKind } from './taskDraft';
import { missingTaskFiles } from './trainingStore';
import { trainingStore, useTraining } from './useTraining';

function Row({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="train-field" title={hint}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** A number input that commits only whole, valid numbers; anything else stays red and unsaved. */
function NumberInput({ id, value, onCommit, min, step, integer, placeholder, testId }: {
  id: string; value: number | undefined; onCommit: (v: number | undefined) => void; min?: number; step?: number; integer?: boolean; placeholder?: string; testId: string;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === undefined ? '' : String(value));
  const valid = (t: string): boolean => {
    if (t.trim() === '') return placeholder !== undefined;
    const v = Number(t);
    return Number.isFinite(v) && (!integer || Number.isInteger(v)) && (min === undefined || v >= min);
  };
  return (
    <input
      id={id} type="number" value={shown} min={min} step={step ?? (integer ? 1 : 'any')} placeholder={placeholder}
      aria-invalid={!valid(shown)} data-testid={testId}
      onChange={(e) => {
        const t = e.target.value;
        setText(t);
        if (valid(t)) onCommit(t.trim() === '' ? undefined : Number(t));
      }}
      onBlur={() => setText(null)}
    />
  );
}

/** The chosen file's name; a name the project keeps but this session has not loaded says so. */
function FileName({ name, missing, testId }: { name: string; missing: boolean; testId: string }) {
  if (name === '') return <span className="train-file-name" data-testid={testId}>none chosen</span>;
  return (
    <>
      <span className={`train-file-name${missing ? ' is-missing' : ''}`} title={name} data-testid={testId} data-missing={missing ? 'yes' : 'no'}>{name}</span>
      {missing && <span className="train-file-missing" role="status">not loaded in this session (the project keeps only its name): choose it again</span>}
    </>
  );
}

async function readFile(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export function TaskForm({ doc, busy }: { doc: Document; busy: boolean }) {
  const saved = doc.training;
  const [draft, setDraft] = useState<Training | null>(null);
  const files = useTraining((s) => s.files);
  const training = saved ?? draft ?? draftTraining(doc);
  const { inputs, readouts } = candidates(doc);
  if (!training) {
    return (
      <div className="train-form" data-testid="train-form">
        <p className="train-note">
          Training needs a <strong>SpikeTimes</strong> population (the task writes each sample&apos;s spikes into it) and a <strong>LIF</strong> population with one
          neuron per class, joined through Expon + CUBA projections. Add them from the palette, mark the projections&apos; weights <strong>trainable</strong> in the inspector, then come back.
        </p>
      </div>
    );
  }
  const update = (next: Training): void => {
    if (saved) editorStore.getState().apply([{ type: 'set-training', training: next }], 'training-form');
    else setDraft(next);
  };
  const setTask = (task: TrainingTask): void => update({ ...training, task });
  const inputSize = inputs.find((p) => p.id === training.input)?.size ?? 1;
  const classes = readouts.find((p) => p.id === training.readout.population)?.size ?? 2;
  const task = training.task;
  const missing = missingTaskFiles(task, files);
  const numberOf = (key: string): number | undefined => (task as Record<string, unknown>)[key] as number | undefined;
  const chooseFile = async (files: FileList | null, role: 'path' | 'labels'): Promise<void> => {
    const f = files?.[0];
    if (!f || task.kind !== 'file') return;
    trainingStore.getState().addFile(f.name, await readFile(f));
    const next: TrainingTask = role === 'path' ? { ...task, path: f.name } : { ...task, labels: f.name };
    const nextTraining = { ...training, task: next };
    update(nextTraining);
    if (next.path && (!next.path.toLowerCase().endsWith('.npy') || next.labels)) trainingStore.getState().check({ ...doc, training: nextTraining }, false);
  };
  return (
    <div className="train-form" data-testid="train-form">
      <fieldset disabled={busy}>
        <Row label="task" hint="Randman: random manifolds coded in spike times (Zenke & Vogels 2021). Latency patterns: one spike per input at a class's latencies, jittered. Temporal XOR: two cues, class = cue1 XOR cue2. My data: a CSV or NPY file.">
          {(id) => (
            <select id={id} value={task.kind} onChange={(e) => setTask(taskFor(e.target.value as TaskKind, inputSize, classes, task))} data-testid="train-task-kind">
              {(Object.keys(TASK_LABELS) as TaskKind[]).map((k) => <option key={k} value={k}>{TASK_LABELS[k]}</option>)}
            </select>
          )}
        </Row>
        {task.kind === 'file' ? (
          <>
            <Row label="spikes file" hint="CSV with columns sample,time_ms,unit,label (one spike per row), or a .npy raster [samples, steps, units]">
              {(id) => (
                <span className="train-file">
                  <input id={id} type="file" accept=".csv,.npy" onChange={(e) => void chooseFile(e.target.files, 'path')} data-testid="train-file" />
                  <FileName name={task.path} missing={missing.some((f) => f.field === 'path')} testId="train-file-name" />
                </span>
              )}
            </Row>
            {task.path.toLowerCase().endsWith('.npy') && (
              <Row label="labels .npy">
                {(id) => (
                  <span className="train-file">
                    <input id={id} type="file" accept=".npy" onChange={(e) => void chooseFile(e.target.files, 'labels')} data-testid="train-labels-file" />
                    <FileName name={task.labels ?? ''} missing={missing.some((f) => f.field === 'labels')} testId="train-labels-name" />
                  </span>
                )}
              </Row>
            )}
          </>
        ) : (
          <>
            {TASK_NUMBERS[task.kind].map(([key, label]) => (
              <Row key={`${task.kind}-${key}`} label={label}>
                {(id) => (
                  <NumberInput id={id} value={numberOf(key)} integer={key !== 'alpha' && key !== 'dropout'} min={key === 'dropout' ? 0 : 1} placeholder={key === 'dims' || key === 'alpha' || key === 'dropout' ? 'default' : undefined}
                    onCommit={(v) => setTask({ ...task, [key]: v } as TrainingTask)} testId={`train-${key}`} />
                )}
              </Row>
            ))}
            <Row label="duration" hint="Length of one sample, e.g. 50 ms">
              {(id) => <input id={id} type="text" value={('duration' in task ? task.duration : undefined) ?? ''} placeholder="default" onChange={(e) => setTask({ ...task, duration: e.target.value || undefined } as TrainingTask)} data-testid="train-duration" />}
            </Row>
          </>
        )}
        <Row label="seed" hint="Seed of the task's samples and of the batches (default: the simulation's seed)">
          {(id) => <NumberInput id={id} value={training.seed} integer min={0} placeholder={String(doc.simulation.seed)} onCommit={(v) => update({ ...training, ...(v === undefined ? { seed: undefined } : { seed: v }) })} testId="train-seed" />}
        </Row>
        <Row label="input" hint="The SpikeTimes population the task writes each sample into (one neuron per input)">
          {(id) => (
            <select id={id} value={training.input} onChange={(e) => update({ ...training, input: e.target.value })} data-testid="train-input">
              {inputs.map((p) => <option key={p.id} value={p.id}>{p.id} ({p.size})</option>)}
            </select>
          )}
        </Row>
        <Row label="readout" hint="The LIF population read as class scores (one neuron per class): its spike count, or its peak membrane potential">
          {(id) => (
            <span className="train-pair">
              <select id={id} value={training.readout.population} onChange={(e) => update({ ...training, readout: { ...training.readout, population: e.target.value } })} data-testid="train-readout">
                {readouts.map((p) => <option key={p.id} value={p.id}>{p.id} ({p.size})</option>)}
              </select>
              <select aria-label="readout kind" value={training.readout.kind} onChange={(e) => update({ ...training, readout: { ...training.readout, kind: e.target.value as 'count' | 'max_v' } })} data-testid="train-readout-kind">
                <option value="max_v">peak V</option>
                <option value="count">count</option>
              </select>
            </span>
          )}
        </Row>
        <Row label="epochs">{(id) => <NumberInput id={id} value={training.epochs} integer min={1} onCommit={(v) => v !== undefined && update({ ...training, epochs: v })} testId="train-epochs" />}</Row>
        <Row label="batch size">{(id) => <NumberInput id={id} value={training.batchSize} integer min={1} onCommit={(v) => v !== undefined && update({ ...training, batchSize: v })} testId="train-batch" />}</Row>
        <Row label="learning rate" hint="Adam's step size">{(id) => <NumberInput id={id} value={training.learningRate} min={0} onCommit={(v) => v !== undefined && v > 0 && update({ ...training, learningRate: v })} testId="train-lr" />}</Row>
        {!saved && (
          <button type="button" className="train-primary" onClick={() => { editorStore.getState().apply([{ type: 'set-training', training }]); setDraft(null); }} data-testid="train-add-task">
            Add task to project
          </button>
        )}
      </fieldset>
    </div>
  );
}
