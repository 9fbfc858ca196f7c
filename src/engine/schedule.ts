/**
 * The order of work in one time step (SEMANTICS.md), as data the backends follow and tests read.
 * A spike stored at the end of step n-1 changes g and V during step n.
 */
export const STEP_SCHEDULE = [
  /** spk = V >= V_th as stored at the end of the previous step (get_spike()). */
  'spikes',
  /** Projections turn presynaptic spikes into increments, queued `delay` steps ahead. */
  'propagate',
  /** g <- g * exp(-dt/tau) + increments due now. */
  'synapses',
  /** Outputs turn g into current at the present V (CUBA, COBA). */
  'outputs',
  /** Reset, integrate (exponential Euler), threshold. */
  'neurons',
  /** Plasticity and monitors read the new state. */
  'monitors',
] as const;

export type SchedulePhase = (typeof STEP_SCHEDULE)[number];
