"""Just enough of brainunit, brainstate, braintools, brainpy.state and jax.numpy (on numpy) to run
the neuron classes SNN Studio generates from model specs (test/spec/brainpyClass.test.ts).
BrainPy cannot be installed here; the stubs follow the calls the generated class makes, as read
in brainpy/BrainPy brainpy/state/_base.py and _lif.py. Quantities are plain floats in SI units."""
import sys
import types

import numpy as np

jax = types.ModuleType('jax')
jax.numpy = np
sys.modules['jax'] = jax
sys.modules['jax.numpy'] = np

u = types.ModuleType('brainunit')
u.mV, u.nA, u.ms, u.uS, u.Mohm, u.nF, u.kHz, u.Hz = 1e-3, 1e-9, 1e-3, 1e-6, 1e6, 1e-9, 1e3, 1.0


class Quantity:
    def __init__(self, x):
        self.x = np.asarray(x, dtype=float)

    def to_decimal(self, unit):
        return self.x / unit


u.Quantity = Quantity
u.get_magnitude = lambda x: np.asarray(x, dtype=float)
sys.modules['brainunit'] = u

ENV = {'dt': 0.1 * u.ms, 't': 0.0}
brainstate = types.ModuleType('brainstate')


class _State:
    def __init__(self, value):
        self.value = value


brainstate.HiddenState = _State
brainstate.ShortTermState = _State
brainstate.environ = types.SimpleNamespace(get_dt=lambda: ENV['dt'], get=lambda k: ENV[k])
sys.modules['brainstate'] = brainstate

braintools = types.ModuleType('braintools')


def _param(x, shape, batch_size=None):
    return np.array(x(shape) if callable(x) else np.broadcast_to(np.asarray(x, dtype=float), shape), dtype=float)


braintools.init = types.SimpleNamespace(param=_param, Constant=lambda v: (lambda shape: np.full(shape, v, dtype=float)))
braintools.surrogate = types.SimpleNamespace(ReluGrad=lambda: None)
sys.modules['braintools'] = braintools


class Neuron:
    def __init__(self, in_size, name=None, spk_fun=None):
        self.varshape = (in_size,)
        self.currents = []

    def sum_current_inputs(self, init, V):
        for f in self.currents:
            init = init + f(V)
        return init

    def sum_delta_inputs(self, init):
        return init


brainpy = types.ModuleType('brainpy')
brainpy.state = types.SimpleNamespace(Neuron=Neuron)
sys.modules['brainpy'] = brainpy
