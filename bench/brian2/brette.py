#!/usr/bin/python3
"""Brette et al. (2007) CUBA / COBA benchmark networks in Brian2, for reference
comparisons and benchmarks against SNN Studio.

Run with Debian's interpreter (the one that has brian2 2.5.1):

    /usr/bin/python3 bench/brian2/brette.py --model cuba --json
    /usr/bin/python3 bench/brian2/brette.py --model coba --device cpp_standalone --seed 1 --json
    /usr/bin/python3 bench/brian2/brette.py --model cuba --n 16000 --k 80 --device cpp_standalone --json

Model sources (parameters copied, not guessed):
  * CUBA: brian-team/brian2 examples/CUBA.py (benchmark 2).
  * COBA: brian2 has no examples/COBA.py in its official repository; the Brian2
    port of the benchmark is examples/COBA.py of an early brian2 tree
    (wernight/brian2 fork), which is line for line Brian 1's examples/COBA.py
    (R. Brette, Dec 2007; benchmark 1). Both are reproduced here.
    It works in a voltage frame shifted by +60 mV (rest 0 mV, threshold 10 mV,
    reset 0 mV, Ee = 60 mV, Ei = -20 mV), i.e. absolute values are
    El = -60, Vt = -50, Vr = -60, Ee = 0, Ei = -80 mV; conductances are
    dimensionless, in units of the leak conductance (we = 0.6 -> 6 nS,
    wi = 6.7 -> 67 nS for gL = 10 nS). Integration is Euler, as in the example;
    --method exponential_euler integrates v as SNN Studio does (exponential Euler
    with the conductances frozen over the step, one exp per neuron and step; the
    same method its Brian2 export writes), for a like-for-like timing.

Output: one JSON object on the last stdout line (with --json, the only line).
"""
import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import warnings

# Debian's pythran/numpy combination emits FutureWarnings on import; they are noise.
warnings.filterwarnings('ignore', category=FutureWarning)

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, mV, second  # noqa: E402


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--model', choices=['cuba', 'coba'], required=True)
    ap.add_argument('--n', type=int, default=4000, help='neurons (80%% excitatory)')
    conn = ap.add_mutually_exclusive_group()
    conn.add_argument('--p', type=float, default=None,
                      help='Bernoulli connection probability (default 0.02)')
    conn.add_argument('--k', type=float, default=None,
                      help='expected synapses per neuron; sets p = k / n')
    ap.add_argument('--duration-ms', type=float, default=1000.0)
    ap.add_argument('--dt-ms', type=float, default=0.1)
    ap.add_argument('--seed', type=int, default=None,
                    help='seed for brian2 and numpy (default: unseeded)')
    ap.add_argument('--device', choices=['runtime', 'cpp_standalone'], default='runtime')
    ap.add_argument('--method', choices=['euler', 'exponential_euler'], default='euler',
                    help="COBA's integration method (default: the example's 'euler')")
    ap.add_argument('--build-dir', default=None,
                    help='cpp_standalone project dir (default: fresh temp dir, deleted afterwards)')
    ap.add_argument('--json', action='store_true', help='print only one JSON line on stdout')
    ap.add_argument('--repeats', type=int, default=1,
                    help='cpp_standalone: run the compiled binary this many times; run_s is '
                         'the median, run_s_samples all of them (default 1)')
    return ap.parse_args(argv)


def build_cuba(n, n_exc, p):
    """Brian2 examples/CUBA.py with 4000/3200/0.02 replaced by n/n_exc/p.

    Weights are kept as in CUBA.py for scaled runs (--n 16000 --k 80): with k
    fixed the expected in-degree (80 = 4000 * 0.02) and hence the input
    statistics per neuron are unchanged, which is how the benchmark is scaled.
    """
    ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms,
              Vt=-50 * mV, Vr=-60 * mV, El=-49 * mV,
              we=(60 * 0.27 / 10) * mV,    # excitatory synaptic weight (voltage)
              wi=(-20 * 4.5 / 10) * mV,    # inhibitory synaptic weight
              n_exc=n_exc)
    eqs = '''
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    '''
    # 'linear' = exact integration of the linear ODE (the example's choice).
    P = b2.NeuronGroup(n, eqs, threshold='v>Vt', reset='v = Vr', refractory=5 * ms,
                       method='linear', namespace=ns, name='P')
    P.v = 'Vr + rand() * (Vt - Vr)'
    P.ge = 0 * mV
    P.gi = 0 * mV
    Ce = b2.Synapses(P, P, on_pre='ge += we', namespace=ns, name='Ce')
    Ci = b2.Synapses(P, P, on_pre='gi += wi', namespace=ns, name='Ci')
    Ce.connect('i<n_exc', p=p)   # Bernoulli: each pair independently with prob. p
    Ci.connect('i>=n_exc', p=p)
    return P, Ce, Ci


