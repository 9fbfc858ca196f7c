/**
 * Plays a lesson the way a student who presses "Show me" at every step would: each step's set-up,
 * then its solution (edits, then a run when it runs), then its checks. Used by `snn lesson check`
 * and the shipped-lessons test. Also checks that each check fails before the solution's edits —
 * a check that passes whatever the student does teaches nothing.
 */
import type { Document } from '../../shared/document';
import type { RunResults } from '../../shared/results';
import { applyEdits, evaluateChecks, type CheckVerdict, type Lesson, type LessonRun, type LessonStep, type ProjectResolver } from '../../shared/lessons';

/** Runs a document headlessly: its results, or why it could not run. */
export type LessonRunner = (doc: Document) => Promise<{ ok: true; results: RunResults } | { ok: false; message: string }>;

export interface StepReport {
  readonly index: number;
  readonly title: string;
  /** Line of the step in the lesson file. */
  readonly line: number;
  readonly pass: boolean;
  /** The checks' verdicts after the solution (empty for a step that only explains). */
  readonly verdicts: readonly CheckVerdict[];
  /** What went wrong besides a failed check: a set-up or solution that cannot be applied or run, a check that cannot fail. */
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

/** The project a lesson starts from. */
export function lessonStart(lesson: Lesson, resolve: ProjectResolver): { ok: true; document: Document } | { ok: false; message: string } {
  return resolve(lesson.project);
}

async function runOf(doc: Document, run: LessonRunner): Promise<LessonRun | string> {
  const r = await run(doc);
  return r.ok ? { results: r.results, document: doc } : r.message;
}

async function playStep(step: LessonStep, index: number, doc: Document, last: LessonRun | null, resolve: ProjectResolver, run: LessonRunner) {
  const problems: { line: number; message: string }[] = [];
  const report = (pass: boolean, verdicts: CheckVerdict[] = []): StepReport => ({ index, title: step.title, line: step.line, pass: pass && problems.length === 0, verdicts, problems });
  const setUp = applyEdits(doc, step.setup, resolve);
  if (!setUp.ok) {
    problems.push(setUp.error);
    return { report: report(false), doc, last };
  }
  let current = setUp.document;
  if (step.checks.length > 0 && step.show.length > 0) {
    // The student's starting point: the set-up, run as the solution would run it.
    let before: LessonRun | null = last;
    if (step.showRuns) {
      const r = await runOf(current, run);
      if (typeof r === 'string') problems.push({ line: step.line, message: `The step's set-up does not run: ${r}` });
      else before = r;
    }
    if (evaluateChecks(step.checks, current, before).every((v) => v.pass)) {
      problems.push({ line: step.line, message: 'Every check already passes before the "show me" edits: the step asks nothing of the student.' });
    }
  }
  const solved = applyEdits(current, step.show, resolve);
  if (!solved.ok) {
    problems.push(solved.error);
    return { report: report(false), doc: current, last };
  }
  current = solved.document;
  let lastRun = last;
  if (step.showRuns) {
    const r = await runOf(current, run);
    if (typeof r === 'string') {
      problems.push({ line: step.line, message: `The solution does not run: ${r}` });
      return { report: report(false), doc: current, last };
    }
    lastRun = r;
  }
  const verdicts = evaluateChecks(step.checks, current, lastRun);
  return { report: report(verdicts.every((v) => v.pass), verdicts), doc: current, last: lastRun };
}

/** Every step in order, each starting from the project as the previous step's solution left it. */
export async function playLesson(lesson: Lesson, resolve: ProjectResolver, run: LessonRunner, onStep?: (r: StepReport) => void): Promise<StepReport[] | { error: string }> {
  const start = lessonStart(lesson, resolve);
  if (!start.ok) return { error: start.message };
  let doc = start.document;
  let last: LessonRun | null = null;
  const reports: StepReport[] = [];
  for (const [i, step] of lesson.steps.entries()) {
    const played = await playStep(step, i, doc, last, resolve, run);
    reports.push(played.report);
    onStep?.(played.report);
    doc = played.doc;
    last = played.last;
  }
  return reports;
}
