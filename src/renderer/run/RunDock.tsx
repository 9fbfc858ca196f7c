/**
 * The run dock under (or, presenting, beside) the canvas: the one-row run bar, then tabs for the
 * plots and the build problems with the run's numbers and speed, and the live parameters and run log in a
 * side section shown on demand (L), so none of them pushes the raster and rates out of view.
 */
import { PlotsPanel } from '../plots/PlotsPanel';
import { useEditor } from '../store/useEditor';
import { BottomPanel } from '../problems/ProblemsPanel';
import { useWorkspace, workspaceStore } from '../shell/workspaceStore';
import { LiveParameters, RunNumbers, RunPanel, SpeedControl } from './RunPanel';
import { runStore, useRun } from './useRun';
import './run.css';

export function RunDock() {
  // The plots follow `shown`, not `results`: a new run takes them over at its first data.
  const shown = useRun((s) => s.shown);
  const plotsPending = useRun((s) => s.plotsPending);
  const waiting = useRun((s) => s.shown === null && (s.status === 'running' || s.status === 'paused'));
  const history = useRun((s) => s.history);
  const compare = useRun((s) => s.compare);
  const theme = useEditor((s) => s.theme);
  const live = useWorkspace((s) => s.live);
  const plotsMax = useWorkspace((s) => s.plotsMax);
  const toolbar = (
    <>
      <RunNumbers />
      <SpeedControl />
      <button type="button" className="dock-toggle" aria-pressed={live} onClick={() => workspaceStore.getState().toggle('live')} title="Show or hide the live parameters and the run log (L)" data-testid="toggle-live" aria-label="Live parameters">
        Live
      </button>
      <button type="button" className="dock-toggle" aria-pressed={plotsMax} onClick={() => workspaceStore.getState().toggle('plotsMax')} title={plotsMax ? 'Give the canvas and the panels back (P)' : 'Give the plots the whole window (P)'} data-testid="toggle-plots-max">
        {plotsMax ? '⤡ Restore' : '⤢ Plots'}
      </button>
    </>
  );
  return (
    <section className="run-dock" aria-label="Run and plots" data-testid="run-dock">
      <RunPanel />
      <BottomPanel
        toolbar={toolbar}
        run={
          <div className="run-plots" data-testid="run-plots">
            <PlotsPanel results={shown?.results ?? null} live={shown ? !shown.final : false} extras={shown?.extras ?? false} pending={plotsPending} document={shown?.document ?? null} facts={shown?.facts ?? null} history={history} compare={compare} onCompareChange={runStore.getState().setCompare} themeKey={theme} waiting={waiting} />
          </div>
        }
        aside={live ? <aside className="dock-aside"><LiveParameters /></aside> : null}
      />
    </section>
  );
}
