/**
 * The run bar: settings for the next run (duration, dt, seed, backend) checked as typed, Run /
 * Pause / Step / Stop and progress, in one compact row so the plots keep the room; the speed
 * control and the run's numbers sit in the dock's tab row. Live parameters and the run log sit beside the plots (LiveParameters, shown on demand).
 * F5 or Ctrl+Enter runs, Esc stops, Space pauses or resumes.
 */
import { useEffect, useMemo, useState } from 'react';
import { useEditor } from '../store/useEditor';
import { runWithPanel } from './runWithPanel';
import { runStore, useRun } from './useRun';
import { SPEEDS } from './runStore';
import type { BuildPhase } from '../../shared/protocol';
import { formatValue, liveControls, type LiveControl } from './liveControls';
import { isUnitError, parseRaw } from '../../shared/units';
import { checkRunDraft, draftOf, RUN_FIELD_LABELS, runDraftStore, useRunDraft, type RunDraft, type RunField } from './runSettings';

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
}

export function RunPanel() {
  const sim = useEditor((s) => s.doc.simulation);
  const draft = useRunDraft((s) => s.draft) ?? draftOf(sim);
  const errors = useRunDraft((s) => s.errors);
  const refusal = useRunDraft((s) => s.refusal);
  // A new or loaded document brings its own settings (the fields survive a remount, e.g. presentation mode).
  useEffect(() => runDraftStore.getState().fromDocument(sim), [sim]);
  useEffect(() => {
    const settings = checkRunDraft(draft).settings;
    if (settings) runStore.getState().setNextSettings(settings);
  }, [draft]);
  const status = useRun((s) => s.status);
  const active = status === 'running' || status === 'paused';
  const edit = (patch: Partial<RunDraft>): void => runDraftStore.getState().setDraft({ ...draft, ...patch });

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      // Keys in a dialog are the dialog's (Esc closes the export dialog; it must not stop a run).
      if (t?.closest('dialog')) return;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      const s = runStore.getState();
      if (e.key === 'F5' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        runWithPanel();
      } else if (e.key === 'Escape' && (s.status === 'running' || s.status === 'paused')) {
        s.stop();
      } else if (e.key === ' ' && !typing && t?.tagName !== 'BUTTON' && (s.status === 'running' || s.status === 'paused')) {
        e.preventDefault();
        if (s.status === 'running') s.pause();
        else s.resume();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const field = (key: RunField, width: string, hint: string) => (
    <label className={`run-field${errors[key] ? ' is-invalid' : ''}`} title={hint}>
      <span>{RUN_FIELD_LABELS[key]}</span>
      <input
        value={draft[key]} disabled={active} style={{ width }} spellCheck={false} inputMode={key === 'seed' ? 'numeric' : 'text'}
        onChange={(e) => edit({ [key]: e.target.value })}
        aria-invalid={errors[key] ? true : undefined} aria-describedby={errors[key] ? `run-${key}-error` : undefined}
        data-testid={`run-${key}`}
      />
    </label>
  );
  const fieldErrors = (Object.keys(errors) as RunField[]).filter((k) => errors[k]);

  return (
    <div className="run-panel" data-testid="run-panel" data-status={status}>
      <div className="run-row">
        {field('duration', '5.8em', 'Simulated time, with a unit: 500 ms, 2 s')}
        {field('dt', '5.5em', 'Time step, with a unit; greater than 0 and shorter than the duration')}
        {field('seed', '4em', 'Seed of the random draws: a whole number ≥ 0; the same seed gives the same run')}
        <label className="run-field" title="typed: fast CPU loops (the reference); tfjs: TensorFlow.js on WebAssembly; auto: typed unless a GPU build of TensorFlow is loaded">
          <span>Backend</span>
          <select value={draft.backend} disabled={active} onChange={(e) => edit({ backend: e.target.value as RunDraft['backend'] })} data-testid="run-backend-choice">
            <option value="auto">auto</option>
            <option value="typed">typed</option>
            <option value="tfjs">tfjs</option>
          </select>
        </label>
        <div className="run-buttons">
          <button type="button" className="primary" disabled={active} onClick={runWithPanel} title="Run (F5, Ctrl+Enter)" data-testid="run-start">▶ Run</button>
          <button type="button" disabled={!active} onClick={() => (status === 'paused' ? runStore.getState().resume() : runStore.getState().pause())} title="Pause / resume (Space)" data-testid="run-pause">
            {status === 'paused' ? 'Resume' : 'Pause'}
          </button>
          <button type="button" disabled={!active} onClick={() => runStore.getState().stepOnce()} title="Advance one chunk while paused" data-testid="run-step">Step</button>
          <button type="button" className="danger" disabled={!active} onClick={() => runStore.getState().stop()} title="Stop (Esc)" data-testid="run-stop">■ Stop</button>
        </div>
      </div>
      {fieldErrors.length > 0 && (
        <ul className="run-field-errors" data-testid="run-field-errors">
          {fieldErrors.map((k) => <li key={k} id={`run-${k}-error`} data-field={k}><strong>{RUN_FIELD_LABELS[k]}</strong>: {errors[k]}</li>)}
        </ul>
      )}
      {refusal && <div className="run-message is-error" role="alert" data-testid="run-refusal">{refusal}</div>}
      <Progress />
    </div>
  );
}

/** Max, real time or a tenth of it; beside the run's numbers in the dock's tab row. */
export function SpeedControl() {
  const speed = useRun((s) => s.speed);
  return (
    <div className="run-speed" role="group" aria-label="Speed">
      {SPEEDS.map((s) => (
        <button key={s.label} type="button" className={s.speed === speed ? 'is-active' : ''} aria-pressed={s.speed === speed} onClick={() => runStore.getState().setSpeed(s.speed)} title={s.speed === null ? 'As fast as possible' : `${s.label} real time`}>
          {s.label}
        </button>
      ))}
    </div>
  );
}

const PHASE_TEXT: Record<BuildPhase, string> = {
  network: 'checking the network',
  backend: 'starting the engine',
  connectivity: 'drawing synapses',
  instantiation: 'setting up state',
};

/** A thin bar under the run row (the build's progress while it builds); the numbers sit in the dock's tab row (RunNumbers). */
function Progress() {
  const { step, steps, message, status, build } = useRun((s) => s);
  const building = status === 'running' && build !== null;
  const fraction = building ? build.fraction : steps > 0 ? step / steps : 0;
  return (
    <div className="run-progress" data-testid="run-progress" data-step={step} data-steps={steps}
      data-phase={building ? 'building' : status === 'running' || status === 'paused' ? 'running' : 'idle'} data-build-fraction={building ? build.fraction.toFixed(2) : undefined}>
      <div className="bar" role="progressbar" aria-label={building ? 'Build progress' : 'Run progress'} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
        <div className="fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
      </div>
      {message && <div className={`run-message ${status === 'crashed' || status === 'error' ? 'is-error' : ''}`} role="alert" data-testid="run-message">{message}</div>}
    </div>
  );
}

/** Status, simulated time, real-time factor and time left, in one line. */
export function RunNumbers() {
  const { status, steps, simulatedMs, realTimeFactor, dt, speed, wallMs, buildMs, build, backend } = useRun((s) => s);
  const total = steps * dt;
  const building = status === 'running' && build !== null;
  const rate = speed !== null ? Math.min(realTimeFactor, speed / 1000) : realTimeFactor;
  const left = rate > 0 ? (total - simulatedMs) / rate : NaN;
  const ended = status === 'done' || status === 'stopped';
  return (
    <div className="run-numbers" aria-live="polite">
      <span className={`run-status status-${status}`} data-testid="run-status">{building ? 'building…' : status}</span>
      {building ? (
        <span data-testid="run-building" title="The engine builds the network before its first step">
          {PHASE_TEXT[build.phase]} {Math.round(build.fraction * 100)} %{build.detail ? ` · ${build.detail}` : ''}
        </span>
      ) : (
        <>
          {backend !== null && <span className="run-backend" data-testid="run-backend" title="The engine backend that runs this simulation">on {backend}</span>}
          {steps > 0 && <span data-testid="run-simulated">{formatMs(simulatedMs)} / {formatMs(total)}</span>}
          {realTimeFactor > 0 && (
            <span title="Simulated time per wall-clock time of the run (the same wall time as 'took'; the build is not counted)" data-testid="run-speed">
              {realTimeFactor.toFixed(2)}× real time
            </span>
          )}
          <span data-testid="run-took">
            {status === 'running' && Number.isFinite(left) ? `${formatMs(left)} left` : ended ? `took ${formatMs(wallMs)}${buildMs > 0 ? ` (+ build ${formatMs(buildMs)})` : ''}` : ''}
          </span>
        </>
      )}
    </div>
  );
}

/** Sliders for input amplitudes and projection weights, and the log of live changes. */
export function LiveParameters() {
  const doc = useEditor((s) => s.doc);
  const controls = useMemo(() => liveControls(doc), [doc]);
  const status = useRun((s) => s.status);
  const log = useRun((s) => s.log);
  const live = status === 'running' || status === 'paused';
  return (
    <section className="run-live" aria-label="Live parameters and run log" data-testid="run-live">
      <h3 className="panel-title">Live parameters</h3>
      <p className="run-live-note">{controls.length === 0 ? 'This network has no input amplitude or weight to change live.' : live ? 'Changes take effect at the next chunk.' : 'Change these while a run goes on.'}</p>
      <div className="run-live-grid">
        {controls.map((c) => <LiveSlider key={`${c.nodeId}/${c.field}`} control={c} enabled={live} />)}
      </div>
      <h3 className="panel-title">Run log</h3>
      {log.length > 0 ? (
        <ol className="run-log" data-testid="run-log">
          {log.map((l, i) => <li key={i}><span className="muted">{l.timeMs.toFixed(1)} ms</span> {l.text}</li>)}
        </ol>
      ) : <p className="run-live-note">Empty until a run starts.</p>}
    </section>
  );
}

/** `text` ("1100 pA") as a number in `unit` ("nA"), or null when it has another dimension or none. */
function inUnit(text: string, unit: string): number | null {
  const raw = parseRaw(text);
  if (isUnitError(raw)) return null;
  if (raw.unit === null) return unit === '' ? raw.number : null;
  try {
    return unit === '' ? null : raw.unit.toNumber(unit);
  } catch {
    return null;
  }
}

function LiveSlider({ control, enabled }: { control: LiveControl; enabled: boolean }) {
  // The last value the engine took (or the document's): what a refused entry reverts to.
  const [accepted, setAccepted] = useState(control.value);
  const [value, setValue] = useState(control.value);
  const [text, setText] = useState(formatValue(control.value, control.unit));
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    setAccepted(control.value);
    setValue(control.value);
    setText(formatValue(control.value, control.unit));
    setRefused(null);
  }, [control.value, control.unit]);
  const id = `live-${control.nodeId}-${control.field}`;
  const send = (t: string): void => {
    setRefused(null);
    runStore.getState().setParameter(control.nodeId, control.field, t, (outcome) => {
      if (outcome.ok) {
        const taken = inUnit(String(outcome.value), control.unit);
        if (taken !== null) setAccepted(taken);
        return;
      }
      // Refused: say why at the field and show the value that still holds.
      setRefused(outcome.message);
      setValue(accepted);
      setText(formatValue(accepted, control.unit));
    });
  };
  return (
    <div className={`run-live-row${refused ? ' is-invalid' : ''}`} data-testid={id}>
      <label className="run-live-label" htmlFor={`${id}-text`} title={control.label}>{control.label}</label>
      <input
        type="range" min={control.min} max={control.max} step={(control.max - control.min) / 200} value={value} disabled={!enabled}
        aria-label={`${control.label} slider`}
        onChange={(e) => {
          const v = Number(e.target.value);
          setValue(v);
          setText(formatValue(v, control.unit));
        }}
        onPointerUp={() => send(formatValue(value, control.unit))}
        onKeyUp={() => send(formatValue(value, control.unit))}
      />
      <input
        id={`${id}-text`} className="run-live-text" value={text} disabled={!enabled}
        aria-invalid={refused ? true : undefined} aria-describedby={refused ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setRefused(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') send(text);
        }}
      />
      {refused && <div className="run-live-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>Refused: {refused} Kept {formatValue(accepted, control.unit)}.</div>}
    </div>
  );
}
