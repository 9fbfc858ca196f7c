/** Surrogate-gradient training (issue 18): the network, tasks, data import, trainer and document set-up. */
export { TrainableNetwork, TrainingSetupError, type ReadoutKind, type TrainableSpec } from './network';
export { splitDataset, sampleLists, batchInputs, type SpikeDataset, type SpikeSample, type Split } from './dataset';
export { train, trainSteps, evaluate, recordSample, type SampleSpikes, type BatchProgress, type EpochRecord, type TrainOptions, type TrainOutcome } from './trainer';
export { superSpike, smoothSpike, fastSigmoidDerivative } from './surrogate';
export { importCsv, importNpy, DataImportError } from './import';
export { randman, RANDMAN_PAPER } from './tasks/randman';
export { latencyTask } from './tasks/latency';
export { xorTask } from './tasks/xor';
export { setupTraining, applyTraining, taskDataset, type TrainingSetup, type ReadData } from './setup';
export { assertGradients, missingGradients } from './gradients';
export { selectTrainingBackend, probeWebgl2, type TrainingBackendChoice, type TrainingBackendEnv, type TrainingBackendPreference } from './backendChoice';
