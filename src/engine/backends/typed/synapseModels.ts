// Synapse and plasticity kernels of the model library (issue 7) register themselves here on import.
export {};
