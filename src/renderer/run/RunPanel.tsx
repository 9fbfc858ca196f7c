/**
 * The run panel: settings for the next run (duration, dt, seed, backend), Run / Pause / Step /
 * Stop, progress with simulated time, real-time factor and time left, a speed control, and live
 * sliders for input amplitudes and projection weights. F5 or Ctrl+Enter runs, Esc stops, Space
 * pauses or resumes.
 */
import { useEffect, useMemo, useState } from 'react';
import { useEditor, editorStore } from '../store/useEditor';
import { runStore, useRun } from './useRun';
import { SPEEDS, settingsOf, type RunSettings } from './runStore';
import type { BuildPhase } from '../../shared/protocol';
import { formatValue, liveControls, type LiveControl } from './liveControls';

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(1)} ms`;
}

export function RunPanel() {
  const sim = useEditor((s) => s.doc.simulation);
  const [settings, setSettings] = useState<RunSettings>(() => settingsOf(sim));
  useEffect(() => setSettings(settingsOf(sim)), [sim]);
  useEffect(() => runStore.getState().setNextSettings(settings), [settings]);
  const status = useRun((s) => s.status);
  const active = status === 'running' || status === 'paused';

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      // Keys in a dialog are the dialog's (Esc closes the export dialog; it must not stop a run).
      if (t?.closest('dialog')) return;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      const s = runStore.getState();
      if (e.key === 'F5' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
        e.preventDefault();
        s.run(editorStore.getState().doc, settings);
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
  }, [settings]);

  const field = (key: 'duration' | 'dt', label: string) => (
    <label className="run-field">
      {label}
      <input value={settings[key]} disabled={active} onChange={(e) => setSettings({ ...settings, [key]: e.target.value })} data-testid={`run-${key}`} />
    </label>
  );

  return (
    <div className="run-panel" data-testid="run-panel" data-status={status}>
      <div className="run-row">
        {field('duration', 'Duration')}
        {field('dt', 'dt')}
        <label className="run-field">
          Seed
          <input type="number" value={settings.seed} disabled={active} min={0} onChange={(e) => setSettings({ ...settings, seed: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} data-testid="run-seed" />
        </label>
        <label className="run-field">
          Backend
          <select value={settings.backend} disabled={active} onChange={(e) => setSettings({ ...settings, backend: e.target.value as RunSettings['backend'] })} data-testid="run-backend-choice" title="typed: fast CPU loops (the reference); tfjs: TensorFlow.js on WebAssembly; auto: typed unless a GPU build of TensorFlow is loaded">
            <option value="auto">auto</option>
            <option value="typed">typed</option>
            <option value="tfjs">tfjs</option>
          </select>
        </label>
        <div className="run-buttons">
          <button type="button" className="primary" disabled={active} onClick={() => runStore.getState().run(editorStore.getState().doc, settings)} title="Run (F5, Ctrl+Enter)" data-testid="run-start">▶ Run</button>
          <button type="button" disabled={!active} onClick={() => (status === 'paused' ? runStore.getState().resume() : runStore.getState().pause())} title="Pause / resume (Space)" data-testid="run-pause">
            {status === 'paused' ? 'Resume' : 'Pause'}
          </button>
          <button type="button" disabled={!active} onClick={() => runStore.getState().stepOnce()} title="Advance one chunk while paused" data-testid="run-step">Step</button>
          <button type="button" className="danger" disabled={!active} onClick={() => runStore.getState().stop()} title="Stop (Esc)" data-testid="run-stop">■ Stop</button>
        </div>
        <SpeedControl />
      </div>
      <Progress />
      <LiveParameters />
    </div>
  );
}

function SpeedControl() {
  const speed = useRun((s) => s.speed);
  return (
    <div className="run-speed" role="group" aria-label="Speed">
      {SPEEDS.map((s) => (
        <button key={s.label} type="button" className={s.speed === speed ? 'is-active' : ''} onClick={() => runStore.getState().setSpeed(s.speed)} title={s.speed === null ? 'As fast as possible' : `${s.label} real time`}>
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

function Progress() {
  const { status, step, steps, simulatedMs, realTimeFactor, dt, message, speed, wallMs, buildMs, build, backend } = useRun((s) => s);
  const total = steps * dt;
  const building = status === 'running' && build !== null;
  const fraction = building ? build.fraction : steps > 0 ? step / steps : 0;
  const rate = speed !== null ? Math.min(realTimeFactor, speed / 1000) : realTimeFactor;
  const left = rate > 0 ? (total - simulatedMs) / rate : NaN;
  const ended = status === 'done' || status === 'stopped';
  return (
    <div className="run-progress" data-testid="run-progress" data-step={step} data-steps={steps}
      data-phase={building ? 'building' : status === 'running' || status === 'paused' ? 'running' : 'idle'} data-build-fraction={building ? build.fraction.toFixed(2) : undefined}>
      <div className="bar"><div className="fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} /></div>
      <div className="run-numbers">
        <span data-testid="run-status">{building ? 'building…' : status}</span>
        {building ? (
          <span data-testid="run-building" title="The engine builds the network before its first step">
            {PHASE_TEXT[build.phase]} {Math.round(build.fraction * 100)} %{build.detail ? ` · ${build.detail}` : ''}
          </span>
        ) : (
          <>
            {backend !== null && <span className="run-backend" data-testid="run-backend" title="The engine backend that runs this simulation">on {backend}</span>}
            <span data-testid="run-simulated">{formatMs(simulatedMs)} / {formatMs(total)}</span>
            <span title="Simulated time per wall-clock time of the run (the same wall time as 'took'; the build is not counted)" data-testid="run-speed">
              {realTimeFactor > 0 ? `${realTimeFactor.toFixed(2)}× real time` : '—'}
            </span>
            <span data-testid="run-took">
              {status === 'running' && Number.isFinite(left) ? `${formatMs(left)} left` : ended ? `took ${formatMs(wallMs)}${buildMs > 0 ? ` (+ build ${formatMs(buildMs)})` : ''}` : ''}
            </span>
          </>
        )}
      </div>
      {message && <div className={`run-message ${status === 'crashed' || status === 'error' ? 'is-error' : ''}`} role="alert" data-testid="run-message">{message}</div>}
    </div>
  );
}

function LiveParameters() {
  const doc = useEditor((s) => s.doc);
  const controls = useMemo(() => liveControls(doc), [doc]);
  const status = useRun((s) => s.status);
  const log = useRun((s) => s.log);
  if (controls.length === 0) return null;
  return (
    <details className="run-live" open>
      <summary>Live parameters {status === 'running' || status === 'paused' ? '(take effect at the next chunk)' : '(during a run)'}</summary>
      <div className="run-live-grid">
        {controls.map((c) => <LiveSlider key={`${c.nodeId}/${c.field}`} control={c} enabled={status === 'running' || status === 'paused'} />)}
      </div>
      {log.length > 0 && (
        <ol className="run-log" data-testid="run-log">
          {log.map((l, i) => <li key={i}><span className="muted">{l.timeMs.toFixed(1)} ms</span> {l.text}</li>)}
        </ol>
      )}
    </details>
  );
}

function LiveSlider({ control, enabled }: { control: LiveControl; enabled: boolean }) {
  const [value, setValue] = useState(control.value);
  const [text, setText] = useState(formatValue(control.value, control.unit));
  useEffect(() => {
    setValue(control.value);
    setText(formatValue(control.value, control.unit));
  }, [control.value, control.unit]);
  const send = (t: string): void => runStore.getState().setParameter(control.nodeId, control.field, t);
  const step = (control.max - control.min) / 200;
  return (
    <div className="run-live-row" data-testid={`live-${control.nodeId}-${control.field}`}>
      <span className="run-live-label">{control.label}</span>
      <input
        type="range" min={control.min} max={control.max} step={step} value={value} disabled={!enabled}
        onChange={(e) => {
          const v = Number(e.target.value);
          setValue(v);
          setText(formatValue(v, control.unit));
        }}
        onPointerUp={() => send(formatValue(value, control.unit))}
        onKeyUp={() => send(formatValue(value, control.unit))}
      />
      <input
        className="run-live-text" value={text} disabled={!enabled}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') send(text);
        }}
      />
    </div>
  );
}
