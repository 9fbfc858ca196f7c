/** The toolbar's Export ▾ menu (the browser build has no native menu): one item per simulator. */
import { useEffect, useRef, useState } from 'react';
import { EXPORT_TARGET_NAMES, type ExportTargetName } from '../../shared/protocol';
import { TARGET_LABEL } from './exportStore';

export function ExportMenu({ onExport }: { onExport(target: ExportTargetName): void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', away);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('pointerdown', away);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);
  return (
    <div className="export-menu" ref={ref}>
      <button type="button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Export the project as a script for Brian2, BrainPy or PyNEST" data-testid="export-menu">Export ▾</button>
      {open && (
        <div className="export-menu-list" role="menu">
          {EXPORT_TARGET_NAMES.map((t) => (
            <button key={t} type="button" role="menuitem" data-testid={`export-${t}`} onClick={() => { setOpen(false); onExport(t); }}>
              {TARGET_LABEL[t]}…
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
