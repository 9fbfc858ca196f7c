/** Usage texts printed by `snn --help` and `snn run --help`. */

export const MAIN_HELP = `snn — SNN Studio on the command line

Usage:
  snn run <file.snn> [options]     run a project and write summary.json and SVG plots
  snn export <file.snn> [options]  export a project as a script for another simulator
  snn --help                       show this text (snn <command> --help for a command)

Run 'snn run --help' for the run options.
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
  --quiet        no progress output
  -h, --help     show this text

Exit codes: 0 success, 1 the run failed, 2 bad input (each problem is printed on its own line).
`;
