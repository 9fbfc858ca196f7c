/** The bottom panel: build problems (a click selects the node and focuses the field); the run panel joins it later. */
import { useState, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import type { Problem } from '../../shared/problems';
import { editorStore, useEditor } from '../store/useEditor';

export function ProblemsList() {
  const problems = useEditor((s) => s.problems);
  if (problems.length === 0) return <div className="problems-empty">No problems: the network builds.</div>;
  const open = (p: Problem): void => {
    if (p.nodeId) editorStore.getState().focusField(p.nodeId, p.field ?? 'id');
    else if (p.path.startsWith('simulation')) editorStore.getState().focusField(null, p.path);
  };
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return (
    <ul className="problems" data-testid="problems">
      {sorted.map((p, i) => (
        <li key={i}>
          <button type="button" className={`problem sev-${p.severity}`} onClick={() => open(p)}>
            <span className="problem-sev">{p.severity === 'error' ? 'Error' : 'Warning'}</span>
            <span className="problem-where">{p.nodeId ?? (p.path || 'document')}{p.field ? ` · ${p.field}` : ''}</span>
            <span className="problem-msg">{p.message}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Height limits of the bottom panel, px: enough for one row of problems, never more than most of the window. */
const MIN_HEIGHT = 90;
const MAX_SHARE = 0.7;
const DEFAULT_HEIGHT = 250;

/**
 * The bottom panel under the canvas: tabs for the run (run panel and plots, issue 5) and the
 * build problems. Its height is session state (dragged with the top edge), never saved.
 */
export function BottomPanel({ run }: { run?: ReactNode }) {
  const problems = useEditor((s) => s.problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const current = useEditor((s) => s.problemsFor === s.doc);
  const [tab, setTab] = useState<'run' | 'problems'>(run ? 'run' : 'problems');
  const [height, setHeight] = useState(run ? DEFAULT_HEIGHT : 136);
  const active = run ? tab : 'problems';

  const onResizeStart = (e: ReactPointerEvent<HTMLDivElement>): void => {
    const startY = e.clientY;
    const startH = height;
    const move = (ev: PointerEvent): void => setHeight(Math.max(MIN_HEIGHT, Math.min(window.innerHeight * MAX_SHARE, startH + startY - ev.clientY)));
    const up = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  return (
    <section className="bottom-panel" style={{ height }} aria-label="Run and problems" data-testid="bottom-panel" data-checked={current ? 'yes' : 'no'}>
      <div className="resize-handle" onPointerDown={onResizeStart} title="Drag to resize" />
      <div className="tabs" role="tablist">
        {run && (
          <button type="button" role="tab" aria-selected={active === 'run'} className={`tab${active === 'run' ? ' is-active' : ''}`} onClick={() => setTab('run')} data-testid="tab-run">
            Run
          </button>
        )}
        <button type="button" role="tab" aria-selected={active === 'problems'} className={`tab${active === 'problems' ? ' is-active' : ''}`} onClick={() => setTab('problems')} data-testid="tab-problems">
          Problems
          {errors > 0 && <span className="count count-error" data-testid="error-count">{errors}</span>}
          {warnings > 0 && <span className="count count-warning">{warnings}</span>}
        </button>
      </div>
      {/* both stay mounted so a running simulation's panel keeps its state while problems are shown */}
      {run && <div className="panel-content" hidden={active !== 'run'}>{run}</div>}
      <div className="panel-content" hidden={active !== 'problems'}><ProblemsList /></div>
    </section>
  );
}
