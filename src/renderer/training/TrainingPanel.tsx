/**
 * The training panel (issue 18): Train / Pause / Resume / Stop with the progress (epoch, batch,
 * ETA) and the backend that runs, the task form, live loss and accuracy curves (train and
 * validation, the saved history first), and after a training the raster of one test sample before
 * and after, the test accuracy and the choice to apply the trained weights (one undoable change)
 * or discard them. Keys while the panel has focus: T train, Space pause/resume, S stop.
 */
import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { Document } from '../../shared/document';
import { Chart } from '../plots/Chart';
import { PlotBoundary } from '../plots/PlotBoundary';
import { usePlotTheme } from '../plots/usePlotTheme';
import { useEditor, editorStore } from '../store/useEditor';
import { accuracyOption, formatEta, lossOption, percent, sampleRasterOption, type CurveRow } from './curves';
import { TaskForm } from './TaskForm';
import { trainingStore, useTraining } from './useTraining';
import './training.css';

const CHART_HEIGHT = 150;

function Controls({ doc }: { doc: Document }) {
  const status = useTraining((s) => s.status);
  const progress = useTraining((s) => s.progress);
  const backend = useTraining((s) => s.backend);
  const reason = useTraining((s) => s.backendReason);
  const t = trainingStore.getState();
  const running = status === 'training' || status === 'paused' || status === 'stopping';
  const canTrain = !!doc.training && !running && status !== 'checking';
  const done = progress ? ((progress.epoch - 1) * progress.batches + progress.batch) / Math.max(1, progress.epochs * progress.batches) : 0;
  const statusText: Record<typeof status, string> = { idle: 'Ready', checking: 'Checking the task…', training: 'Training', paused: 'Paused', stopping: 'Stopping after this batch…', finished: 'Finished', failed: 'Failed' };
  return (
    <div className="train-controls">
      <div className="run-buttons">
        <button type="button" className="primary" onClick={() => t.train(doc)} disabled={!canTrain} title={doc.training ? 'Train the marked weights on the task (T)' : 'Add a task first'} data-testid="train-start">
          ▶ Train
        </button>
        {status === 'paused' ? (
          <button type="button" onClick={() => t.resume()} title="Go on training (Space)" data-testid="train-resume">Resume</button>
        ) : (
          <button type="button" onClick={() => t.pause()} disabled={status !== 'training'} title="Pause after this batch (Space)" data-testid="train-pause">Pause</button>
        )}
        <button type="button" className="danger" onClick={() => t.stop()} disabled={status !== 'training' && status !== 'paused'} title="End the training after this batch; the best epoch's weights are offered to apply (S)" data-testid="train-stop">
          ■ Stop
        </button>
      </div>
      <div className="train-progress" data-testid="train-progress" data-status={status}>
        <span className="run-status">{statusText[status]}</span>
        {progress && (
          <>
            <span data-testid="train-epoch">epoch {progress.epoch}/{progress.epochs}</span>
            <span data-testid="train-batch">batch {progress.batch}/{progress.batches}</span>
            <span data-testid="train-eta">ETA {running ? formatEta(progress.etaMs) : '—'}</span>
            <span className="bar" aria-hidden><span className="fill" style={{ width: `${Math.round(100 * done)}%` }} /></span>
          </>
        )}
      </div>
      <span className="train-backend" title={reason ?? 'The TensorFlow.js backend that trains (in the engine worker), chosen when training starts'} data-testid="train-backend">{backend ? `backend ${backend}` : 'backend: starts with Train'}</span>
    </div>
  );
}

