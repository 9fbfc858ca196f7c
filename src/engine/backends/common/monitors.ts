/**
 * Monitor bookkeeping both backends share (typed/monitors.ts, tfjs/monitors.ts): growing buffers
 * for spikes and samples, handed out per chunk, and the error for a variable a model does not have.
 */

/** `data` with room for `length + extra` elements: itself, or a copy of its filled part at the next doubling. */
function withRoom<T extends Int32Array | Float32Array>(data: T, length: number, extra: number, make: (n: number) => T): T {
  if (length + extra <= data.length) return data;
  let cap = data.length * 2;
  while (cap < length + extra) cap *= 2;
  const grown = make(cap);
  grown.set(data.subarray(0, length));
  return grown;
}

/** Entries above which pushMany copies with set(subarray()) instead of a loop. */
const PUSH_BY_SET = 64;

const newInt32 = (n: number): Int32Array<ArrayBuffer> => new Int32Array(n);
const newFloat32 = (n: number): Float32Array<ArrayBuffer> => new Float32Array(n);

/** An Int32Array that grows by doubling; take() hands out the filled part and starts over. */
export class GrowingInt32 {
  private data = new Int32Array(256);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra > this.data.length) this.data = withRoom(this.data, this.length, extra, newInt32);
  }

  push(x: number): void {
    this.reserve(1);
    this.data[this.length++] = x;
  }

  fill(x: number, count: number): void {
    this.reserve(count);
    const data = this.data;
    const at = this.length;
    for (let k = 0; k < count; k++) data[at + k] = x;
    this.length = at + count;
  }

  pushMany(src: Int32Array, count: number): void {
    this.reserve(count);
    const data = this.data;
    const at = this.length;
    // A few spikes per step is the common case: a loop beats set(subarray()), which allocates.
    // A driver's whole chunk (fused.ts) is copied by set: no JavaScript loop for V8 to optimise.
    if (count > PUSH_BY_SET) data.set(src.subarray(0, count), at);
    else for (let k = 0; k < count; k++) data[at + k] = src[k];
    this.length = at + count;
  }

  take(): Int32Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

/** Float32 counterpart of GrowingInt32 (state samples). */
export class GrowingFloat32 {
  private data = new Float32Array(256);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = x;
  }

  pushMany(src: Float32Array): void {
    this.reserve(src.length);
    this.data.set(src, this.length);
    this.length += src.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra > this.data.length) this.data = withRoom(this.data, this.length, extra, newFloat32);
  }

  take(): Float32Array {
    const out = this.data.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

/** What a recorder reads from a population at the end of a step. */

/** A state monitor asks for a variable the population's model does not have. */
export function unrecordable(model: string, popId: string, variable: string): Error {
  return new Error(`${model} population "${popId}" has no state variable "${variable}" to record.`);
}
