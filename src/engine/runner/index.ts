/** The runner: chunks, progress, pause/resume/stop, and joining monitor batches into results. */
export { runNetwork, runInstance, nextMacrotask, type RunOptions, type RunProgress } from './runNetwork';
export { ChunkSizer, TARGET_CHUNK_WALL_MS, type ChunkPlan } from './chunkSizer';
export { RunController, type RunState } from './controller';
export { ResultsAccumulator } from '../../shared/resultsAccumulator';
export { RecordingGuard, type RecordingOverrun } from './recordingGuard';