def build_coba(n, n_exc, p, method='euler'):
    """examples/COBA.py (Brette 2007 benchmark 1) with 4000/3200/0.02 -> n/n_exc/p."""
    ns = dict(taum=20 * ms, taue=5 * ms, taui=10 * ms,
              Ee=(0. + 60.) * mV, Ei=(-80. + 60.) * mV,   # reversal potentials, shifted frame
              we=6. / 10.,    # excitatory weight, units of leak conductance (6 nS / 10 nS)
              wi=67. / 10.)   # inhibitory weight (67 nS / 10 nS)
    eqs = '''
    dv/dt = (-v+ge*(Ee-v)+gi*(Ei-v))*(1./taum) : volt (unless refractory)
    dge/dt = -ge*(1./taue) : 1
    dgi/dt = -gi*(1./taui) : 1
    '''
    P = b2.NeuronGroup(n, eqs, threshold='v>10*mV', reset='v=0*mV',
                       refractory=5 * ms, method=method, namespace=ns, name='P')
    Pe = P[:n_exc]
    Pi = P[n_exc:]
    Ce = b2.Synapses(Pe, P, on_pre='ge += we', namespace=ns, name='Ce')
    Ci = b2.Synapses(Pi, P, on_pre='gi += wi', namespace=ns, name='Ci')
    Ce.connect(p=p)
    Ci.connect(p=p)
    # Initialisation exactly as in the example (gi can start negative; kept as is).
    P.v = '(randn()*5 - 5)*mV'      # i.e. -65 +- 5 mV in absolute terms
    P.ge = 'randn()*1.5 + 4'
    P.gi = 'randn()*12 + 20'
    return P, Ce, Ci


def mean_cv(i, t, lo, hi):
    """Mean over neurons in [lo, hi) with >= 3 spikes (>= 2 ISIs) of std(ISI)/mean(ISI).

    std is the population std (ddof=0). Returns None if no neuron qualifies.
    """
    sel = (i >= lo) & (i < hi)
    i, t = i[sel], t[sel]
    order = np.lexsort((t, i))          # sort by neuron, then time
    i, t = i[order], t[order]
    cvs = []
    if len(i):
        bounds = np.flatnonzero(np.diff(i)) + 1
        for ts in np.split(t, bounds):
            if len(ts) >= 3:
                isi = np.diff(ts)
                cvs.append(isi.std() / isi.mean())
    return float(np.mean(cvs)) if cvs else None


