/**
 * `snn` command line: dispatches subcommands. Run through bin/snn.mjs (tsx, no build step), or
 * call main() in-process (tests). Mistakes the user can fix print one line and exit 2, never a
 * stack trace; only a genuine internal failure exits 1.
 */
import { fileURLToPath } from 'node:url';
import { EXIT, UsageError, processIo, type CliIo } from './io';
import { MAIN_HELP } from './help';

type Command = (argv: string[], io: CliIo) => Promise<number>;

/** The engine and ECharts load only when a command needs them, so --help and usage errors are instant. */
const runCommand: Command = async (argv, io) => (await import('./run')).runCommand(argv, io);
const exportCommand: Command = async (argv, io) => (await import('./export')).exportCommand(argv, io);

const trainCommand: Command = async (argv, io) => (await import('./train')).trainCommand(argv, io);
const lessonCommand: Command = async (argv, io) => (await import('./lesson')).lessonCommand(argv, io);

const COMMANDS: Record<string, Command> = { run: runCommand, export: exportCommand, train: trainCommand, lesson: lessonCommand };

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout.write(MAIN_HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new UsageError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')}; see 'snn --help')`);
    return await run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`snn: ${e.message}\n`);
      return EXIT.usage;
    }
    // An engine bug, not the user's fault: one line plus where to look, still no stack trace
    // unless SNN_DEBUG asks for it.
    io.stderr.write(`snn: internal error: ${(e as Error).message ?? String(e)}\n`);
    if (process.env.SNN_DEBUG) io.stderr.write(`${(e as Error).stack ?? ''}\n`);
    return EXIT.failed;
  }
}

/** True when this module is the program being run (not imported by a test). */
function isEntry(): boolean {
  const entry = process.argv[1];
  return entry !== undefined && fileURLToPath(import.meta.url) === entry;
}

if (isEntry()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
