// Neuron kernels of the model library (issue 7) register themselves here on import.
import './neuronExpIF';
import './neuronALIF';
import './neuronIzhikevich';
import './neuronHH';