function Curves({ rows, classes, themeKey }: { rows: readonly CurveRow[]; classes: number | null; themeKey: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const theme = usePlotTheme(themeKey, ref);
  const loss = useMemo(() => lossOption(rows, theme), [rows, theme]);
  const acc = useMemo(() => accuracyOption(rows, theme, classes), [rows, theme, classes]);
  const csv = (): string => ['epoch,loss,accuracy,val_loss,val_accuracy,seconds', ...rows.map((r) => [r.epoch, r.loss, r.accuracy, r.valLoss ?? '', r.valAccuracy ?? '', r.seconds].join(','))].join('\n');
  return (
    <div className="train-curves" ref={ref} data-testid="train-curves" data-points={rows.length}>
      <PlotBoundary name="train-loss" label="loss curve">
        <Chart name="train-loss" option={loss} height={CHART_HEIGHT} csv={csv} />
      </PlotBoundary>
      <PlotBoundary name="train-accuracy" label="accuracy curve">
        <Chart name="train-accuracy" option={acc} height={CHART_HEIGHT} csv={csv} />
      </PlotBoundary>
    </div>
  );
}

function Outcome({ doc, themeKey }: { doc: Document; themeKey: string }) {
  const result = useTraining((s) => s.result);
  const before = useTraining((s) => s.before);
  const after = useTraining((s) => s.after);
  const status = useTraining((s) => s.status);
  const evaluation = useTraining((s) => s.evaluation);
  const ref = useRef<HTMLDivElement>(null);
  const theme = usePlotTheme(themeKey, ref);
  const beforeOpt = useMemo(() => (before ? sampleRasterOption(before, theme, `before: class ${before.label}, read as ${before.predicted}`) : null), [before, theme]);
  const afterOpt = useMemo(() => (after ? sampleRasterOption(after, theme, `after: class ${after.label}, read as ${after.predicted}`) : null), [after, theme]);
  const t = trainingStore.getState();
  const saved = doc.training?.testAccuracy;
  const apply = (): void => {
    const r = t.applyChanges(editorStore.getState().doc);
    if ('error' in r) {
      trainingStore.setState({ error: r.error });
      return;
    }
    editorStore.getState().apply(r.changes);
    t.markApplied();
  };
  const busy = status === 'training' || status === 'paused' || status === 'stopping' || status === 'checking';
  return (
    <div className="train-outcome" ref={ref}>
      <div className="train-result" data-testid="train-result">
        {result && (
          <>
            <span>
              {result.stopped ? 'Stopped' : result.stoppedEarly ? 'Stopped early (no better validation loss)' : 'Finished'} after {result.history.length} epoch{result.history.length === 1 ? '' : 's'}; the weights of the best epoch ({result.bestEpoch}) are kept.
              Test accuracy <strong data-testid="train-test-accuracy">{percent(result.test?.accuracy)}</strong>.
              {' '}The project is unchanged until you apply them.
            </span>
            <button type="button" className="train-primary" onClick={apply} data-testid="train-apply" title="Write the trained weights and the history into the project (one step of Undo)">Apply to project</button>
            <button type="button" onClick={() => t.discard()} data-testid="train-discard">Discard</button>
          </>
        )}
        {!result && (
          <>
            <span>
              {doc.training?.history?.length ? <>Saved: {doc.training.history.length} epochs, test accuracy <strong data-testid="train-saved-accuracy">{percent(saved)}</strong>.</> : 'No trained weights saved yet.'}
              {evaluation && evaluation.of === doc && <> Recomputed from the saved weights: <strong data-testid="train-recomputed-accuracy">{percent(evaluation.accuracy)}</strong>.</>}
            </span>
            {doc.training && (
              <button type="button" onClick={() => t.check(doc, true)} disabled={busy} data-testid="train-evaluate" title="Score the test samples with the project's weights as they are now">
                Evaluate
              </button>
            )}
          </>
        )}
      </div>
      {(beforeOpt || afterOpt) && (
        <div className="train-rasters">
          {beforeOpt && (
            <PlotBoundary name="train-before" label="raster before training">
              <Chart name="train-before" option={beforeOpt} height={CHART_HEIGHT} />
            </PlotBoundary>
          )}
          {afterOpt && (
            <PlotBoundary name="train-after" label="raster after training">
              <Chart name="train-after" option={afterOpt} height={CHART_HEIGHT} />
            </PlotBoundary>
          )}
        </div>
      )}
    </div>
  );
}

/** Keys the training panel handles while it has focus (outside text fields); Help lists them from here. */
export const TRAINING_KEYS: readonly (readonly [string, string])[] = [
  ['T', 'Train (in the Training panel)'],
  ['Space', 'Pause or resume training (in the Training panel)'],
  ['S', 'Stop training (in the Training panel)'],
];

export function TrainingPanel() {
  const doc = useEditor((s) => s.doc);
  const theme = useEditor((s) => s.theme);
  const status = useTraining((s) => s.status);
  const rows = useTraining((s) => s.rows);
  const result = useTraining((s) => s.result);
  const applied = useTraining((s) => s.applied);
  const error = useTraining((s) => s.error);
  const task = useTraining((s) => s.task);
  const running = status === 'training' || status === 'paused' || status === 'stopping';
  const saved = doc.training?.history ?? [];
  // The saved history, then this training's epochs (numbered on from it) until they are applied.
  const curveRows = useMemo<CurveRow[]>(() => {
    const fresh = running || (result && !applied) ? rows.map((r) => ({ ...r, epoch: saved.length + r.epoch, pending: true })) : [];
    return [...saved, ...fresh];
  }, [saved, rows, running, result, applied]);
  const readout = doc.nodes.find((n) => n.id === doc.training?.readout.population);
  const classes = task?.classes ?? (readout?.kind === 'population' ? readout.size : null);
  const onKey = (e: KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = trainingStore.getState();
    const key = TRAINING_KEYS.find(([k]) => k === (e.key === ' ' ? 'Space' : e.key.toUpperCase()))?.[0];
    if (key === 'T') t.train(doc);
    else if (key === 'Space' && status === 'paused') t.resume();
    else if (key === 'Space') t.pause();
    else if (key === 'S') t.stop();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <section className="train-panel" aria-label="Training" data-testid="training-panel" tabIndex={-1} onKeyDown={onKey}>
      <Controls doc={doc} />
      {error && <p className="run-message is-error" role="alert" data-testid="train-error">{error}</p>}
      {task && !error && (
        <p className="train-summary" data-testid="train-task-summary">
          {task.name}: {task.samples.toLocaleString('en')} samples ({task.train} train, {task.validation} validation, {task.test} test), {task.classes} classes, {task.inputs} inputs, {task.durationMs} ms each; {task.parameters.toLocaleString('en')} trained parameters
        </p>
      )}
      <div className="train-body">
        <TaskForm doc={doc} busy={running} />
        <div className="train-plots">
          <Curves rows={curveRows} classes={classes} themeKey={theme} />
          <Outcome doc={doc} themeKey={theme} />
        </div>
      </div>
    </section>
  );
}
