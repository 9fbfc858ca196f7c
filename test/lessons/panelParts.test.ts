/** The lesson panel's pure parts: Markdown with math and lesson links, and edits as undoable changes. */
import { describe, expect, it } from 'vitest';
import { lessonHtml } from '../../src/renderer/lessons/lessonMarkdown';
import { changesBetween } from '../../src/renderer/lessons/documentChanges';
import { applyChanges } from '../../src/renderer/store/changes';
import { applyEdits } from '../../src/shared/lessons';
import { Document } from '../../src/shared/document';

describe('lessonHtml', () => {
  it('typesets inline and display math with KaTeX and keeps node/field links', () => {
    const html = lessonHtml('V rises to $V_\\infty$:\n\n$$T = \\tau \\ln 2$$\n\nSee [the neuron](node:neuron) and [R](field:neuron#params.R).');
    expect(html).toContain('class="katex"');
    expect(html).toContain('katex-display');
    expect(html).toContain('href="node:neuron"');
    expect(html).toContain('href="field:neuron#params.R"');
  });

  it('never passes raw HTML or a javascript: link through', () => {
    const html = lessonHtml('<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
  });

  it('leaves prices and lone dollars as text', () => {
    expect(lessonHtml('It costs 5 $ and 6 $ each.')).not.toContain('katex');
  });
});

describe('changesBetween', () => {
  const doc = Document.parse({
    nodes: [
      { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' }, position: [0, 0] },
      { id: 'neuron', kind: 'population', model: 'LIF', size: 1, params: { R: '10 MOhm' }, position: [200, 0] },
    ],
    wires: [{ from: 'drive', to: 'neuron' }],
  });

  it('turns a step edit into changes that give the same document, undoable in one go', () => {
    const edited = applyEdits(doc, [
      { type: 'set', node: 'drive', field: 'params.amplitude', value: '1.4 nA', line: 1 },
      { type: 'simulation', values: { duration: '200 ms' }, line: 2 },
      { type: 'add', node: { id: 'spk', kind: 'monitor', record: 'spikes' }, line: 3 },
      { type: 'wire', from: 'neuron', to: 'spk', line: 4 },
      { type: 'unwire', from: 'drive', to: 'neuron', line: 5 },
    ], () => ({ ok: false, message: '' }));
    if (!edited.ok) throw new Error(edited.error.message);
    const applied = applyChanges(doc, changesBetween(doc, edited.document));
    const { position, ...added } = applied.doc.nodes.find((n) => n.id === 'spk')!;
    expect(position?.[0]).toBeGreaterThan(200); // placed right of the network
    expect({ ...applied.doc, nodes: applied.doc.nodes.map((n) => (n.id === 'spk' ? added : n)) }).toEqual(edited.document);
    expect(applyChanges(applied.doc, applied.inverse).doc).toEqual(doc);
  });
});
