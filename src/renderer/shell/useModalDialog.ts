/**
 * A `<dialog>` that is shown modal while `open` is true and closed otherwise (the export dialog,
 * the model editor). `onSync` runs after each sync, when `open` or `session` (what the dialog
 * shows: a target, a draft) changes: clear a note, move the focus.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useModalDialog(open: boolean, session: unknown, onSync: (open: boolean) => void): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  // the latest callback, without making each render's new closure a reason to sync again
  const sync = useRef(onSync);
  useEffect(() => {
    sync.current = onSync;
  });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
    sync.current(open);
  }, [open, session]);
  return ref;
}
