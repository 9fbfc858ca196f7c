/**
 * The run-time half of the memory budget for spike recordings. The build refuses what is certain
 * before a run (state, connectivity, state monitors) and estimates spike recordings at a plausible
 * rate; whether a recurrent network runs away is only known while it runs. So the runner shows
 * every chunk's batch to this guard before keeping it: when the recorded spikes would pass the
 * budget, the chunk is not kept and the run ends at the step before it, with a message naming the
 * population, its rate and the bytes against the budget — never an out-of-memory crash, never a
 * recording silently cut short.
 */
import type { MonitorBatch } from '../../shared/results';
import { formatQuantity, MS_PER_SECOND } from '../../shared/units';
import { recordedSpikeBytes } from '../build/memory';
import type { NetworkIR } from '../ir';


/** Why a run was stopped by its recording budget. */
export interface RecordingOverrun {
  /** The population whose recording is the largest (its node id). */
  readonly nodeId: string;
  /** The recorded field: "spikes". */
  readonly field: 'spikes';
  /** Steps simulated and kept (the run's results end here). */
  readonly step: number;
  readonly steps: number;
  /** Bytes the recordings would have taken with the refused chunk. */
  readonly bytes: number;
  readonly budgetBytes: number;
  /** Mean rate of that population over the kept steps and the refused chunk, Hz. */
  readonly rateHz: number;
  readonly message: string;
}

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

export class RecordingGuard {
  private spikes = 0;
  private readonly perPopulation = new Map<string, number>();
  private stoppedBy: RecordingOverrun | null = null;

  constructor(
    private readonly ir: Pick<NetworkIR, 'dt' | 'steps' | 'populations'>,
    readonly budgetBytes: number,
  ) {}

  /** A guard for `ir`'s spike recordings, or null when it records none. */
  static of(ir: NetworkIR): RecordingGuard | null {
    return ir.recordingBudgetBytes === undefined ? null : new RecordingGuard(ir, ir.recordingBudgetBytes);
  }

  get overrun(): RecordingOverrun | null {
    return this.stoppedBy;
  }

  /** Bytes the spikes admitted so far take at their peak (as the build's estimate counts them). */
  get bytes(): number {
    return recordedSpikeBytes(this.spikes);
  }

  /**
   * Count `batch`'s spikes; true when they may be kept. False once keeping them would pass the
   * budget: then `overrun` says why, and the batch (and every later one) must be dropped.
   */
  admit(batch: MonitorBatch): boolean {
    if (this.stoppedBy) return false;
    let added = 0;
    const mine = new Map<string, number>();
    for (const s of batch.spikes) {
      added += s.steps.length;
      mine.set(s.population, (mine.get(s.population) ?? 0) + s.steps.length);
    }
    const bytes = recordedSpikeBytes(this.spikes + added);
    if (bytes <= this.budgetBytes) {
      this.spikes += added;
      for (const [id, n] of mine) this.perPopulation.set(id, (this.perPopulation.get(id) ?? 0) + n);
      return true;
    }
    let nodeId = '';
    let most = -1;
    for (const [id, n] of mine) {
      const total = (this.perPopulation.get(id) ?? 0) + n;
      if (total > most) [nodeId, most] = [id, total];
    }
    const pop = this.ir.populations.find((p) => p.id === nodeId);
    const seconds = (batch.toStep * this.ir.dt) / MS_PER_SECOND;
    const rateHz = pop && seconds > 0 ? most / (pop.size * seconds) : 0;
    const at = formatQuantity(batch.fromStep * this.ir.dt, 'time');
    const of = formatQuantity(this.ir.steps * this.ir.dt, 'time');
    this.stoppedBy = {
      nodeId, field: 'spikes', step: batch.fromStep, steps: this.ir.steps, bytes, budgetBytes: this.budgetBytes, rateHz,
      message:
        `Run stopped at ${at} of ${of}: the recorded spikes would take ${size(bytes)}, more than the ${size(this.budgetBytes)} of the memory budget left for recordings. ` +
        `Most are from "${nodeId}" (field spikes), firing ${rateHz.toFixed(0)} Hz per neuron on average: the network is running away. ` +
        `The results cover the first ${at}. Record fewer populations, run shorter, or tame the network (a refractory period, weaker excitation, stronger inhibition).`,
    };
    return false;
  }
}
