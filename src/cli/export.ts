/**
 * `snn export <file.snn> --to brainpy|brian2|pynest [--target T] [--out script.py]`: write a project as a
 * script for another simulator (see src/engine/export). Without --out the script goes to
 * stdout. Bad input (flags, file, or a feature the target cannot express) prints one line per
 * problem on stderr and exits 2.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatProblem, type Problem } from '../shared/problems';
import { BRIAN2_TARGETS, EXPORT_TARGETS, exportProject, isExportTarget, type Brian2Target, type ExportTarget } from '../engine/export';
import { EXIT, type CliStream } from './io';
import { inFile, loadProject, readProjectText } from './projectLoad';
import { EXPORT_HELP } from './help';


interface ExportArgs {
  readonly file?: string;
  readonly to?: ExportTarget;
  readonly out?: string;
  /** Brian2 only: the script's default code generation target. */
  readonly target?: Brian2Target;
  readonly help: boolean;
}

function parseArgs(argv: readonly string[]): ExportArgs | string {
  let file: string | undefined;
  let to: ExportTarget | undefined;
  let out: string | undefined;
  let target: Brian2Target | undefined;
  let help = false;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => inline ?? argv[++k];
    if (flag === '-h' || flag === '--help') help = true;
    else if (flag === '--to') {
      const v = value();
      if (v === undefined) return `--to needs a target (${EXPORT_TARGETS.join(', ')})`;
      if (!isExportTarget(v)) return `unknown export target '${v}' (choose ${EXPORT_TARGETS.join(', ')})`;
      to = v;
    } else if (flag === '--target') {
      const v = value();
      if (v === undefined || !(BRIAN2_TARGETS as readonly string[]).includes(v)) return `--target needs a Brian2 target (${BRIAN2_TARGETS.join(', ')})`;
      target = v as Brian2Target;
    } else if (flag === '--out' || flag === '-o') {
      const v = value();
      if (v === undefined || v === '') return '--out needs a file name';
      out = v;
    } else if (a.startsWith('-') && a !== '-') return `unknown option '${a}' (see 'snn export --help')`;
    else if (file === undefined) file = a;
    else return `one project file at a time (got '${file}' and '${a}')`;
  }
  if (target !== undefined && to !== undefined && to !== 'brian2') return `--target chooses Brian2's code generation; it does not apply to --to ${to}`;
  return { file, to, out, target, help };
}

export interface ExportIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Directory relative paths are resolved against (default: the process's). */
  readonly cwd?: string;
}

function printProblems(io: ExportIo, problems: readonly Problem[]): void {
  for (const p of problems) io.stderr.write(`${formatProblem(p)}\n`);
}

/** Run `snn export`; returns the exit code (0 ok, 2 bad input). */
export async function exportCommand(argv: string[], io: ExportIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const args = parseArgs(argv);
  const usage = (msg: string): number => {
    io.stderr.write(`snn export: ${msg}\n`);
    return EXIT.usage;
  };
  if (typeof args === 'string') return usage(args);
  if (args.help) {
    io.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (args.file === undefined) return usage("which project? (usage: snn export <file.snn> --to brainpy|brian2|pynest [--out script.py])");
  if (args.to === undefined) return usage(`--to is required (${EXPORT_TARGETS.join(', ')})`);
  const cwd = io.cwd ?? process.cwd();
  let text: string;
  try {
    text = await readProjectText(resolve(cwd, args.file), args.file);
  } catch (e) {
    return usage((e as Error).message);
  }
  const project = loadProject(text);
  if (!project.ok) {
    printProblems(io, project.problems);
    return EXIT.usage;
  }
  const result = exportProject(project.document, args.to, args.target ? { brian2Target: args.target } : {});
  if (!result.ok) {
    printProblems(io, result.problems.map(inFile));
    return EXIT.usage;
  }
  printProblems(io, [...project.warnings, ...result.warnings.map(inFile)]);
  if (args.out === undefined) {
    io.stdout.write(result.script);
    return EXIT.ok;
  }
  try {
    await writeFile(resolve(cwd, args.out), result.script, 'utf8');
  } catch (e) {
    return usage(`cannot write ${args.out}: ${(e as Error).message}`);
  }
  io.stderr.write(`wrote ${args.to} script to ${args.out}\n`);
  return EXIT.ok;
}
