/** Data shaping for the plots: raster bands and density, rate smoothing and thinning, ISI histogram, CSV. */
import { describe, expect, it } from 'vitest';
import type { RunResults, SpikeTrain } from '../../src/shared/results';
import { DENSITY_LEVELS, densityLevel, densityPixels, DOT_OPACITY, isiHistogram, rasterPixels, POPULATION_PALETTE, populationColors, populationSign, rasterOf, rateCurves, rateSpectra, thinCurve } from '../../src/renderer/plots/shaping';
import { csvField, ratesCsv, spikesCsv, toCsv } from '../../src/renderer/plots/csv';

function train(population: string, size: number, pairs: [number, number][]): SpikeTrain {
  return { monitor: `${population}-spikes`, population, size, steps: Int32Array.from(pairs.map((p) => p[0])), ids: Int32Array.from(pairs.map((p) => p[1])) };
}

function results(spikes: SpikeTrain[], steps = 1000, dt = 0.1): RunResults {
  return { dt, steps, seed: 1, backend: 'typed', spikes, traces: [], counts: [] };
}

describe('raster', () => {
  it('stacks populations in bands and converts steps to ms', () => {
    const r = rasterOf(results([train('E', 4, [[10, 0], [20, 3]]), train('I', 2, [[15, 1]])]));
    expect(r.mode).toBe('points');
    expect(r.bands.map((b) => [b.population, b.offset, b.size, b.spikes])).toEqual([['E', 0, 4, 2], ['I', 4, 2, 1]]);
    // Each neuron in the middle of its row: E's neuron 3 at 3.5, I's neuron 1 at 4 + 1 + 0.5.
    expect([...r.data[0]]).toEqual([1, 0.5, 2, 3.5]);
    expect([...r.data[1]]).toEqual([1.5, 5.5]);
    expect(r.total).toBe(3);
  });

  it('colours E and I from different families', () => {
    expect(populationSign('E')).toBe('E');
    expect(populationSign('exc')).toBe('E');
    expect(populationSign('I')).toBe('I');
    expect(populationSign('inh_pv')).toBe('I');
    expect(populationSign('drive')).toBe('other');
    const c = populationColors(['E', 'I']);
    expect(c.get('E')).not.toBe(c.get('I'));
  });

  it('gives twelve populations twelve different colours, E warm first and I cool first, and repeats only past the palette', () => {
    const ids = ['E1', 'E2', 'E3', 'I1', 'I2', 'ext', 'A', 'B', 'E4', 'I3', 'C', 'D'];
    const c = populationColors(ids);
    expect(new Set(ids.map((id) => c.get(id))).size).toBe(12);
    expect(c.get('E1')).toBe(POPULATION_PALETTE[0]);
    expect(c.get('I1')).toBe(POPULATION_PALETTE[6]);
    const thirteen = populationColors([...ids, 'E5']);
    expect(POPULATION_PALETTE).toContain(thirteen.get('E5'));
    // A theme's palette is used as given.
    const dark = POPULATION_PALETTE.map((_, k) => `#00000${k.toString(16)}`);
    expect(populationColors(['E', 'I'], dark).get('I')).toBe(dark[6]);
    // The raster and the rates colour each population alike.
    const run = results([train('E1', 2, [[1, 0]]), train('I1', 2, [[2, 1]]), train('x', 2, [])]);
    expect(rasterOf(run, undefined, { palette: dark }).bands.map((b) => b.color)).toEqual(rateCurves(run, 1, undefined, dark).map((r) => r.color));
  });

  it('switches to a density above the threshold and keeps every spike counted', () => {
    const pairs: [number, number][] = [];
    for (let s = 0; s < 1000; s++) for (let n = 0; n < 10; n++) pairs.push([s, n]);
    const r = rasterOf(results([train('E', 10, pairs)]), 5000, { timeBins: 100, rowBins: 5 });
    expect(r.mode).toBe('density');
    if (r.mode !== 'density') return;
    let sum = 0;
    for (let j = 2; j < r.data[0].length; j += 3) sum += r.data[0][j];
    expect(sum).toBe(10_000);
    // 100 time bins x 5 row bins (2 rows each), 10 steps x 2 neurons per cell.
    expect(r.data[0].length / 3).toBe(500);
    expect(r.maxCount).toBe(20);
    expect(r.cellRows).toBe(2);
    expect(r.cellMs).toBeCloseTo(1, 12);
  });
});

