/** Usage texts printed by `snn --help`, `snn run --help` and `snn export --help` (kept here so help never loads the engine). */

export const MAIN_HELP = `snn — SNN Studio on the command line

Usage:
  snn run <file.snn> [options]     run a project and write summary.json and SVG plots
      --duration T  --seed N  --out DIR  --backend typed|tfjs|auto  --memory-budget SIZE  --quiet
  snn export <file.snn> --to brainpy|brian2|pynest [--out script.py]
                                   write the project as a Python script for BrainPy, Brian2 or
                                   PyNEST (stdout without --out)
  snn train <file.snn> [--epochs N] [--out DIR]
                                   train the network on the project's task (surrogate gradients)
  snn lesson check <file.lesson.md>...
                                   play every step of a lesson headlessly (its "show me"
                                   solution, a run, its checks); exit 1 if one fails
  snn --help                       show this text (snn <command> --help for a command)

Run 'snn run --help' or 'snn export --help' for the details of each command.
`;

export const EXPORT_HELP = `Usage: snn export <file.snn> --to brainpy|brian2|pynest [--target T] [--out script.py]

Write the project as a self-contained Python script for another simulator, to run it on a
cluster (PyNEST with MPI), a GPU (BrainPy on JAX) or in Brian2. The script carries the seed,
records spikes and prints the same summary JSON line as 'snn run'. A feature the simulator
cannot express is refused with a message naming the node; nothing is silently dropped.

Options:
  --to <target>    brainpy, brian2 or pynest (required)
  --target <T>     Brian2 only: the script's default code generation, numpy, cython or
                   cpp_standalone (one compiled C++ program: the fastest run on one machine,
                   needs g++); the script's own --target still overrides it
  --out <file>     write the script here (default: print it on stdout)
  -h, --help       show this help
`;

export const RUN_HELP = `Usage: snn run <file.snn> [--duration 500ms] [--seed N] [--out DIR] [--backend typed|tfjs|auto]

Runs the project's network and writes into DIR (default: ./<file name>-run):
  summary.json   duration, seed, backend, wall time and per population: size, spikes, rate, ISI CV
  raster.svg     spike raster of every recorded population
  rate.svg       population rate (Hz), smoothed over a moving window
  voltage.svg    recorded state traces (only when the project has a state monitor)

Options:
  --duration T   biological time to simulate, with a unit (e.g. 500ms, "1 s"); default: the project's
  --seed N       seed for every random draw (0 .. 4294967295); default: the project's
  --out DIR      output directory
  --backend B    typed, tfjs or auto; default: the project's simulation.backend
  --memory-budget SIZE
                 memory the run may use, e.g. "1 GiB" (default 4 GiB). A network that needs more
                 for certain is refused before it starts; spike recordings are counted while it
                 runs, and a run whose recordings reach the budget stops there, writes what it
                 recorded and says why in summary.json ("stopped"), exit code 1
  --quiet        no progress output
  -h, --help     show this text

Exit codes: 0 success, 1 the run failed or was stopped, 2 bad input (each problem is printed on its own line).
`;

export const TRAIN_HELP = `Usage: snn train <file.snn> [--epochs N] [--seed N] [--out DIR] [--quiet]

Trains the project's network on its task (the project's "training" section: a generated Randman,
latency or temporal-XOR task, or your own CSV/NPY spike data) by backpropagation through time with
a surrogate gradient (SuperSpike), Adam, mini-batches, a validation split and early stopping.
Projections marked "trainable" learn their weights (populations with trainable ["tau"] their time
constant). TensorFlow.js runs natively when @tensorflow/tfjs-node is installed, else on WASM.

Writes into DIR (default: ./<file name>-trained):
  <file.snn>     the project with the trained weights and the epoch history (train it again to continue)
  summary.json   backend, task, epochs, best epoch, test accuracy, seconds per epoch, the history

Options:
  --epochs N     epochs to train (default: the project's training.epochs)
  --seed N       seed of the task and the batches (default: the project's)
  --out DIR      output directory
  --quiet        no progress output
  -h, --help     show this text

Exit codes: 0 success, 1 training failed, 2 bad input (the problem is printed with its node and field).
`;

export const LESSON_HELP = `Usage: snn lesson check <file.lesson.md>... [--verbose]

Checks lesson files (resources/lessons/*.lesson.md; the format is in docs/lesson-format.md). Each
file is parsed (a mistake is printed with its line), then played as a student pressing "Show me" at
every step: the step's set-up, its solution's edits, a run when the solution runs (typed backend),
then its checks. A check that already passes before the solution's edits is reported too.

Options:
  --verbose, -v   print every check's verdict, not only the failures
  -h, --help      show this text

Exit codes: 0 every step passes, 1 a step fails, 2 a file cannot be read or parsed.
`;
