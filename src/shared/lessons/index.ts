/** Lessons: the file format (parseLesson), its records (types), edits to a project and in-text links. */
export * from './types';
export { parseLesson, formatLessonError, MAX_LESSON_BYTES } from './parseLesson';
export { applyEdit, applyEdits, fieldValue, type EditOutcome, type ProjectResolver } from './applyEdits';
export { parseLessonLink, type LessonLink } from './links';
export { projectResolver } from './resolveProject';
export { evaluateChecks, type CheckVerdict, type LessonRun } from './evaluateChecks';
