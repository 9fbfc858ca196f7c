/**
 * The open lesson: which step shows, the last check's verdicts, the hints earned by wrong tries,
 * and each lesson's progress, remembered on this computer (localStorage) so a reload or the next
 * class resumes where the student was. Session state: never in the document, never in undo.
 * Set-up and "show me" go through the editor's store as ordinary undoable changes.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Document } from '../../shared/document';
import { applyEdits, evaluateChecks, needsResults, type CheckVerdict, type Lesson, type LessonEdit } from '../../shared/lessons';
import { editorStore } from '../store/useEditor';
import { runStore } from '../run/useRun';
import { settingsOf } from '../run/runStore';
import { changesBetween } from './documentChanges';
import { LESSONS, resolveLessonProject } from './lessonCatalog';

/** What is remembered per lesson. */
export interface LessonProgress {
  /** Step shown last (0-based). */
  readonly step: number;
  /** Steps whose checks passed. */
  readonly passed: readonly number[];
  /** Wrong tries per step (each reveals one more hint). */
  readonly tries: Readonly<Record<number, number>>;
}

export interface LessonState {
  /** File name of the open lesson, or null (no lesson panel). */
  readonly open: string | null;
  readonly step: number;
  readonly verdicts: readonly CheckVerdict[] | null;
  /** A set-up or solution that could not be applied, or a note about resuming. */
  readonly message: string | null;
  readonly progress: Readonly<Record<string, LessonProgress>>;
}

export interface LessonActions {
  /** Open a lesson at its remembered step (its project set up as the steps before it leave it). */
  start(name: string): Promise<void>;
  /** Start again from step 1 with the lesson's own project. */
  restart(): Promise<void>;
  close(): void;
  go(step: number): void;
  /** Evaluate the step's checks on the project and the last run; a failure counts as a wrong try. */
  check(): void;
  /** Apply the step's solution (one undoable change) and run when it runs. */
  showMe(): void;
}

export type LessonStore = LessonState & LessonActions;

export interface LessonStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const LESSONS_KEY = 'snn-lessons';
const EMPTY: LessonProgress = { step: 0, passed: [], tries: {} };

function loadProgress(storage: LessonStorage | undefined): Record<string, LessonProgress> {
  try {
    const saved = JSON.parse(storage?.getItem(LESSONS_KEY) ?? '{}') as Record<string, Partial<LessonProgress>>;
    const out: Record<string, LessonProgress> = {};
    for (const [name, p] of Object.entries(saved)) {
      if (typeof p !== 'object' || p === null) continue;
      out[name] = {
        step: Number.isInteger(p.step) && (p.step as number) >= 0 ? (p.step as number) : 0,
        passed: Array.isArray(p.passed) ? p.passed.filter((x): x is number => Number.isInteger(x)) : [],
        tries: typeof p.tries === 'object' && p.tries !== null ? (p.tries as Record<number, number>) : {},
      };
    }
    return out;
  } catch {
    // A corrupt entry (edited by hand, another version) starts every lesson afresh rather than breaking the page.
    return {};
  }
}

function browserStorage(): LessonStorage | undefined {
  try {
    return (globalThis as { localStorage?: LessonStorage }).localStorage;
  } catch {
    return undefined;
  }
}

export function lessonOf(name: string | null): Lesson | null {
  return LESSONS.find((l) => l.name === name)?.lesson ?? null;
}

/** Put `next` into the editor: a new project (a load) replaces it, anything else is one undoable change. */
async function putDocument(current: Document, next: Document, replaced: boolean, fileName: string): Promise<void> {
  const editor = editorStore.getState();
  if (replaced || editor.view !== 'editor') {
    await editor.load(next, fileName, null, { dirty: true });
    return;
  }
  const changes = changesBetween(current, next);
  if (changes.length) editor.apply(changes);
}

const loads = (edits: readonly LessonEdit[]): boolean => edits.some((e) => e.type === 'load');

function fileNameOf(lesson: Lesson): string {
  return lesson.project.kind === 'example' ? lesson.project.name : 'lesson.snn';
}