describe('raster drawn into pixels', () => {
  // 4000 neurons (E 3200, I 800) over 1000 ms of 0.1 ms steps, 20 000 random spikes in time order,
  // drawn on 1250 × 230 px: about 17 neurons and 0.8 ms per pixel, so many spikes share a pixel.
  let s = 7;
  const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const spikesOf = (n: number, size: number): [number, number][] =>
    Array.from({ length: n }, () => [Math.floor(rand() * 10_000), Math.floor(rand() * size)] as [number, number]).sort((a, b) => a[0] - b[0]);
  const r = rasterOf(results([train('E', 3200, spikesOf(16_000, 3200)), train('I', 800, spikesOf(4000, 800))], 10_000), Infinity);
  if (r.mode !== 'points') throw new Error('expected points');
  const view = { width: 1250, height: 230, fromMs: 0, toMs: 1000, rows: 4000, colors: [[200, 10, 20], [10, 20, 200]] as [number, number, number][] };
  /** The pixel a spike falls in: 1.25 px per ms from the left, 230/4000 px per row up from the bottom. */
  const pixelOf = (t: number, row: number): [number, number] => [Math.floor(t * (1250 / 1000)), Math.floor(230 - row * (230 / 4000))];
  const colourAt = (px: { width: number; data: Uint8ClampedArray }, x: number, y: number): number[] => Array.from(px.data.subarray((y * px.width + x) * 4, (y * px.width + x) * 4 + 4));

  it('lights every spike\'s pixel in its band\'s colour and nothing else (one-pixel marks)', () => {
    const px = rasterPixels(r, { ...view, mark: [1, 1] });
    expect([px.width, px.height]).toEqual([1250, 230]);
    const lit = new Set<number>();
    r.data.forEach((d, k) => {
      for (let i = 0; i < d.length; i += 2) {
        const [x, y] = pixelOf(d[i], d[i + 1]);
        lit.add(y * 1250 + x);
        // In its band's colour (bands do not overlap), at least as opaque as one dot.
        const c = colourAt(px, x, y);
        expect(c.slice(0, 3)).toEqual(view.colors[k]);
        expect(c[3]).toBeGreaterThanOrEqual(Math.floor(DOT_OPACITY * 255));
      }
    });
    let drawn = 0;
    for (let p = 0; p < 1250 * 230; p++) if (px.data[p * 4 + 3] > 0) drawn++;
    expect(drawn).toBe(lit.size);
    // Many spikes share a pixel: the image has fewer lit pixels than spikes.
    expect(lit.size).toBeLessThan(20_000);
  });

  it('fills a mark around each spike\'s pixel and clips it at the edge', () => {
    // One neuron: its row is the whole height; 2 × 40 px ticks on the row's middle (pixel row 115).
    const one = rasterOf(results([train('E', 1, [[0, 0], [5000, 0], [9999, 0]])], 10_000));
    if (one.mode !== 'points') throw new Error('expected points');
    const px = rasterPixels(one, { ...view, rows: 1, mark: [2, 40], colors: [[1, 2, 3]] });
    const columns = new Map<number, number>();
    for (let p = 0; p < px.width * px.height; p++) {
      if (px.data[p * 4 + 3] === 0) continue;
      columns.set(p % px.width, (columns.get(p % px.width) ?? 0) + 1);
      expect(Math.floor(p / px.width)).toBeGreaterThanOrEqual(115 - 19);
      expect(Math.floor(p / px.width)).toBeLessThanOrEqual(115 + 20);
    }
    // 0 ms: columns 0-1; 500 ms: 625-626; 999.9 ms: column 1249, its second column off the image.
    expect([...columns.keys()].sort((a, b) => a - b)).toEqual([0, 1, 625, 626, 1249]);
    expect([...columns.values()]).toEqual([40, 40, 40, 40, 40]);
  });

  it('darkens a pixel with every dot on it, as overlapping translucent dots do', () => {
    const two = rasterOf(results([train('E', 1, [[10, 0], [11, 0]])], 10_000));
    if (two.mode !== 'points') throw new Error('expected points');
    // Both spikes (1.0 and 1.1 ms) fall in pixel column 1 at 1.25 px per ms.
    const alphaAt = (n: number, mark: [number, number]): number => {
      const px = rasterPixels(n === 1 ? rasterOf(results([train('E', 1, [[10, 0]])], 10_000)) as typeof two : two, { ...view, rows: 1, mark, colors: [[1, 2, 3]] });
      return px.data[(115 * px.width + 1) * 4 + 3];
    };
    expect(alphaAt(1, [1, 1])).toBe(Math.round(255 * DOT_OPACITY));
    expect(alphaAt(2, [1, 1])).toBe(Math.round(255 * (1 - (1 - DOT_OPACITY) ** 2)));
    // A 1.5-px dot fills 2 × 2 pixels, each let through as much as the dot's area covers: 2.25 / 4.
    expect(alphaAt(1, [1.5, 1.5])).toBe(Math.round(255 * DOT_OPACITY * (2.25 / 4)));
  });

  it('draws only the window it is given (a zoom)', () => {
    const px = rasterPixels(r, { ...view, fromMs: 400, toMs: 500, mark: [1, 1] });
    let drawn = 0;
    for (let p = 0; p < px.width * px.height; p++) if (px.data[p * 4 + 3] > 0) drawn++;
    const inWindow = r.data.reduce((a, d) => a + d.filter((t, i) => i % 2 === 0 && t >= 400 && t < 500).length, 0);
    expect(drawn).toBeGreaterThan(0);
    // 12.5 px per ms at this zoom: almost every spike has a pixel of its own.
    expect(drawn).toBeLessThanOrEqual(inWindow);
    expect(drawn).toBeGreaterThan(inWindow * 0.95);
  });
});

