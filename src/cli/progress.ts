/**
 * Run progress on stderr: a bar redrawn in place on a terminal, plain lines (every 10 %) when
 * stderr is a file or a pipe, so logs stay readable. Redraws are throttled to keep the run fast.
 */
import type { CliStream } from './io';

const REDRAW_EVERY_MS = 100;
const LINE_EVERY_PERCENT = 10;
const BAR_WIDTH = 30;

export interface ProgressEvent {
  readonly step: number;
  readonly steps: number;
  /** Wall time since the run started, ms. */
  readonly wallMs: number;
}

export interface Progress {
  update(p: ProgressEvent): void;
  /** Finish the bar (newline on a terminal). */
  done(): void;
}

export function createProgress(stream: CliStream, now: () => number): Progress {
  let lastDraw = -Infinity;
  let lastPercentLine = -1;
  let drawn = false;
  const describe = (p: ProgressEvent): string => `step ${p.step}/${p.steps}, ${(p.wallMs / 1000).toFixed(1)} s wall`;
  if (stream.isTTY) {
    return {
      update(p) {
        const t = now();
        if (t - lastDraw < REDRAW_EVERY_MS && p.step < p.steps) return;
        lastDraw = t;
        const frac = p.steps > 0 ? Math.min(1, p.step / p.steps) : 1;
        const filled = Math.round(frac * BAR_WIDTH);
        const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
        stream.write(`\r[${bar}] ${(frac * 100).toFixed(0).padStart(3)}%  ${describe(p)}`);
        drawn = true;
      },
      done() {
        if (drawn) stream.write('\n');
      },
    };
  }
  return {
    update(p) {
      const percent = p.steps > 0 ? Math.floor((100 * p.step) / p.steps / LINE_EVERY_PERCENT) * LINE_EVERY_PERCENT : 100;
      if (percent <= lastPercentLine) return;
      lastPercentLine = percent;
      stream.write(`progress ${percent}%  ${describe(p)}\n`);
    },
    done() {},
  };
}
