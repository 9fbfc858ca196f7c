#!/usr/bin/python3
"""Single LIF neuron in Brian2 (method 'exact'), for cross-checking SNN Studio's LIF.

    tau dV/dt = -(V - V_rest) + R*I,   hard reset V <- V_reset, no refractory period.

Units: mV, ms, MOhm, nA (R*I is in mV). Example (the SEMANTICS.md test vector):

    /usr/bin/python3 bench/brian2/lif_reference.py --v-rest -52 --v-th -50 --v-reset -60 \
        --tau 10 --r 1 --i 8 --v0 -60 --dt-ms 0.1 --duration-ms 100 --record-v

Prints one JSON object. Brian2's time convention (differs from ours, see SEMANTICS.md):
each step at clock time t = n*dt runs, in order, state update (V(t) -> V(t+dt)),
threshold, reset. A spike detected on the updated V is stamped with t (the step's
start), and the reset happens in the same step. So:
  spike_steps[k]        = n, the step whose update crossed threshold,
  spike_times_ms[k]     = n*dt  (Brian2's SpikeMonitor time),
  crossing_times_ms[k]  = (n+1)*dt, the time at which V actually reached V_th.
The optional V trace is sampled at the start of each step (before its update, after
the previous step's reset): v_mV[n] = V(n*dt).
"""
import argparse
import json
import math
import warnings

# Debian's pythran/numpy combination emits FutureWarnings on import; they are noise.
warnings.filterwarnings('ignore', category=FutureWarning)

import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, mV, Mohm, nA  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description='Single LIF neuron reference (Brian2, exact).')
    ap.add_argument('--v-rest', type=float, required=True, help='mV')
    ap.add_argument('--v-th', type=float, required=True, help='mV')
    ap.add_argument('--v-reset', type=float, required=True, help='mV')
    ap.add_argument('--tau', type=float, required=True, help='ms')
    ap.add_argument('--r', type=float, required=True, help='MOhm')
    ap.add_argument('--i', type=float, required=True, help='constant input current, nA')
    ap.add_argument('--v0', type=float, default=None, help='initial V in mV (default V_rest)')
    ap.add_argument('--dt-ms', type=float, default=0.1)
    ap.add_argument('--duration-ms', type=float, default=100.0)
    # SEMANTICS.md spikes on V >= V_th; Brian2's own examples use '>'.
    ap.add_argument('--threshold-op', choices=['>=', '>'], default='>=')
    ap.add_argument('--record-v', action='store_true', help='include the V trace')
    args = ap.parse_args(argv)

    # numpy target: no Cython compilation for a single neuron; float64 either way.
    b2.prefs.codegen.target = 'numpy'
    b2.defaultclock.dt = args.dt_ms * ms
    ns = dict(V_rest=args.v_rest * mV, V_th=args.v_th * mV, V_reset=args.v_reset * mV,
              tau=args.tau * ms, R=args.r * Mohm, I=args.i * nA)
    G = b2.NeuronGroup(1, 'dv/dt = (-(v - V_rest) + R*I) / tau : volt',
                       threshold=f'v {args.threshold_op} V_th', reset='v = V_reset',
                       method='exact', namespace=ns)
    G.v = (args.v_rest if args.v0 is None else args.v0) * mV
    spikes = b2.SpikeMonitor(G)
    objs = [G, spikes]
    if args.record_v:
        vmon = b2.StateMonitor(G, 'v', record=0)   # when='start' (default)
        objs.append(vmon)
    net = b2.Network(*objs)
    net.run(args.duration_ms * ms)

    dt = args.dt_ms
    t_ms = np.asarray(spikes.t / ms, dtype=float)
    steps = np.rint(t_ms / dt).astype(int)

    # Analytic period for constant suprathreshold input, hard reset, no refractoriness.
    ri = args.r * args.i
    num, den = ri + args.v_rest - args.v_reset, ri + args.v_rest - args.v_th
    period = args.tau * math.log(num / den) if den > 0 and num > den else None

    out = {
        'params': {'v_rest_mV': args.v_rest, 'v_th_mV': args.v_th, 'v_reset_mV': args.v_reset,
                   'tau_ms': args.tau, 'r_MOhm': args.r, 'i_nA': args.i,
                   'v0_mV': args.v_rest if args.v0 is None else args.v0,
                   'threshold_op': args.threshold_op},
        'dt_ms': dt, 'duration_ms': args.duration_ms, 'method': 'exact',
        'brian2_version': b2.__version__,
        'n_spikes': int(len(t_ms)),
        'spike_steps': steps.tolist(),
        'spike_times_ms': t_ms.tolist(),
        'crossing_times_ms': ((steps + 1) * dt).tolist(),
        'analytic_period_ms': period,
        # with ties aside, the simulated inter-spike interval is ceil(T/dt) steps
        'analytic_period_steps': math.ceil(period / dt) if period is not None else None,
        'v_final_mV': float(G.v[0] / mV),
    }
    if args.record_v:
        out['v_mV'] = (vmon.v[0] / mV).tolist()
    print(json.dumps(out))


if __name__ == '__main__':
    main()
