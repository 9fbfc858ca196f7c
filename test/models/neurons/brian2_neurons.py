"""Brian2 reference runs for test/models/neurons/brian2.test.ts.

Reads one JSON job on stdin and prints one JSON line: spike times (ms) of every neuron and, when
asked, the V trace (mV) of neuron 0. Units are SNN Studio's internal ones (ms, mV, nA, uS, MOhm,
nF). Models:
  hh    - Hodgkin-Huxley with BrainPy's rate functions, method exponential_euler, a spike at each
          upward crossing of V_th (the rule of our HH kernel). alpha_m and alpha_n are written
          0.1 (V+40)/(1 - e^{-(V+40)/10}) rather than 1/exprel(...): the same function away from
          V = -40 mV exactly, and Brian2's numpy exprel is ~5x slower;
  expif - exponential integrate-and-fire, reset v = V_reset at v >= V_th;
  adex  - adaptive exponential IF, reset v = V_reset, w += b.
The job gives the integration method (e.g. rk4 at a small dt as the reference solution).
"""
import json
import sys

from brian2 import (NeuronGroup, Network, SpikeMonitor, StateMonitor, defaultclock, ms, mV, nA, uS,
                    Mohm, nF, prefs, seed)

prefs.codegen.target = 'numpy'

EQS = {
    'hh': '''
dv/dt = (gNa*m**3*h*(ENa - v) + gK*n**4*(EK - v) + gL*(EL - v) + I)/C : volt
dm/dt = am*(1 - m) - bm*m : 1
dh/dt = ah*(1 - h) - bh*h : 1
dn/dt = an*(1 - n) - bn*n : 1
am = 0.1/mV*(v + 40*mV)/(1 - exp(-(v + 40*mV)/(10*mV)))/ms : Hz
bm = 4/ms*exp(-(v + 65*mV)/(18*mV)) : Hz
ah = 0.07/ms*exp(-(v + 65*mV)/(20*mV)) : Hz
bh = 1/ms/(1 + exp(-(v + 35*mV)/(10*mV))) : Hz
an = 0.01/mV*(v + 55*mV)/(1 - exp(-(v + 55*mV)/(10*mV)))/ms : Hz
bn = 0.125/ms*exp(-(v + 65*mV)/(80*mV)) : Hz
v_prev : volt
I : amp
''',
    'expif': '''
dv/dt = (-(v - V_rest) + delta_T*exp((v - V_T)/delta_T) + R*I)/tau : volt
I : amp
''',
    'adex': '''
dv/dt = (-(v - V_rest) + delta_T*exp((v - V_T)/delta_T) - R*w + R*I)/tau : volt
dw/dt = (a*(v - V_rest) - w)/tau_w : amp
I : amp
''',
}

UNITS = {'ENa': mV, 'EK': mV, 'EL': mV, 'gNa': uS, 'gK': uS, 'gL': uS, 'C': nF, 'V_th': mV,
         'V_rest': mV, 'V_reset': mV, 'V_T': mV, 'delta_T': mV, 'R': Mohm, 'tau': ms,
         'tau_w': ms, 'a': uS, 'b': nA}


def main():
    job = json.load(sys.stdin)
    seed(1)
    defaultclock.dt = job['dt'] * ms
    model = job['model']
    namespace = {k: v * UNITS[k] for k, v in job['params'].items()}
    currents = job['currents']
    if model == 'hh':
        group = NeuronGroup(len(currents), EQS['hh'], threshold='v >= V_th and v_prev < V_th',
                            method=job['method'], namespace=namespace)
        group.run_regularly('v_prev = v', when='start')
    else:
        reset = 'v = V_reset' + ('; w += b' if model == 'adex' else '')
        group = NeuronGroup(len(currents), EQS[model], threshold='v >= V_th', reset=reset,
                            method=job['method'], namespace=namespace)
    for name, value in job['init'].items():
        setattr(group, name, value * (mV if name == 'v' else (nA if name == 'w' else 1)))
    group.I = [c * nA for c in currents]
    spikes = SpikeMonitor(group)
    net = Network(group, spikes)
    trace = None
    if job.get('trace'):
        trace = StateMonitor(group, 'v', record=[0])
        net.add(trace)
    net.run(job['duration'] * ms)
    trains = spikes.spike_trains()
    out = {'spikes': [[float(t / ms) for t in trains[i]] for i in range(len(currents))]}
    if trace is not None:
        out['v'] = [float(x / mV) for x in trace.v[0]]
    print(json.dumps(out))


if __name__ == '__main__':
    main()
