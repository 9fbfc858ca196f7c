/**
 * The backends the benchmark measures; each becomes a column group in the table and a key in
 * results.json's `by_backend`. The tfjs backend is added here (one line) when it lands.
 */
import type { Backend } from '../src/engine/backend';
import { typedBackend } from '../src/engine/backends/typed';

export const BENCH_BACKENDS: Readonly<Record<string, Backend>> = { typed: typedBackend };

/** The backend whose numbers fill the top-level fields of a results.json record. */
export const PRIMARY_BACKEND = 'typed';
