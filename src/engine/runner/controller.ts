/**
 * Pause, resume and stop for a run. The runner checks it between chunks, so a request takes
 * effect within one chunk of wall time (the adaptive chunking keeps that near 50 ms).
 */
export type RunState = 'running' | 'paused' | 'stopped';

export class RunController {
  private current: RunState = 'running';
  private waiters: (() => void)[] = [];

  get state(): RunState {
    return this.current;
  }

  pause(): void {
    if (this.current === 'running') this.current = 'paused';
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.current = 'running';
    this.wake();
  }

  /** Stop after the chunk in progress; the run resolves with what was simulated so far. */
  stop(): void {
    this.current = 'stopped';
    this.wake();
  }

  /** Resolves once the run may go on (running) or must end (stopped). */
  whenNotPaused(): Promise<RunState> {
    if (this.current !== 'paused') return Promise.resolve(this.current);
    return new Promise((resolve) => this.waiters.push(() => resolve(this.current)));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
