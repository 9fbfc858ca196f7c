/**
 * The worker's pacing: an interruptible sleep for slowed-down runs and for pauses (the yield
 * between chunks and the chunk sizing are the runner's: runner/yielder.ts, runner/chunkSizer.ts).
 */

/** A sleep that wake() ends early (stop, pause, a new speed). */
export class Sleeper {
  private wakeUp: (() => void) | null = null;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const done = (): void => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      timer = setTimeout(done, Math.max(0, ms));
      this.wakeUp = done;
    });
  }

  /** Wait until wake() (no timeout): used while paused. */
  wait(): Promise<void> {
    return new Promise((resolve) => {
      this.wakeUp = () => {
        this.wakeUp = null;
        resolve();
      };
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