describe('density raster drawn into pixels', () => {
  // Two bands (E rows 0-99, I rows 100-139), 100 ms; 10 time bins and 10 rows per cell on 200 × 140 px:
  // a cell is 20 px wide and 10 px tall, so every cell covers whole pixels.
  const pairs = (n: number, size: number, seed: number): [number, number][] => {
    let s = seed;
    const rand = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    return Array.from({ length: n }, () => [Math.floor(rand() * 1000), Math.floor(rand() * size)] as [number, number]).sort((a, b) => a[0] - b[0]);
  };
  const r = rasterOf(results([train('E', 100, pairs(3000, 100, 3)), train('I', 40, pairs(600, 40, 4))], 1000), 0, { timeBins: 10, rowBins: 14 });
  if (r.mode !== 'density') throw new Error('expected density');
  const colors = [[200, 10, 20], [10, 20, 200]] as [number, number, number][];
  const view = { width: 200, height: 140, fromMs: 0, toMs: 100, rows: 140, colors };

  it('fills each cell\'s rectangle in its band\'s colour at its level\'s opacity, and nothing else', () => {
    expect([r.cellMs, r.cellRows]).toEqual([10, 10]);
    const px = densityPixels(r, view);
    const expected = new Uint8ClampedArray(200 * 140 * 4);
    r.data.forEach((d, k) => {
      for (let j = 0; j < d.length; j += 3) {
        // The cell's centre (t ms, row) -> its 20 × 10 px rectangle, rows counted up from the bottom.
        const x0 = (d[j] - 5) * 2;
        const yTop = 140 - (d[j + 1] + 5);
        const alpha = Math.round(255 * DENSITY_LEVELS[densityLevel(d[j + 2], r.maxCount)]);
        for (let y = yTop; y < yTop + 10; y++) for (let x = x0; x < x0 + 20; x++) expected.set([...colors[k], alpha], (y * 200 + x) * 4);
      }
    });
    expect(Array.from(px.data)).toEqual(Array.from(expected));
    // Every cell of this raster has spikes, at more than one level.
    expect(new Set(Array.from({ length: 200 * 140 }, (_, p) => px.data[p * 4 + 3])).size).toBeGreaterThan(1);
  });

  it('leaves a hidden band out and draws only the window it is given', () => {
    const noE = densityPixels(r, { ...view, hidden: [true, false] });
    for (let y = 0; y < 140; y++) {
      // E's rows (0-99) are the bottom 100 px: empty; I's rows above are drawn.
      expect(noE.data[(y * 200 + 100) * 4 + 3] > 0).toBe(y < 40);
    }
    const zoomed = densityPixels(r, { ...view, fromMs: 50, toMs: 100 });
    // 4 px per ms from 50 ms: the cell of 50-60 ms is the first 40 columns.
    expect(zoomed.data[(70 * 200 + 0) * 4 + 3]).toBeGreaterThan(0);
    expect(Array.from(zoomed.data.subarray((70 * 200) * 4, (70 * 200 + 40) * 4))).toEqual(Array.from(densityPixels(r, view).data.subarray((70 * 200 + 100) * 4, (70 * 200 + 120) * 4)).flatMap((_, i, a) => (i % 4 === 0 ? [...a.slice(i, i + 4), ...a.slice(i, i + 4)] : [])));
  });
});

