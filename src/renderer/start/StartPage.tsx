/** The start page: new, open, a recovery offer after a crash, and the examples as cards. */
import type { Recovery } from '../platform/Platform';
import { EXAMPLES } from '../project/examples';
import type { FileActions } from '../shell/fileActions';
import { LessonCards } from '../lessons/LessonCards';

export function StartPage({ files, recovery, onRecoveryHandled }: { files: FileActions; recovery: Recovery | null; onRecoveryHandled(): void }) {
  return (
    <main className="start">
      <div className="start-inner">
        <h1>Build a spiking network</h1>
        <p className="lede">Drag populations, inputs and projections onto a canvas, type parameters with their units, and see what the network will do before you run it.</p>
        {recovery && (
          <div className="recovery" role="alert" data-testid="recovery">
            <div>
              <strong>Unsaved work was recovered.</strong> {recovery.name}, autosaved {new Date(recovery.savedAt).toLocaleString()}.
            </div>
            <div className="button-row">
              <button type="button" className="primary" data-testid="restore" onClick={() => files.restore(recovery.text, recovery.name, recovery.handle) && onRecoveryHandled()}>Restore</button>
              <button type="button" onClick={() => void files.discardRecovery().then(onRecoveryHandled)}>Discard</button>
            </div>
          </div>
        )}
        <div className="start-actions">
          <button type="button" className="primary big" onClick={() => files.newDocument()} data-testid="new">New project</button>
          <button type="button" className="big" onClick={() => void files.open()} data-testid="start-open">Open…</button>
        </div>
        <LessonCards />
        <h2>Examples</h2>
        {EXAMPLES.length === 0 && <p className="muted">No examples are bundled with this build.</p>}
        <div className="cards">
          {EXAMPLES.map((ex) => (
            <button key={ex.name} type="button" className="example" data-testid={`example-${ex.name}`}
              onClick={() => files.openText({ name: ex.name, handle: null, text: ex.text })}>
              <span className="example-title">{ex.title}</span>
              <span className="example-desc">{ex.description}</span>
              <span className="example-meta">{ex.name} · {ex.nodes} nodes</span>
            </button>
          ))}
        </div>
      </div>
    </main>
  );
}
