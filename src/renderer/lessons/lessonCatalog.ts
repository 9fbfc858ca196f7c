/** The lessons shipped in resources/lessons, bundled as text and parsed once; a malformed one is listed with its errors. */
import { parseLesson, projectResolver, type Lesson, type LessonError, type ProjectResolver } from '../../shared/lessons';
import { EXAMPLES } from '../project/examples';

export interface LessonEntry {
  /** File name, e.g. "01-lif.lesson.md"; the key progress is remembered under. */
  readonly name: string;
  readonly lesson: Lesson | null;
  /** Mistakes in the file (the teacher sees them on the start page), empty when it parsed. */
  readonly errors: readonly LessonError[];
}

const files = import.meta.glob('../../../resources/lessons/*.lesson.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Parse bundled lesson texts (exported for tests). */
export function lessonEntries(texts: Record<string, string>): LessonEntry[] {
  return Object.entries(texts)
    .map(([path, text]) => {
      const name = path.split('/').pop() ?? path;
      const parsed = parseLesson(text);
      return parsed.ok ? { name, lesson: parsed.lesson, errors: [] } : { name, lesson: null, errors: parsed.errors };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const LESSONS: readonly LessonEntry[] = lessonEntries(files);

/** Lessons find their projects among the bundled examples. */
export const resolveLessonProject: ProjectResolver = projectResolver((name) => EXAMPLES.find((e) => e.name === name)?.text);