def main(argv=None):
    args = parse_args(argv)
    t_total = time.perf_counter()
    n = args.n
    n_exc = n * 4 // 5                  # 80 % excitatory, exact integer floor
    n_inh = n - n_exc
    p = args.k / n if args.k is not None else (args.p if args.p is not None else 0.02)
    standalone = args.device == 'cpp_standalone'

    # With --json keep stdout for the JSON line only: anything brian2, make or
    # the standalone binary writes to fd 1 goes to stderr instead.
    saved_stdout = None
    if args.json:
        sys.stdout.flush()
        saved_stdout = os.dup(1)
        os.dup2(2, 1)

    build_dir, tmp_dir = args.build_dir, None
    if standalone:
        if build_dir is None:
            tmp_dir = build_dir = tempfile.mkdtemp(prefix='brian2_brette_')
        # build_on_run=False: we call device.build ourselves to time it. Note the
        # directory given here is NOT used by a manual device.build(); it must be
        # passed to build() again (see below).
        b2.set_device('cpp_standalone', directory=build_dir, build_on_run=False)
        # 0 = no OpenMP: single-threaded, fair against our single-threaded engine.
        b2.prefs.devices.cpp_standalone.openmp_threads = 0
    else:
        b2.set_device('runtime')

    b2.defaultclock.dt = args.dt_ms * ms
    if args.seed is not None:
        np.random.seed(args.seed)       # numpy (runtime Python-side random numbers)
        b2.seed(args.seed)              # brian2 device RNG (rand()/randn()/connect p)

    # --- network construction (runtime: includes connect and initial values;
    #     standalone: only records code, connect runs later inside the binary) ---
    t0 = time.perf_counter()
    P, Ce, Ci = build_cuba(n, n_exc, p) if args.model == 'cuba' else build_coba(n, n_exc, p, args.method)
    mon = b2.SpikeMonitor(P, name='spikes')
    net = b2.Network(P, Ce, Ci, mon)
    build_s = time.perf_counter() - t0

    duration = args.duration_ms * ms
    binary_s = make_s = None
    if standalone:
        net.run(duration)               # recorded, executed by device.build
        t0 = time.perf_counter()
        b2.device.build(directory=build_dir, compile=True, run=True, with_output=False)
        build_wall = time.perf_counter() - t0
        # _last_run_time: time of the C++ Network::run loop only (read from
        # results/last_run_info.txt). Without OpenMP it is measured with
        # std::clock(), i.e. process CPU time, which equals wall time for this
        # single-threaded, compute-bound loop.
        run_samples = [float(b2.device._last_run_time)]
        # timers['run_binary']: wall time of the whole binary (array init,
        # synapse creation, run loop, writing results).
        binary_s = float(b2.device.timers['run_binary'])
        # compile_s: device.build wall time minus the binary's wall time =
        # C++ code generation + `make` (g++). The `make` part alone is
        # device.timers['compile']['make'].
        compile_s = build_wall - binary_s
        make_s = b2.device.timers['compile']['make']
        # Further runs of the same binary (same seed, same results) for a median that one busy
        # moment on a shared machine cannot move.
        for _ in range(args.repeats - 1):
            b2.device.run(build_dir, False, [])
            run_samples.append(float(b2.device._last_run_time))
        run_s = float(np.median(run_samples))
    else:
        # Runtime device: a 0 ms run performs code generation and Cython
        # compilation (or loading from ~/.cython cache) without advancing time;
        # the real run then mostly measures simulation.
        t0 = time.perf_counter()
        net.run(0 * ms)
        compile_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        net.run(duration)
        run_s = time.perf_counter() - t0
        run_samples = [run_s]

    i = np.asarray(mon.i[:], dtype=np.int64)
    t = np.asarray(mon.t[:] / second, dtype=np.float64)
    spikes_exc = int(np.count_nonzero(i < n_exc))
    spikes_inh = int(len(i) - spikes_exc)
    dur_s = float(duration / second)
    result = {
        'model': args.model, 'n': n, 'n_exc': n_exc, 'n_inh': n_inh,
        'synapses': int(len(Ce) + len(Ci)),
        'duration_ms': args.duration_ms, 'seed': args.seed, 'device': args.device,
        'build_s': build_s, 'run_s': run_s, 'compile_s': compile_s,
        'rate_exc_hz': spikes_exc / (n_exc * dur_s) if n_exc else None,
        'rate_inh_hz': spikes_inh / (n_inh * dur_s) if n_inh else None,
        'cv_exc': mean_cv(i, t, 0, n_exc),
        'cv_inh': mean_cv(i, t, n_exc, n),
        'spikes_exc': spikes_exc, 'spikes_inh': spikes_inh,
        # extras (not part of the core schema)
        'p': p, 'dt_ms': args.dt_ms, 'method': args.method if args.model == 'coba' else 'linear',
        'binary_s': binary_s, 'make_s': make_s,
        'run_s_samples': run_samples,
        'total_s': time.perf_counter() - t_total,
    }

    if tmp_dir is not None:
        shutil.rmtree(tmp_dir, ignore_errors=True)
    if saved_stdout is not None:
        sys.stdout.flush()
        os.dup2(saved_stdout, 1)
        os.close(saved_stdout)
    if not args.json:
        print(f"{args.model.upper()} n={n} ({n_exc} exc / {n_inh} inh), p={p:g}, "
              f"{result['synapses']} synapses, device={args.device}")
        print(f"  build {build_s:.3f} s, compile {compile_s:.3f} s, run {run_s:.3f} s")
        print(f"  rates exc {result['rate_exc_hz']:.2f} Hz, inh {result['rate_inh_hz']:.2f} Hz; "
              f"CV exc {result['cv_exc']}, inh {result['cv_inh']}")
    print(json.dumps(result), flush=True)


if __name__ == '__main__':
    main()
