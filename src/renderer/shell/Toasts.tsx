/** Short messages (refused wires, saves, errors) that fade on their own. */
import { useEffect } from 'react';
import { editorStore, useEditor } from '../store/useEditor';
import { TOAST_MS } from '../store/editorStore';

export function Toasts() {
  const toasts = useEditor((s) => s.toasts);
  useEffect(() => {
    if (!toasts.length) return;
    const t = setTimeout(() => editorStore.getState().dismissToast(toasts[0].id), TOAST_MS);
    return () => clearTimeout(t);
  }, [toasts]);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} data-testid="toast" onClick={() => editorStore.getState().dismissToast(t.id)}>{t.text}</div>
      ))}
    </div>
  );
}
