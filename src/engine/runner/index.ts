/** The runner: chunks, progress, pause/resume/stop, and joining monitor batches into results. */
export { runNetwork, runInstance, nextMacrotask, DEFAULT_CHUNK_MS, TARGET_CHUNK_WALL_MS, type RunOptions, type RunProgress } from './runNetwork';
export { RunController, type RunState } from './controller';
export { ResultsAccumulator } from './accumulate';
