/** The run panel above the plots of the current run: mounted once, below the canvas. */
import { PlotsPanel } from '../plots/PlotsPanel';
import { useEditor } from '../store/useEditor';
import { RunPanel } from './RunPanel';
import { runStore, useRun } from './useRun';
import './run.css';

export function RunDock() {
  const results = useRun((s) => s.results);
  const started = useRun((s) => s.status !== 'idle');
  const runDocument = useRun((s) => s.runDocument);
  const history = useRun((s) => s.history);
  const compare = useRun((s) => s.compare);
  const final = useRun((s) => s.final);
  const theme = useEditor((s) => s.theme);
  return (
    <section className="run-dock" aria-label="Run and plots" data-testid="run-dock">
      <RunPanel />
      {(results || started) && (
        <div className="run-plots">
          <PlotsPanel results={results} live={!final} document={runDocument} history={history} compare={compare} onCompareChange={runStore.getState().setCompare} themeKey={theme} />
        </div>
      )}
    </section>
  );
}
