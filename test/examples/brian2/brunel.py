#!/usr/bin/python3
"""Brunel (2000) with delta synapses in Brian2 2.5.1: the reference statistics that
test/examples/brunel.test.ts compares the shipped brunel-*.snn files with.

    /usr/bin/python3 test/examples/brian2/brunel.py G ETA DURATION_MS SKIP_MS

N_E = 10000, N_I = 2500, C_E = 1000, C_I = 250 (Bernoulli), J = 0.1 mV, D = 1.5 ms,
tau = 20 ms, theta = 20 mV, V_r = 10 mV, tau_rp = 2 ms; external PoissonInput of C_E
inputs at eta * nu_thr. Prints one JSON line: mean E rate (Hz), mean ISI CV over E neurons
with >= 3 spikes (population std), and chi over 2 ms bins, all after SKIP_MS.
"""
import sys, json, warnings
warnings.filterwarnings('ignore')
import numpy as np
import brian2 as b2
from brian2 import ms, mV, Hz
g, eta, dur, skip = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
import shutil, tempfile
build_dir = tempfile.mkdtemp(prefix='brunel_')
b2.set_device('cpp_standalone', directory=build_dir)
b2.prefs.devices.cpp_standalone.openmp_threads = 0
b2.seed(1); np.random.seed(1)
NE, NI, CE, CI = 10000, 2500, 1000, 250
J, D, tau, theta, Vr, tref = 0.1*mV, 1.5*ms, 20*ms, 20*mV, 10*mV, 2*ms
nu_thr = theta/(J*CE*tau)
P = b2.NeuronGroup(NE+NI, 'dv/dt = -v/tau : volt (unless refractory)', threshold='v>theta', reset='v=Vr', refractory=tref, method='exact')
P.v = 'rand()*theta'
E = P[:NE]; I = P[NE:]
ce = b2.Synapses(E, P, on_pre='v += J', delay=D); ce.connect(p=CE/NE)
ci = b2.Synapses(I, P, on_pre='v += -g*J', delay=D); ci.connect(p=CI/NI)
ext = b2.PoissonInput(P, 'v', CE, eta*nu_thr, weight=J)
M = b2.SpikeMonitor(E)
b2.run(dur*ms)
t = np.asarray(M.t/ms); i = np.asarray(M.i)
sel = t >= skip; t, i = t[sel], i[sel]
T = dur - skip
rate = len(t)/NE/(T/1000)
cvs = []
order = np.lexsort((t, i)); ti, ii = t[order], i[order]
for ts in np.split(ti, np.flatnonzero(np.diff(ii))+1):
    if len(ts) >= 3:
        isi = np.diff(ts); cvs.append(isi.std()/isi.mean())
# chi over 2 ms bins, all E neurons
nb = int(T/2)
counts = np.zeros((NE, nb))
np.add.at(counts, (i, np.minimum(((t-skip)/2).astype(int), nb-1)), 1)
pop = counts.mean(0); chi = np.sqrt(pop.var()/counts.var(1).mean())
print(json.dumps(dict(g=g, eta=eta, rate=rate, cv=float(np.mean(cvs)) if cvs else None, chi=float(chi))))
shutil.rmtree(build_dir, ignore_errors=True)
