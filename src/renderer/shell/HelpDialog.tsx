/** Keyboard shortcuts and a short guide, from the one shortcut table. */
import { useEffect, useRef } from 'react';
import { TRAINING_KEYS } from '../training/TrainingPanel';
import { displayKeys, SHORTCUTS } from './shortcuts';

/** Keys the run panel handles itself (src/renderer/run/RunPanel.tsx). */
const RUN_KEYS: readonly (readonly [string, string])[] = [
  ['F5', 'Run'],
  ['Mod+Enter', 'Run'],
  ['Space', 'Pause or resume a run (outside text fields)'],
  ['Escape', 'Stop a run (when no dialog is open)'],
];

const MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function HelpDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog ref={ref} className="dialog" onClose={onClose} onClick={(e) => e.target === ref.current && onClose()} aria-label="Help">
      <h2>Keyboard shortcuts</h2>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.filter((s) => s.keys !== 'Backspace').map((s) => (
            <tr key={s.keys}><td><kbd>{displayKeys(s.keys, MAC)}</kbd></td><td>{s.label}</td></tr>
          ))}
          {RUN_KEYS.map(([keys, label]) => (
            <tr key={`run-${keys}`}><td><kbd>{displayKeys(keys, MAC)}</kbd></td><td>{label}</td></tr>
          ))}
          {TRAINING_KEYS.map(([keys, label]) => (
            <tr key={`train-${keys}`}><td><kbd>{displayKeys(keys, MAC)}</kbd></td><td>{label}</td></tr>
          ))}
        </tbody>
      </table>
      <h2>Building a network</h2>
      <p>Drag models from the palette. Wire left to right: an input into a population, a population into a projection and the projection into its target population, a population into a monitor. Shift-drag on the canvas selects several nodes.</p>
      <p>Type parameters with units — <code>-65 mV</code>, <code>200 pA</code>, <code>10 MOhm</code>. A value with the wrong unit is refused and never changes the project.</p>
      <h2>The workspace</h2>
      <p>The bars between the palette, the canvas, the plots and the inspector are splitters: drag them, or focus one with <kbd>Tab</kbd> and use the arrow keys (a double click puts it back). Sizes are remembered on this computer, never saved in the project.</p>
      <p><kbd>P</kbd> gives the plots the whole window and back; <kbd>[</kbd> and <kbd>]</kbd> hide or show the palette and the inspector; <kbd>L</kbd> shows the live parameters and the run log beside the plots. <b>Present</b> (<kbd>{displayKeys('Shift+P', MAC)}</kbd>) switches to large type for a projector, with the network and its plots side by side.</p>
      <div className="button-row"><button type="button" className="primary" onClick={onClose} autoFocus>Close</button></div>
    </dialog>
  );
}
