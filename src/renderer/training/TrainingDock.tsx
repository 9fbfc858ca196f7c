/**
 * The dock under the canvas with a switch between the run's plots and the training panel. The
 * switch shows once the project can train (a training section, or a projection marked trainable);
 * the run dock stays mounted while training shows, so its problems and plots are kept.
 */
import type { ReactNode } from 'react';
import { PlotBoundary } from '../plots/PlotBoundary';
import { useEditor } from '../store/useEditor';
import { TrainingPanel } from './TrainingPanel';
import { trainingStore, useTraining } from './useTraining';

export function TrainingDock({ children }: { children: ReactNode }) {
  const open = useTraining((s) => s.open);
  const status = useTraining((s) => s.status);
  const offered = useEditor((s) => s.doc.training !== undefined || s.doc.nodes.some((n) => n.kind === 'projection' && n.trainable === true));
  if (!offered && !open) return <>{children}</>;
  const set = (v: boolean) => () => trainingStore.getState().setOpen(v);
  const busy = status === 'training' || status === 'paused' || status === 'stopping';
  return (
    <div className="training-dock">
      <div className="training-switch" role="tablist" aria-label="Dock">
        <button type="button" role="tab" aria-selected={!open} className={`tab${!open ? ' is-active' : ''}`} onClick={set(false)} data-testid="dock-run">Run &amp; plots</button>
        <button type="button" role="tab" aria-selected={open} className={`tab${open ? ' is-active' : ''}`} onClick={set(true)} data-testid="dock-training">
          Training{busy ? ' ●' : ''}
        </button>
      </div>
      <div className="training-dock-body" hidden={open}>{children}</div>
      {open && (
        <div className="training-dock-body">
          <PlotBoundary name="training-panel" label="training panel">
            <TrainingPanel />
          </PlotBoundary>
        </div>
      )}
    </div>
  );
}
