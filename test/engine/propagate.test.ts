/**
 * $propagate in lif.wat on its own, against the plain loop it stands for (each spike's row in
 * spike order, each synapse in row order: g[col] += w): the same sums to the bit whatever path
 * it takes (u16 rows with one weight two at a time, u16 or i32 columns, per-synapse float32
 * weights, odd spike counts, repeated targets), and its loads ahead of the rows never read past
 * the last row, even when that row is empty and ends the memory.
 */
import { describe, expect, it } from 'vitest';
import { WasmArena } from '../../src/engine/backends/typed/wasm';
import { type Rng, streamFor } from '../../src/engine/random';

/** WebAssembly page, bytes. */
const PAGE = 65536;

interface Case {
  readonly nPost: number;
  readonly rowPtr: Int32Array;
  readonly col: Int32Array;
  readonly spikes: Int32Array;
  readonly weights: Float32Array | null;
  readonly w: number;
}

/** The reference: the additions in spike order, row order, in float64. */
function reference(c: Case, start: Float64Array): Float64Array {
  const g = Float64Array.from(start);
  for (const i of c.spikes) {
    for (let e = c.rowPtr[i]; e < c.rowPtr[i + 1]; e++) g[c.col[e]] += c.weights ? c.weights[e] : c.w;
  }
  return g;
}

function viaWasm(c: Case, start: Float64Array, narrow: boolean): Float64Array {
  const arena = WasmArena.create(WasmArena.size(4 * c.spikes.length, 4 * c.rowPtr.length, 8 * c.nPost, 4 * c.col.length, 4 * c.col.length)) as WasmArena;
  expect(arena).not.toBeNull();
  const sp = arena.i32(c.spikes.length);
  sp.set(c.spikes);
  const rowPtr = arena.i32(c.rowPtr.length);
  rowPtr.set(c.rowPtr);
  const g = arena.f64(c.nPost);
  g.set(start);
  const col = narrow ? arena.u16(c.col.length) : arena.i32(c.col.length);
  col.set(c.col);
  const ws = c.weights ? arena.f32(c.weights.length) : null;
  ws?.set(c.weights as Float32Array);
  arena.propagate(sp.byteOffset, sp.length, rowPtr.byteOffset, col.byteOffset, ws ? ws.byteOffset : 0, c.w, g.byteOffset, narrow ? 1 : 0);
  return Float64Array.from(g);
}

/** nPre rows of random length (every seventh empty) over nPost targets with repeats; `count` spikes, ascending, neuron 0's among them. */
function randomCase(rng: Rng, nPre: number, nPost: number, count: number, weighted: boolean): Case {
  const rowPtr = new Int32Array(nPre + 1);
  for (let i = 0; i < nPre; i++) rowPtr[i + 1] = rowPtr[i] + (i % 7 === 3 ? 0 : 1 + Math.floor(rng.uniform() * 300));
  const n = rowPtr[nPre];
  // few targets, so rows repeat them (with-replacement rules do)
  const col = Int32Array.from({ length: n }, () => Math.floor(rng.uniform() * nPost));
  const picked = new Set<number>([0]);
  while (picked.size < count) picked.add(Math.floor(rng.uniform() * nPre));
  const spikes = Int32Array.from([...picked].sort((a, b) => a - b));
  const weights = weighted ? Float32Array.from({ length: n }, () => rng.uniform() - 0.3) : null;
  return { nPost, rowPtr, col, spikes, weights, w: 0.1 + rng.uniform() };
}

describe('$propagate', () => {
  it('gives the sums of the plain loop to the bit on every path', () => {
    const rng = streamFor(7, 'test', 'propagate');
    for (const weighted of [false, true]) {
      for (const narrow of [true, false]) {
        for (const count of [1, 2, 3, 4, 5, 40, 41]) {
          const c = randomCase(rng, 60, 97, count, weighted);
          // values that round differently in another order
          const start = Float64Array.from({ length: c.nPost }, () => (rng.uniform() - 0.5) * 1e3);
          const want = reference(c, start);
          const got = viaWasm(c, start, narrow);
          expect(Buffer.from(got.buffer).equals(Buffer.from(want.buffer)), `weighted ${weighted}, narrow ${narrow}, ${count} spikes`).toBe(true);
          // the case adds something (a comparison of two unchanged arrays proves nothing)
          expect(want.some((x, k) => x !== start[k])).toBe(true);
        }
      }
    }
  });

  it('reads nothing past the last row when it is empty and its columns end the memory', () => {
    // spikes, rowPtr and g take the first 96 bytes; u16 columns fill the rest of two pages exactly
    const arena = WasmArena.create(2 * PAGE) as WasmArena;
    expect(arena.buffer.byteLength).toBe(2 * PAGE);
    const sp = arena.i32(3);
    const rowPtr = arena.i32(4);
    const g = arena.f64(8);
    const n = arena.free / 2;
    const col = arena.u16(n);
    expect(col.byteOffset + col.byteLength).toBe(arena.buffer.byteLength);
    for (let e = 0; e < n; e++) col[e] = e % 8;
    rowPtr.set([0, n, n, n]);
    sp.set([0, 1, 2]);
    for (const count of [1, 2, 3]) {
      g.fill(0);
      const spikes = sp.subarray(0, count);
      arena.propagate(sp.byteOffset, count, rowPtr.byteOffset, col.byteOffset, 0, 0.5, g.byteOffset, 1);
      const want = reference({ nPost: 8, rowPtr: Int32Array.from(rowPtr), col: Int32Array.from(col), spikes, weights: null, w: 0.5 }, new Float64Array(8));
      expect(Array.from(g)).toEqual(Array.from(want));
    }
  });
});
