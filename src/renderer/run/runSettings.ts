/**
 * The run panel's fields as typed (duration, dt, seed, backend) and their check. A field that does
 * not parse, or breaks a rule, keeps its text and says why at the field; Run is refused naming it.
 * Nothing is ever replaced by a default: an empty field is an error.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { parseQuantity } from '../../shared/units';
import type { RunSettings } from './runStore';

/** The fields exactly as typed. */
export interface RunDraft {
  readonly duration: string;
  readonly dt: string;
  readonly seed: string;
  readonly backend: RunSettings['backend'];
}

export type RunField = 'duration' | 'dt' | 'seed';
export type RunFieldErrors = Partial<Record<RunField, string>>;

export const RUN_FIELD_LABELS: Record<RunField, string> = { duration: 'Duration', dt: 'dt', seed: 'Seed' };

/** The largest seed the document accepts (an unsigned 32-bit integer). */
const MAX_SEED = 2 ** 32 - 1;

export function draftOf(sim: { duration: string | number; dt: string | number; seed: number; backend: RunSettings['backend'] }): RunDraft {
  return { duration: String(sim.duration), dt: String(sim.dt), seed: String(sim.seed), backend: sim.backend };
}

/** Duration and dt in ms when they parse (the two-field rule dt < duration needs both). */
function time(text: string, label: string): { ms: number } | { error: string } {
  if (text.trim() === '') return { error: `${label} is empty; type a time such as "500 ms".` };
  const q = parseQuantity(text, 'time');
  if (!q.ok) return { error: q.reason };
  return { ms: q.value };
}

/** Every field's error (none: the draft can run), with the settings when it can. */
export function checkRunDraft(d: RunDraft): { errors: RunFieldErrors; settings: RunSettings | null } {
  const errors: RunFieldErrors = {};
  const duration = time(d.duration, 'Duration');
  const dt = time(d.dt, 'dt');
  if ('error' in duration) errors.duration = duration.error;
  else if (!(duration.ms > 0)) errors.duration = `Duration must be greater than zero (got ${d.duration.trim()}).`;
  if ('error' in dt) errors.dt = dt.error;
  else if (!(dt.ms > 0)) errors.dt = `dt must be greater than zero (got ${d.dt.trim()}).`;
  else if (!errors.duration && 'ms' in duration && !(dt.ms < duration.ms)) errors.dt = `dt must be shorter than the duration (${d.duration.trim()}).`;
  const seedText = d.seed.trim();
  if (seedText === '') errors.seed = 'Seed is empty; type a whole number such as 42.';
  else if (!/^\d+$/.test(seedText)) errors.seed = `Seed must be a whole number ≥ 0 (got "${seedText}").`;
  else if (Number(seedText) > MAX_SEED) errors.seed = `Seed must be at most ${MAX_SEED}.`;
  const ok = Object.keys(errors).length === 0;
  return { errors, settings: ok ? { duration: d.duration.trim(), dt: d.dt.trim(), seed: Number(seedText), backend: d.backend } : null };
}

/** The sentence shown when Run is refused, naming each field at fault. */
export function refusalMessage(errors: RunFieldErrors): string {
  const fields = (Object.keys(errors) as RunField[]).map((f) => `${RUN_FIELD_LABELS[f]}: ${errors[f]}`);
  return `Run refused — fix the run field${fields.length === 1 ? '' : 's'} first. ${fields.join(' ')}`;
}

interface RunDraftState {
  readonly draft: RunDraft | null;
  readonly errors: RunFieldErrors;
  /** Why the last Run was refused (cleared when the fields change). */
  readonly refusal: string | null;
}

/** The run panel's fields, shared by the panel, F5 and the menu's Run so all three refuse alike. */
export const runDraftStore = createStore<RunDraftState & {
  setDraft(d: RunDraft): void;
  /** Start from the document's settings when they changed (a new or loaded document), not on a remount. */
  fromDocument(sim: Parameters<typeof draftOf>[0]): void;
  refuse(message: string | null): void;
}>()((set, get) => {
  let source: unknown = null;
  return {
    draft: null,
    errors: {},
    refusal: null,
    fromDocument(sim) {
      if (sim === source) return;
      source = sim;
      get().setDraft(draftOf(sim));
    },
    setDraft(draft) {
      set({ draft, errors: checkRunDraft(draft).errors, refusal: null });
    },
    refuse(refusal) {
      set({ refusal });
    },
  };
});

export function useRunDraft<T>(selector: (s: RunDraftState) => T): T {
  return useStore(runDraftStore, selector);
}

/**
 * Run `doc` with the run panel's fields, or refuse naming the fields at fault (F5, Ctrl+Enter,
 * the Run button and the menu's Run all come here). `start` is the run store's run.
 */
export function runFromPanel(doc: { simulation: Parameters<typeof draftOf>[0] }, start: (settings: RunSettings) => void): boolean {
  const s = runDraftStore.getState();
  const { errors, settings } = checkRunDraft(s.draft ?? draftOf(doc.simulation));
  if (!settings) {
    s.refuse(refusalMessage(errors));
    return false;
  }
  s.refuse(null);
  start(settings);
  return true;
}