export function createLessonStore(storage: LessonStorage | undefined = browserStorage()) {
  const store = createStore<LessonStore>()((set, get) => {
    const remember = (name: string, patch: Partial<LessonProgress>): void => {
      const progress = { ...get().progress, [name]: { ...(get().progress[name] ?? EMPTY), ...patch } };
      set({ progress });
      try {
        storage?.setItem(LESSONS_KEY, JSON.stringify(progress));
      } catch {
        // storage full or blocked: progress still holds for this session
      }
    };
    const current = (): { name: string; lesson: Lesson } | null => {
      const name = get().open;
      const lesson = lessonOf(name);
      return name && lesson ? { name, lesson } : null;
    };
    /** Apply edits to the editor's document; false (and a message) when they do not apply. */
    const edit = async (lesson: Lesson, edits: readonly LessonEdit[]): Promise<boolean> => {
      if (edits.length === 0) return true;
      const doc = editorStore.getState().doc;
      const r = applyEdits(doc, edits, resolveLessonProject);
      if (!r.ok) {
        set({ message: `This step cannot change the project: ${r.error.message} (lesson line ${r.error.line})` });
        return false;
      }
      await putDocument(doc, r.document, loads(edits), fileNameOf(lesson));
      return true;
    };
    const runNow = (): void => {
      const doc = editorStore.getState().doc;
      runStore.getState().run(doc, settingsOf(doc.simulation));
    };

    return {
      open: null,
      step: 0,
      verdicts: null,
      message: null,
      progress: loadProgress(storage),

      async start(name) {
        const lesson = lessonOf(name);
        if (!lesson) return;
        const saved = get().progress[name] ?? EMPTY;
        const step = Math.min(saved.step, lesson.steps.length - 1);
        const first = resolveLessonProject(lesson.project);
        if (!first.ok) {
          set({ open: name, step, verdicts: null, message: first.message });
          return;
        }
        // Resuming: the project as the earlier steps' set-ups and solutions leave it, then this step's set-up.
        const edits = lesson.steps.slice(0, step).flatMap((s) => [...s.setup, ...s.show]).concat(lesson.steps[step].setup);
        const built = applyEdits(first.document, edits, resolveLessonProject);
        const doc = built.ok ? built.document : first.document;
        set({
          open: name, step, verdicts: null,
          message: !built.ok ? `The lesson's set-up failed: ${built.error.message} (lesson line ${built.error.line})` : step > 0 ? `Resumed at step ${step + 1}: the project is set up as the steps before it leave it.` : null,
        });
        remember(name, { step });
        await editorStore.getState().load(doc, fileNameOf(lesson), null, { dirty: true });
      },
      async restart() {
        const name = get().open;
        if (!name) return;
        remember(name, { step: 0, passed: [], tries: {} });
        await get().start(name);
      },
      close() {
        set({ open: null, verdicts: null, message: null });
      },
      go(step) {
        const c = current();
        if (!c || step < 0 || step >= c.lesson.steps.length) return;
        const from = get().step;
        set({ step, verdicts: null, message: null });
        remember(c.name, { step });
        // A step's set-up is applied when the student moves forward into it, not when going back.
        if (step > from) void edit(c.lesson, c.lesson.steps[step].setup);
      },
      check() {
        const c = current();
        if (!c) return;
        const step = c.lesson.steps[get().step];
        if (step.checks.length === 0) return;
        const run = runStore.getState();
        const finished = run.status === 'done' && run.final && run.results && run.runDocument;
        const verdicts = evaluateChecks(step.checks, editorStore.getState().doc, finished ? { results: run.results!, document: run.runDocument! } : null);
        set({ verdicts });
        const p = get().progress[c.name] ?? EMPTY;
        const index = get().step;
        if (verdicts.every((v) => v.pass)) {
          if (!p.passed.includes(index)) remember(c.name, { passed: [...p.passed, index] });
        } else {
          remember(c.name, { tries: { ...p.tries, [index]: (p.tries[index] ?? 0) + 1 } });
        }
      },
      showMe() {
        const c = current();
        if (!c) return;
        const step = c.lesson.steps[get().step];
        void edit(c.lesson, step.show).then((ok) => {
          if (!ok) return;
          if (step.showRuns) runNow();
          else get().check();
        });
      },
    };
  });
  return store;
}

export const lessonStore = createLessonStore();

/** When a run of the open lesson's project ends, its result checks are evaluated at once. */
runStore.subscribe((s, prev) => {
  if (s.status !== 'done' || !s.final || (prev.status === 'done' && prev.final)) return;
  const l = lessonStore.getState();
  const lesson = lessonOf(l.open);
  const step = lesson?.steps[l.step];
  if (step && step.checks.some(needsResults)) l.check();
});

export function useLessons<T>(selector: (s: LessonStore) => T): T {
  return useStore(lessonStore, selector);
}
