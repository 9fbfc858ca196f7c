/**
 * `snn lesson check FILE...`: parse each lesson, then play it headlessly — every step's set-up
 * and "show me" solution, a run where the solution runs, and its checks. Exit 0 when every step
 * passes, 1 when a check or a solution fails, 2 when a file cannot be read or parsed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatLessonError, MAX_LESSON_BYTES, parseLesson, projectResolver } from '../shared/lessons';
import { playLesson, type LessonRunner, type StepReport } from '../engine/lessons/playLesson';
import { simulate } from '../engine/simulate';
import { EXIT, UsageError, type CliIo } from './io';
import { LESSON_HELP } from './help';
import { readProjectText } from './projectLoad';

/** Example files are looked for beside the lesson, then in ../examples (resources/lessons -> resources/examples). */
function exampleTextNear(lessonFile: string): (name: string) => string | undefined {
  const dir = dirname(lessonFile);
  return (name) => {
    for (const candidate of [resolve(dir, name), resolve(dir, '..', 'examples', name)]) {
      if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
    }
    return undefined;
  };
}

/** The reference backend, as the app's auto choice runs lessons on a laptop. */
const runHeadless: LessonRunner = async (doc) => {
  const outcome = await simulate(doc, { backend: 'typed' });
  if (!outcome.ok) return { ok: false, message: outcome.problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`).join('; ') || 'the network could not be built' };
  const errors = outcome.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) return { ok: false, message: errors.map((p) => p.message).join('; ') };
  return { ok: true, results: outcome.results };
};

function printStep(io: CliIo, file: string, r: StepReport, verbose: boolean): void {
  io.stdout.write(`${r.pass ? '✓' : '✗'} step ${r.index + 1} "${r.title}" (line ${r.line})\n`);
  for (const p of r.problems) io.stdout.write(`    ${file}:${p.line}: ${p.message}\n`);
  for (const v of r.verdicts) if (verbose || !v.pass) io.stdout.write(`    ${v.pass ? '✓' : '✗'} ${v.text}${v.pass ? '' : ` (${file}:${v.line})`}\n`);
}

async function checkOne(io: CliIo, file: string, verbose: boolean): Promise<number> {
  const path = resolve(io.cwd, file);
  const text = await readProjectText(path, file);
  if (text.length > MAX_LESSON_BYTES) throw new UsageError(`${file} is larger than any lesson (at most ${MAX_LESSON_BYTES / 1024} KiB)`);
  const parsed = parseLesson(text);
  if (!parsed.ok) {
    for (const e of parsed.errors) io.stderr.write(`${formatLessonError(e, file)}\n`);
    return EXIT.usage;
  }
  const { lesson } = parsed;
  io.stdout.write(`${file}: "${lesson.title}", ${lesson.steps.length} steps\n`);
  const reports = await playLesson(lesson, projectResolver(exampleTextNear(path)), runHeadless, (r) => printStep(io, file, r, verbose));
  if ('error' in reports) {
    io.stderr.write(`${file}: ${reports.error}\n`);
    return EXIT.usage;
  }
  const failed = reports.filter((r) => !r.pass).length;
  io.stdout.write(failed === 0 ? `${file}: every step passes\n\n` : `${file}: ${failed} of ${reports.length} steps fail\n\n`);
  return failed === 0 ? EXIT.ok : EXIT.failed;
}

export async function lessonCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === '-h' || sub === '--help' || rest.includes('-h') || rest.includes('--help')) {
    io.stdout.write(LESSON_HELP);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  if (sub !== 'check') throw new UsageError(`unknown lesson command '${sub}' (use: snn lesson check FILE...)`);
  const verbose = rest.includes('--verbose') || rest.includes('-v');
  const unknown = rest.find((a) => a.startsWith('-') && a !== '--verbose' && a !== '-v');
  if (unknown) throw new UsageError(`unknown option '${unknown}' for 'snn lesson check' (see 'snn lesson --help')`);
  const files = rest.filter((a) => !a.startsWith('-'));
  if (files.length === 0) throw new UsageError('snn lesson check needs at least one lesson file (e.g. resources/lessons/01-lif.lesson.md)');
  let worst: number = EXIT.ok;
  for (const file of files) worst = Math.max(worst, await checkOne(io, file, verbose));
  return worst;
}
