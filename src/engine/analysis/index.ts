/**
 * The analysis the engine's users need: the pure functions over monitor data live in
 * src/shared/analysis (the renderer uses them too); the run diagnosis reads the IR, so it stays here.
 */
export * from '../../shared/analysis';
export { perNeuronValues } from '../values';
export { diagnoseRun, SpikeTally } from './diagnosis';
