/** Pure analysis functions over monitor data (no I/O): rates, variability, synchrony, spectra, F-I curves. */
export { meanRate, movingAverageSame, populationRate } from './rates';
export { isiCv, fanoFactor, MIN_SPIKES_FOR_CV } from './variability';
export { chiOf, synchronyFromSpikes, synchronyFromTrace } from './synchrony';
export { fiCurve, type FiCurve } from './fiCurve';
export { powerSpectrum, peakFrequency, rateSpectrum, RATE_SPECTRUM_MAX_HZ, type Spectrum } from './spectrum';
export { networkStatistics, formatStatistics, trainsByPopulation, type NetworkStatistics, type PopulationStatistics } from './statistics';
export { spikeCountsPerNeuron, spikesPerStep, binnedCountsPerNeuron, spikesByNeuron } from './spikeCounts';
export { sweepOf, findSweep, type Sweep, type SweepProblem } from './sweep';
