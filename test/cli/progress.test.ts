import { describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress';

describe('progress', () => {
  it('redraws a bar in place on a terminal, at most every 100 ms, and always at the end', () => {
    let out = '';
    let t = 0;
    const p = createProgress({ write: (s: string) => (out += s), isTTY: true }, () => t);
    p.update({ step: 10, steps: 100, wallMs: 0 });
    t = 50;
    p.update({ step: 20, steps: 100, wallMs: 50 }); // throttled
    t = 120;
    p.update({ step: 60, steps: 100, wallMs: 120 });
    t = 130;
    p.update({ step: 100, steps: 100, wallMs: 130 }); // the end is always drawn
    p.done();
    const frames = out.split('\r').filter(Boolean);
    expect(frames).toHaveLength(3);
    expect(frames[0]).toContain(' 10%');
    expect(frames[1]).toContain(' 60%');
    expect(frames[2]).toMatch(/^\[#{30}\] 100%/);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('writes one plain line per 10 % otherwise', () => {
    let out = '';
    const p = createProgress({ write: (s: string) => (out += s) }, () => 0);
    for (let s = 0; s <= 1000; s += 7) p.update({ step: s, steps: 1000, wallMs: 0 });
    p.update({ step: 1000, steps: 1000, wallMs: 0 });
    expect(out.trim().split('\n').map((l) => l.split(' ')[1])).toEqual(['0%', '10%', '20%', '30%', '40%', '50%', '60%', '70%', '80%', '90%', '100%']);
  });
});
