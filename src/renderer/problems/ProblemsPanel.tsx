/** The build problems (a click selects the node and focuses the field) and the dock's tabs that show them beside the plots. */
import { useState, type ReactNode } from 'react';
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

/**
 * Tabs for the plots of the run and the build problems, a toolbar on the same row, and an
 * optional side section beside the content. Its size is the splitter's (session state).
 */
export function BottomPanel({ run, toolbar, aside }: { run?: ReactNode; toolbar?: ReactNode; aside?: ReactNode }) {
  const problems = useEditor((s) => s.problems);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const current = useEditor((s) => s.problemsFor === s.doc);
  const [tab, setTab] = useState<'run' | 'problems'>(run ? 'run' : 'problems');
  const active = run ? tab : 'problems';

  return (
    <section className="bottom-panel" aria-label="Plots and problems" data-testid="bottom-panel" data-checked={current ? 'yes' : 'no'}>
      <div className="tabs">
        <div role="tablist" className="tab-list">
          {run && (
            <button type="button" role="tab" id="tab-run" aria-controls="tabpanel-run" aria-selected={active === 'run'} className={`tab${active === 'run' ? ' is-active' : ''}`} onClick={() => setTab('run')} data-testid="tab-run">
              Plots
            </button>
          )}
          <button type="button" role="tab" id="tab-problems" aria-controls="tabpanel-problems" aria-selected={active === 'problems'} className={`tab${active === 'problems' ? ' is-active' : ''}`} onClick={() => setTab('problems')} data-testid="tab-problems">
            Problems
            {errors > 0 && <span className="count count-error" data-testid="error-count">{errors}</span>}
            {warnings > 0 && <span className="count count-warning">{warnings}</span>}
          </button>
        </div>
        {toolbar && <div className="tabs-toolbar">{toolbar}</div>}
      </div>
      <div className="bottom-body">
        {/* both stay mounted so a running simulation's plots keep their state while problems are shown */}
        {run && <div className="panel-content" role="tabpanel" id="tabpanel-run" aria-labelledby="tab-run" hidden={active !== 'run'}>{run}</div>}
        <div className="panel-content" role="tabpanel" id="tabpanel-problems" aria-labelledby="tab-problems" hidden={active !== 'problems'}><ProblemsList /></div>
        {aside}
      </div>
    </section>
  );
}
