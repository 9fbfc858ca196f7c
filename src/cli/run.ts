/** `snn run <file.snn>`: run a project headless and write summary.json and SVG plots. */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { formatProblem, hasErrors, type Problem } from '../shared/problems';
import { diagnoseRun, formatStatistics, networkStatistics, SpikeTally } from '../engine/analysis';
import { formatDiagnosis } from '../shared/diagnosis';
import { formatQuantity } from '../shared/units';
import { EXIT, type CliIo } from './io';
import { RUN_HELP } from './help';
import { parseRunArgs, type RunArgs } from './runArgs';
import { inFile, loadProject, readProjectText } from './projectLoad';
import { withSpikeMonitors } from './autoMonitors';
import { createProgress } from './progress';
import { runSummary } from './summary';
import { simulate } from '../engine/simulate';
import { describeChoice, projectBackend, tfjsEnvironment } from './backendEnv';

function printProblems(io: CliIo, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
}

function defaultOutDir(file: string): string {
  return `${basename(file, extname(file))}-run`;
}

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args: RunArgs = parseRunArgs(argv);
  if (args.help) {
    io.stdout.write(RUN_HELP);
    return EXIT.ok;
  }
  const text = await readProjectText(resolve(io.cwd, args.file), args.file);
  const project = loadProject(text);
  if (!project.ok) {
    printProblems(io, project.problems);
    return EXIT.usage;
  }
  printProblems(io, project.warnings);

  const started = io.now();
  const progress = args.quiet ? null : createProgress(io.stderr, io.now);
  const choice = args.backend ?? projectBackend(project.document);
  const outcome = await simulate(withSpikeMonitors(project.document), {
    backend: choice,
    environment: await tfjsEnvironment(choice),
    ...(args.quiet ? {} : { onStart: ({ backend }: { backend: string }) => void io.stderr.write(`backend ${backend} (${describeChoice(choice, args.backend)})\n`) }),
    ...(args.durationMs !== undefined ? { durationMs: args.durationMs } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
    ...(args.memoryBudgetBytes !== undefined ? { memoryBudgetBytes: args.memoryBudgetBytes } : {}),
    ...(progress !== null ? { onProgress: (p: { step: number; steps: number; wallMs: number }) => progress.update(p) } : {}),
  });
  progress?.done();
  const wallS = (io.now() - started) / 1000;
  printProblems(io, outcome.problems.map(inFile));
  // A run the recording guard stopped still writes what it recorded, and says why it stopped.
  const stopped = outcome.ok ? outcome.stopped : undefined;
  if (!outcome.ok || (hasErrors(outcome.problems) && !stopped)) return EXIT.usage;

  const { results } = outcome;
  const outDir = resolve(io.cwd, args.out ?? defaultOutDir(args.file));
  await mkdir(outDir, { recursive: true });
  const diagnosis = diagnoseRun(outcome.ir, SpikeTally.of(results).counts, results.steps, stopped !== undefined);
  const summary = runSummary(results, wallS, diagnosis, stopped);
  const { rasterSvg, rateSvg, voltageSvg } = await import('./plots');
  const files: [string, string][] = [
    ['summary.json', `${JSON.stringify(summary, null, 2)}\n`],
    ['raster.svg', rasterSvg(results)],
    ['rate.svg', rateSvg(results)],
  ];
  const voltage = voltageSvg(results);
  if (voltage !== null) files.push(['voltage.svg', voltage]);
  for (const [name, content] of files) await writeFile(resolve(outDir, name), content, 'utf8');

  io.stdout.write(`${formatStatistics(networkStatistics(results))}\n\n`);
  if (diagnosis.length > 0) io.stdout.write(`Diagnosis:\n${diagnosis.map((d) => `  ${formatDiagnosis(d)}\n`).join('')}\n`);
  io.stdout.write(`backend ${results.backend}, build ${outcome.buildSeconds.toFixed(3)} s, run ${outcome.runSeconds.toFixed(3)} s, wall ${wallS.toFixed(3)} s\n`);
  io.stdout.write(`wrote ${files.map(([n]) => n).join(', ')} to ${outDir}\n`);
  if (stopped) {
    io.stderr.write(`snn: the run stopped early at ${formatQuantity(stopped.step * results.dt, 'time')} (see the error above); summary.json says why under "stopped"\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}
