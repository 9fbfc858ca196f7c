/**
 * Seeded random numbers. One global seed fixes every draw of a run; each purpose gets its own
 * stream derived by hashing (seed, purpose keys), e.g. ("conn", "E->I") or ("poisson", "bg"),
 * so editing one node never changes another node's randomness.
 *
 * Generator: xoshiro128** (Blackman & Vigna), 32-bit arithmetic only, so it is fast in JS
 * engines without BigInt and gives the same bits on every platform.
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** splitmix32-style finaliser (murmur3 fmix32): spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hash of a string with a salt (FNV-1a over UTF-16 units, then fmix32). */
function hashString(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

export class Rng {
  /**
   * The four state words, in a typed array so every load and store is a plain int32: no field
   * changes representation and nothing is boxed (as number fields holding uint32s were in Chromium).
   */
  private readonly s = new Int32Array(4);
  private spare = 0;
  private hasSpare = false;

  /** Four 32-bit words of state; an all-zero state is replaced (xoshiro would stay at zero). */
  constructor(a: number, b: number, c: number, d: number) {
    const s = this.s;
    s[0] = a;
    s[1] = b;
    s[2] = c;
    s[3] = d;
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 0x9e3779b9;
  }

  /** Write the four state words to `to` (at `at`), for a WebAssembly copy of this generator (lif.wat, $poisson). */
  saveState(to: Int32Array, at = 0): void {
    to.set(this.s, at);
  }

  /** Next 32 random bits as an unsigned integer. */
  nextU32(): number {
    const s = this.s;
    const s0 = s[0];
    const s1 = s[1];
    const s2 = s[2] ^ s0;
    const s3 = s[3] ^ s1;
    s[0] = s0 ^ s3;
    s[1] = s1 ^ s2;
    s[2] = s2 ^ (s1 << 9);
    s[3] = (s3 << 11) | (s3 >>> 21);
    return Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
  }

  /**
   * `count` draws of int(n) written to out[from ..]: the same numbers, in the same order, as
   * `count` calls of int(n), with the state in locals and no call per draw (the connectivity
   * rules draw millions of them).
   */
  fillInts(n: number, out: Int32Array, from: number, count: number): void {
    const s = this.s;
    let s0 = s[0];
    let s1 = s[1];
    let s2 = s[2];
    let s3 = s[3];
    const end = from + count;
    for (let i = from; i < end; i++) {
      const r = Math.imul(s1, 5);
      const bits = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
      s2 ^= s0;
      s3 ^= s1;
      const t = s1 << 9;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = Math.floor((bits * n) / TWO_POW_32);
    }
    s[0] = s0;
    s[1] = s1;
    s[2] = s2;
    s[3] = s3;
  }

  /** Uniform in [0, 1) with 32 bits of resolution (enough for rand < rate·dt). */
  uniform(): number {
    return this.nextU32() / TWO_POW_32;
  }

  /** Uniform in [0, 1) with 53 bits of resolution. */
  uniform53(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** Uniform in [low, high). */
  range(low: number, high: number): number {
    return low + (high - low) * this.uniform53();
  }

  /**
   * Integer uniform in [0, n) for n <= 2^32. Multiply-shift (Lemire) without the rejection
   * step: the bias is below n / 2^32 (< 1e-4 for a million neurons), far under any test's noise.
   */
  int(n: number): number {
    return Math.floor((this.nextU32() * n) / TWO_POW_32);
  }

  /** Standard normal by the Marsaglia polar method; the second value of each pair is cached. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform53() - 1;
      v = 2 * this.uniform53() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** Normal with the given mean and standard deviation. */
  gauss(mean: number, std: number): number {
    return mean + std * this.normal();
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * An independent stream for one purpose: the same (seed, keys) always gives the same stream,
 * and different keys give unrelated streams.
 */
export function streamFor(seed: number, ...keys: (string | number)[]): Rng {
  // Keys are joined with a separator that cannot occur in numbers and is unlikely in ids, and
  // typed ("s"/"n") so ("a", 1) and ("a1") differ.
  const text = keys.map((k) => (typeof k === 'number' ? `n${k}` : `s${k}`)).join('\u241f');
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  const h1 = hashString(text, 0x243f6a88);
  const h2 = hashString(text, 0x85a308d3);
  // A splitmix-like sequence over (seed, hashes) fills the four state words.
  let x = fmix32(lo ^ 0x9e3779b9);
  x = fmix32(x ^ hi ^ h1);
  const a = fmix32(x + 0x9e3779b9);
  const b = fmix32(a ^ h2);
  const c = fmix32(b + 0x7f4a7c15 + lo);
  const d = fmix32(c ^ h1 ^ 0x632be5ab);
  const rng = new Rng(a, b, c, d);
  // Discard a few outputs so weakly mixed seeds settle.
  for (let i = 0; i < 8; i++) rng.nextU32();
  return rng;
}