describe('raster zoom', () => {
  it('shapes only the visible window, back to single dots when few enough are visible', () => {
    const pairs: [number, number][] = [];
    for (let s = 0; s < 1000; s++) for (let n = 0; n < 10; n++) pairs.push([s, n]);
    const r = rasterOf(results([train('E', 10, pairs)]), 5000, { fromMs: 10, toMs: 20 });
    expect(r.mode).toBe('points');
    // Steps 100..200 inclusive of the window edges (t = 10 ms .. 20 ms).
    expect(r.total).toBe(101 * 10);
    expect(Math.min(...r.data[0].filter((_, i) => i % 2 === 0))).toBeCloseTo(10, 5);
    expect(Math.max(...r.data[0].filter((_, i) => i % 2 === 0))).toBeCloseTo(20, 5);
  });
});

describe('rates', () => {
  it('thins a curve by block means with centred times', () => {
    expect(thinCurve([1, 3, 5, 7], 0.5, 2)).toEqual([[0.25, 2], [1.25, 6]]);
    expect(thinCurve([4, 8], 1, 10)).toEqual([[0, 4], [1, 8]]);
  });

  it('smooths a regular population to its mean rate', () => {
    // 10 neurons, each fires every 100 steps (10 ms at dt 0.1) -> 100 Hz.
    const pairs: [number, number][] = [];
    for (let s = 0; s < 2000; s += 100) for (let n = 0; n < 10; n++) pairs.push([s + n, n]);
    const [c] = rateCurves(results([train('E', 10, pairs)], 2000), 50, 2000);
    const mid = c.points.filter(([t]) => t > 40 && t < 160).map(([, v]) => v);
    for (const v of mid) expect(v).toBeCloseTo(100, 6);
  });
});

describe('ISI', () => {
  it('pools intervals per neuron and bins them', () => {
    const h = isiHistogram(train('E', 2, [[0, 0], [10, 1], [20, 0], [40, 0], [50, 1]]), 0.1, 4);
    expect(h.intervals).toBe(3); // 2 ms, 2 ms, 4 ms
    expect(h.binMs).toBeCloseTo(1, 12);
    expect([...h.counts]).toEqual([0, 0, 2, 1]);
  });
});

describe('CSV', () => {
  it('quotes fields that need it', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(toCsv(['x', 'y'], [[1, 2]])).toBe('x,y\n1,2\n');
  });

  it('writes every spike with its time in ms', () => {
    const text = spikesCsv(results([train('E', 4, [[10, 0], [25, 3]]), train('I', 2, [[15, 1]])]));
    expect(text).toBe('population,neuron,time_ms\nE,0,1\nE,3,2.5\nI,1,1.5\n');
  });

  it('writes rate curves side by side', () => {
    const text = ratesCsv([
      { population: 'E', color: '#000', points: [[0, 1], [1, 2]] },
      { population: 'I', color: '#000', points: [[0, 3], [1, 4]] },
    ]);
    expect(text).toBe('time_ms,E_rate_hz,I_rate_hz\n0,1,3\n1,2,4\n');
  });
});

describe('rate spectrum', () => {
  it('peaks at the frequency of a rhythmic population and not for an irregular one', () => {
    // 1 s at 0.1 ms: "G" fires a volley of 20 spikes every 25 ms (40 Hz); "R" fires at seeded pseudo-random steps.
    const steps = 10_000;
    const volley: [number, number][] = [];
    for (let s = 0; s < steps; s += 250) for (let n = 0; n < 20; n++) volley.push([s + (n % 5), n]);
    const irregular: [number, number][] = [];
    let x = 12345;
    for (let k = 0; k < 800; k++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      irregular.push([x % steps, k % 20]);
    }
    irregular.sort((a, b) => a[0] - b[0]);
    const [g, r] = rateSpectra(results([train('G', 20, volley), train('R', 20, irregular)], steps));
    expect(g.peakHz).toBeGreaterThan(38);
    expect(g.peakHz).toBeLessThan(42);
    expect(g.points.every(([f]) => f > 0 && f <= 200)).toBe(true);
    const power = (s: typeof g, lo: number, hi: number): number => s.points.filter(([f]) => f >= lo && f <= hi).reduce((a, [, p]) => a + p, 0);
    // the volleys put their power at 40 Hz and its harmonics (80, 120, 160 Hz); the irregular
    // train spreads it: 10 Hz of a 195 Hz band holds about 5 % of flat noise
    const harmonics = (s: typeof g): number => [40, 80, 120, 160].reduce((a, f) => a + power(s, f - 5, f + 5), 0) / power(s, 5, 200);
    expect(harmonics(g)).toBeGreaterThan(0.5);
    expect(harmonics(r)).toBeLessThan(0.35);
    expect(power(r, 35, 45) / power(r, 5, 200)).toBeLessThan(0.1);
  });
});
