/** The runner: chunks, progress, pause/resume/stop, and joining monitor batches into results. */
export { runNetwork, runInstance, type RunOptions, type RunProgress } from './runNetwork';
export { runChunks, type ChunkGate, type ChunkLoopEnd, type ChunkLoopOptions } from './chunkLoop';
export { Yielder } from './yielder';
export { ChunkSizer, TARGET_CHUNK_WALL_MS, type ChunkPlan } from './chunkSizer';
export { RunController, type RunState } from './controller';
export { ResultsAccumulator } from '../../shared/resultsAccumulator';
export { RecordingGuard, type RecordingOverrun } from './recordingGuard';
