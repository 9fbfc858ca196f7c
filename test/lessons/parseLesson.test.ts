import { describe, expect, it } from 'vitest';
import { applyEdits, parseLesson, parseLessonLink, type Lesson, type ProjectResolver } from '../../src/shared/lessons';
import { Document } from '../../src/shared/document';

const GOOD = `---
title: The LIF neuron
summary: V∞ and the rheobase.
project: 01-single-lif.snn
---
An introduction with $V_\\infty$.

---
step: Run it
ask: Press Run.
check:
  - spikes: neuron
    equals: 7
  - rate: neuron
    between: [60 Hz, 80 Hz]
    from: 10 ms
hint:
  - First hint.
  - Second hint.
show:
  - set: {node: neuron, field: params.R, value: 10 MOhm}
  - run
---
Text of the step, see [R](field:neuron#params.R).

---
step: Explain only
---
Nothing to do here.
`;

function parsed(text: string): Lesson {
  const r = parseLesson(text);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.line}: ${e.message}`).join('\n'));
  return r.lesson;
}

function errorsOf(text: string): { line: number; message: string }[] {
  const r = parseLesson(text);
  if (r.ok) throw new Error('expected errors');
  return [...r.errors];
}

describe('parseLesson', () => {
  it('reads the header, the introduction and the steps with their checks, hints and solution', () => {
    const l = parsed(GOOD);
    expect(l.title).toBe('The LIF neuron');
    expect(l.project).toEqual({ kind: 'example', name: '01-single-lif.snn' });
    expect(l.steps.map((s) => s.title)).toEqual(['Introduction', 'Run it', 'Explain only']);
    const run = l.steps[1];
    expect(run.ask).toBe('Press Run.');
    expect(run.hints).toEqual(['First hint.', 'Second hint.']);
    expect(run.showRuns).toBe(true);
    expect(run.show).toEqual([{ type: 'set', node: 'neuron', field: 'params.R', value: '10 MOhm', line: 21 }]);
    expect(run.checks[0]).toMatchObject({ kind: 'spikes', population: 'neuron', range: { min: { value: 7 }, max: { value: 7 } }, line: 12 });
    expect(run.checks[1]).toMatchObject({ kind: 'rate', range: { min: { text: '60 Hz', value: 60 }, max: { value: 80 } }, fromMs: 10 });
    expect(run.text).toContain('field:neuron#params.R');
    expect(run.line).toBe(8);
    expect(l.steps[2].checks).toEqual([]);
  });

  it('converts bounds to the internal unit of what is measured', () => {
    const l = parsed(GOOD.replace('between: [60 Hz, 80 Hz]', 'between: [0.06 kHz, 80 Hz]'));
    expect(l.steps[1].checks[1]).toMatchObject({ range: { min: { value: 60 } } });
    const rheo = parsed(GOOD.replace('- rate: neuron\n    between: [60 Hz, 80 Hz]\n    from: 10 ms', '- rheobase: neuron\n    between: [1400 pA, 1.6 nA]'));
    expect(rheo.steps[1].checks[1]).toMatchObject({ kind: 'rheobase', range: { min: { value: 1.4 }, max: { value: 1.6 } } });
  });

  it('names the line of an unknown key, a wrong unit, a YAML slip and an unclosed block', () => {
    expect(errorsOf(GOOD.replace('ask: Press Run.', 'asks: Press Run.'))).toEqual([{ line: 10, message: expect.stringContaining('Unknown key "asks"') }]);
    expect(errorsOf(GOOD.replace('[60 Hz, 80 Hz]', '[60 mV, 80 Hz]'))).toEqual([{ line: 15, message: expect.stringContaining('"60 mV"') }]);
    expect(errorsOf(GOOD.replace('equals: 7', 'equals: [7'))[0].line).toBeGreaterThanOrEqual(13);
    const unclosed = errorsOf('---\ntitle: x\nproject: a.snn\n');
    expect(unclosed).toEqual([{ line: 1, message: expect.stringContaining('never closed') }]);
    expect(errorsOf('title: x\n')[0]).toMatchObject({ line: 1, message: expect.stringContaining('starts with a `---`') });
    expect(errorsOf(GOOD.replace('- spikes: neuron', '- spike: neuron'))[0]).toMatchObject({ line: 12, message: expect.stringContaining('nothing to measure') });
    expect(errorsOf(GOOD.replace('  - run\n', '').replace('  - set: {node: neuron, field: params.R, value: 10 MOhm}\n', ''))[0].message).toContain('show:');
    expect(errorsOf(GOOD.replace('project: 01-single-lif.snn', 'project: ../x.snn'))[0]).toMatchObject({ line: 4 });
    expect(errorsOf(GOOD.replace('between: [60 Hz, 80 Hz]', 'between: [80 Hz, 60 Hz]'))[0].message).toContain('above the high bound');
  });

  it('reads the links that select a node or a field', () => {
    expect(parseLessonLink('node:E')).toEqual({ kind: 'node', node: 'E' });
    expect(parseLessonLink('field:E->I#weight')).toEqual({ kind: 'field', node: 'E->I', field: 'weight' });
    expect(parseLessonLink('field:my%20pop#params.R')).toEqual({ kind: 'field', node: 'my pop', field: 'params.R' });
    expect(parseLessonLink('https://example.org')).toBeNull();
    expect(parseLessonLink('field:E')).toBeNull();
  });
});

describe('applyEdits', () => {
  const doc = Document.parse({
    nodes: [
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
      { id: 'neuron', kind: 'population', model: 'LIF', size: 1, params: { R: '10 MOhm' } },
    ],
    wires: [{ from: 'drive', to: 'neuron' }],
  });
  const none: ProjectResolver = () => ({ ok: false, message: 'no projects here' });

  it('sets fields, run settings, adds and wires nodes, in order', () => {
    const r = applyEdits(doc, [
      { type: 'set', node: 'neuron', field: 'params.R', value: '1 Ohm', line: 3 },
      { type: 'simulation', values: { duration: '200 ms' }, line: 4 },
      { type: 'add', node: { id: 'spk', kind: 'monitor', record: 'spikes' }, line: 5 },
      { type: 'wire', from: 'neuron', to: 'spk', line: 6 },
    ], none);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.nodes[1]).toMatchObject({ params: { R: '1 Ohm' } });
    expect(r.document.simulation.duration).toBe('200 ms');
    expect(r.document.wires).toContainEqual({ from: 'neuron', to: 'spk' });
    expect(doc.nodes[1]).toMatchObject({ params: { R: '10 MOhm' } }); // the input is not changed
  });

  it('refuses an edit naming a node or field that is not there, with the lesson line', () => {
    expect(applyEdits(doc, [{ type: 'set', node: 'nope', field: 'params.R', value: '1 Ohm', line: 9 }], none)).toEqual({ ok: false, error: { line: 9, message: expect.stringContaining('no node "nope"') } });
    expect(applyEdits(doc, [{ type: 'set', node: 'neuron', field: 'weight', value: '1 nA', line: 7 }], none)).toEqual({ ok: false, error: { line: 7, message: expect.stringContaining('not a field of population') } });
    expect(applyEdits(doc, [{ type: 'set', node: 'neuron', field: 'size', value: [true] as never, line: 8 }], none)).toMatchObject({ ok: false, error: { line: 8 } });
    expect(applyEdits(doc, [{ type: 'load', project: { kind: 'example', name: 'x.snn' }, line: 2 }], none)).toEqual({ ok: false, error: { line: 2, message: 'no projects here' } });
  });
});
