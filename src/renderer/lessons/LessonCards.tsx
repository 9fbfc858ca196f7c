/** The start page's "Lessons": one card per shipped lesson with the student's progress; a malformed lesson shows its errors (for the teacher who wrote it). */
import { formatLessonError } from '../../shared/lessons';
import { LESSONS } from './lessonCatalog';
import { lessonStore, useLessons } from './lessonStore';
import './lessons.css';

export function LessonCards() {
  const progress = useLessons((s) => s.progress);
  if (LESSONS.length === 0) return null;
  return (
    <>
      <h2 id="lessons">Lessons</h2>
      <div className="cards lesson-cards">
        {LESSONS.map(({ name, lesson, errors }) => {
          if (!lesson) {
            return (
              <div key={name} className="example" data-testid={`lesson-${name}`}>
                <span className="example-title">{name}</span>
                <span className="example-meta is-error">{errors.slice(0, 3).map((e) => formatLessonError(e)).join('\n')}</span>
              </div>
            );
          }
          const p = progress[name];
          const checkable = lesson.steps.filter((s) => s.checks.length > 0).length;
          const state = p ? `step ${p.step + 1} of ${lesson.steps.length} · ${p.passed.length}/${checkable} done` : `${lesson.steps.length} steps`;
          return (
            <button key={name} type="button" className="example" data-testid={`lesson-${name}`} onClick={() => void lessonStore.getState().start(name)}>
              <span className="example-title">{lesson.title}</span>
              <span className="example-desc">{lesson.summary}</span>
              <span className="example-meta">{p ? 'Continue: ' : ''}{state}</span>
            </button>
          );
        })}
      </div>
    </>
  );
}
