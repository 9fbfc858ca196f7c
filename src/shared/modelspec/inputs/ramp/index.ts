/** Ramp current: from `from` at start linearly to `to` at stop, held at `from` before and at `to` after. */
import type { InputSpecSource } from '../types';

export const ramp: InputSpecSource = {
  name: 'ramp', order: 30,
  title: 'Ramp current',
  doc: 'Rises linearly from `from` at start to `to` at stop, then stays at `to`.',
  equations: String.raw`I(t) = I_{from} + (I_{to} - I_{from}) \frac{t - t_{start}}{t_{stop} - t_{start}}`,
  preset: { from: '0 nA', to: '3 nA', start: '0 ms', stop: '200 ms' },
  source: `current ramp
param from = 0 nA  # Current at start.
param to = 0 nA  # Current at stop.
param start = 0 ms (nonnegative)  # Start of the ramp.
param stop = 100 ms (positive)  # End of the ramp.
# A stop at or before start is a jump to "to" just after start (the span's floor keeps 0/0 out).
I = from + (to - from) * min(max((t - start) / max(stop - start, 1e-9 ms), 0), 1) : nA
`,
};
