/** Card titles wrap between words and after arrows, never inside a name (canvas/titleParts.ts). */
import { describe, expect, it } from 'vitest';
import { titleParts } from '../../src/renderer/canvas/titleParts';

describe('card title parts', () => {
  it('cuts at spaces and after arrows only', () => {
    expect(titleParts('E spikes')).toEqual([['E'], ['spikes']]);
    expect(titleParts('E0->E6')).toEqual([['E0->', 'E6']]);
    expect(titleParts('background')).toEqual([['background']]);
    expect(titleParts('thalamic_input->cortex_layer_4')).toEqual([['thalamic_input->', 'cortex_layer_4']]);
    expect(titleParts('a-b c->d->e')).toEqual([['a-b'], ['c->', 'd->', 'e']]);
  });

  it('keeps every character but the spaces between words', () => {
    for (const t of ['  lead and  trail ', 'E0->E6', 'x->', '->x', 'ünïcode wörds']) {
      expect(titleParts(t).map((w) => w.join('')).join(' ')).toBe(t.trim().split(/\s+/).join(' '));
    }
    expect(titleParts('')).toEqual([]);
  });
});
