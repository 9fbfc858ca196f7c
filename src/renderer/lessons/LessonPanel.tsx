/**
 * The lesson beside the canvas: the step's text (Markdown, math, links that select a node or a
 * field), what to do, progress, Back / Check / Show me / Next, the check's verdict in words and a
 * hint after each wrong try. A thin view over lessonStore.
 */
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { parseLessonLink } from '../../shared/lessons';
import { editorStore } from '../store/useEditor';
import { panelShown, workspaceStore } from '../shell/workspaceStore';
import { useRun } from '../run/useRun';
import { lessonHtml } from './lessonMarkdown';
import { lessonOf, lessonStore, useLessons } from './lessonStore';
import './lessons.css';

/** Time for the panels to take their sizes after the lesson panel appears, ms. */
const FIT_AFTER_MS = 120;

/** A click on node:… or field:… selects it (and shows the inspector for a field); other links open outside. */
function onLinkClick(e: MouseEvent<HTMLDivElement>): void {
  const a = (e.target as HTMLElement).closest('a');
  if (!a) return;
  const href = a.getAttribute('href') ?? '';
  const link = parseLessonLink(href);
  e.preventDefault();
  if (!link) {
    if (/^https?:/.test(href)) window.open(href, '_blank', 'noopener');
    return;
  }
  const editor = editorStore.getState();
  if (!editor.doc.nodes.some((n) => n.id === link.node)) {
    editor.toast('error', `The lesson points at "${link.node}", which is not in the project any more.`);
    return;
  }
  if (link.kind === 'node') {
    editor.select({ nodes: [link.node], wires: [] });
    return;
  }
  const ws = workspaceStore.getState();
  if (!panelShown(ws, 'inspector')) ws.togglePanel('inspector');
  editor.focusField(link.node, link.field);
}

export function LessonPanel() {
  const name = useLessons((s) => s.open);
  const index = useLessons((s) => s.step);
  const verdicts = useLessons((s) => s.verdicts);
  const message = useLessons((s) => s.message);
  const progress = useLessons((s) => (s.open ? s.progress[s.open] : undefined));
  const running = useRun((s) => s.status === 'running' || s.status === 'paused');
  const lesson = lessonOf(name);
  const step = lesson?.steps[index];
  const html = useMemo(() => (step ? lessonHtml(step.text) : ''), [step]);
  const verdictRef = useRef<HTMLUListElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  // A verdict (and its hint) arrives below the step's text: scroll the text so it shows (the class is looking for it).
  useEffect(() => {
    const body = bodyRef.current;
    const v = verdictRef.current;
    if (body && v) body.scrollTop = Math.max(body.scrollTop, v.offsetTop + v.offsetHeight + 120 - body.clientHeight);
  }, [verdicts]);
  // The panel takes room from the canvas: fit the network into what is left once the layout has settled.
  useEffect(() => {
    const timer = setTimeout(() => editorStore.getState().requestFit(), FIT_AFTER_MS);
    return () => clearTimeout(timer);
  }, [name]);
  // Braces: scrollTo returns a promise in recent Chromium, and an effect must return nothing or a cleanup.
  useEffect(() => {
    if (bodyRef.current) bodyRef.current.scrollTop = 0;
  }, [index, name]);
  if (!lesson || !step) return null;
  const actions = lessonStore.getState();
  const passed = progress?.passed.includes(index) ?? false;
  const tries = progress?.tries[index] ?? 0;
  const failedNow = verdicts !== null && verdicts.some((v) => !v.pass);
  const hints = step.hints.slice(0, Math.min(tries, step.hints.length));
  const last = index === lesson.steps.length - 1;
  const doneCount = progress?.passed.length ?? 0;
  const checkable = lesson.steps.filter((s) => s.checks.length > 0).length;

  return (
    <aside className="lesson-panel" aria-label="Lesson" data-testid="lesson-panel" data-step={index} data-passed={passed ? 'yes' : 'no'}>
      <header className="lesson-head">
        <div className="lesson-title" title={lesson.title}>{lesson.title}</div>
        <button type="button" className="lesson-close" onClick={() => actions.close()} title="Close the lesson (your progress is kept)" aria-label="Close the lesson">×</button>
      </header>
      <nav className="lesson-progress" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <button key={i} type="button" title={`${i + 1}. ${s.title}`} aria-current={i === index ? 'step' : undefined}
            className={`lesson-dot${i === index ? ' is-current' : ''}${progress?.passed.includes(i) ? ' is-passed' : ''}`}
            onClick={() => actions.go(i)} data-testid={`lesson-dot-${i}`}>
            {progress?.passed.includes(i) ? '✓' : i + 1}
          </button>
        ))}
        <span className="lesson-count">{doneCount}/{checkable} done</span>
      </nav>
      <h2 className="lesson-step-title" data-testid="lesson-step-title">
        <span className="muted">Step {index + 1} of {lesson.steps.length} · </span>{step.title}
      </h2>
      <div className="lesson-body" ref={bodyRef}>
        <div className="lesson-text" onClick={onLinkClick} dangerouslySetInnerHTML={{ __html: html }} />
        {step.ask && <p className="lesson-ask" data-testid="lesson-ask"><strong>Your turn: </strong>{step.ask}</p>}
        {message && <p className="lesson-message" role="status">{message}</p>}
        {verdicts && (
          <ul ref={verdictRef} className={`lesson-verdicts ${failedNow ? 'is-fail' : 'is-pass'}`} data-testid="lesson-verdict" aria-live="polite">
            {verdicts.map((v, i) => (
              <li key={i} className={v.pass ? 'pass' : 'fail'}><span aria-hidden>{v.pass ? '✓' : '✗'}</span> {v.text}</li>
            ))}
            {!failedNow && <li className="lesson-well-done">Well done{last ? ' — that was the last step.' : '. Go on with Next.'}</li>}
          </ul>
        )}
        {hints.length > 0 && failedNow && (
          <div className="lesson-hints" data-testid="lesson-hint">
            {hints.map((h, i) => <p key={i}><strong>Hint{hints.length > 1 ? ` ${i + 1}` : ''}: </strong>{h}</p>)}
          </div>
        )}
      </div>
      <footer className="lesson-actions">
        <button type="button" onClick={() => actions.go(index - 1)} disabled={index === 0} data-testid="lesson-back">← Back</button>
        {step.checks.length > 0 && <button type="button" onClick={() => actions.check()} disabled={running} data-testid="lesson-check" title="Check your answer against the project and the last run">Check</button>}
        {(step.show.length > 0 || step.showRuns) && <button type="button" onClick={() => actions.showMe()} disabled={running} data-testid="lesson-show" title="Do this step for me (undo with Ctrl+Z)">Show me</button>}
        <button type="button" className={passed || step.checks.length === 0 ? 'primary' : ''} onClick={() => actions.go(index + 1)} disabled={last} data-testid="lesson-next">Next →</button>
      </footer>
    </aside>
  );
}
