/**
 * The backends the benchmark measures; each becomes a column group in the table and a key in
 * results.json's `by_backend`. tfjs loads @tensorflow/tfjs-node when it is installed (native
 * libtensorflow), else WASM from disk, as the CLI does; the record says which one ran.
 */
import type { Backend } from '../src/engine/backend';
import { typedBackend } from '../src/engine/backends/typed';
import { createTfjsBackend } from '../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../src/engine/node/tfjsLoader';

export const BENCH_BACKENDS: Readonly<Record<string, Backend>> = { typed: typedBackend, tfjs: createTfjsBackend(nodeTfjsOptions()) };

/** The backend whose numbers fill the top-level fields of a results.json record. */
export const PRIMARY_BACKEND = 'typed';

/**
 * Biological time a backend simulates per network by default, ms, when shorter than the
 * benchmark's duration. tfjs-wasm needs ~37 to ~1900 CPU s per simulated second on these networks
 * (bench/tfjs/results.json), so a full second at 256k neurons would take over half an hour. Its
 * cost per step is flat (every synapse is touched every step, spiking or not), so a 100 ms slice
 * measures the same per-second cost; times are reported per simulated second (RTF) either way.
 */
export const DEFAULT_SLICE_MS: Readonly<Record<string, number>> = { tfjs: 100 };
