/** Small documents for the run-session tests, with physically consistent LIF parameters. */

/** N LIF neurons driven by a constant current: R·I = 10 MΩ · amplitude. */
export function drivenLif(opts: { size?: number; duration?: string; amplitude?: string; seed?: number } = {}): unknown {
  return {
    simulation: { dt: '0.1 ms', duration: opts.duration ?? '200 ms', seed: opts.seed ?? 7, backend: 'typed' },
    nodes: [
      {
        id: 'E', kind: 'population', model: 'LIF', size: opts.size ?? 200,
        params: { V_rest: '-60 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', R: '10 MOhm' },
        init: { V: { dist: 'uniform', low: '-60 mV', high: '-50 mV' } },
      },
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: opts.amplitude ?? '1.5 nA' } },
      { id: 'spikes', kind: 'monitor', record: 'spikes' },
    ],
    wires: [{ from: 'drive', to: 'E' }, { from: 'E', to: 'spikes' }],
  };
}

/** Closed form (SEMANTICS.md): LIF period T = tau ln((R I + V_rest - V_reset) / (R I + V_rest - V_th)), ms. */
export function lifPeriodMs(amplitudeNa: number): number {
  const RI = 10 * amplitudeNa;
  return 20 * Math.log(RI / (RI - 10));
}
