/**
 * The document's structural rules are stated once (src/shared/structure.ts): the editor, the file
 * loader and the build give the same sentence for the same mistake.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/shared/document';
import { parseProjectFile } from '../../src/shared/projectFile';
import { sizeProblem, STRUCTURE_TEXT, WIRE_RULES, wireAllowed, wireHint, wireProblem } from '../../src/shared/structure';
import { projectionWeight } from '../../src/shared/catalog';
import { build } from '../../src/engine/build';
import { checkWire } from '../../src/renderer/store/wiring';

const KINDS = ['population', 'projection', 'input', 'monitor'] as const;

function doc(wires: Array<{ from: string; to: string }>): Document {
  return {
    simulation: { dt: '0.1 ms', duration: '10 ms', seed: 1, backend: 'typed' },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 4, position: [0, 0], params: { R: '10 MOhm' } },
      { id: 'P', kind: 'population', model: 'Poisson', size: 4, position: [0, 0], params: { rate: '10 Hz' } },
      { id: 'E->E', kind: 'projection', position: [0, 0], conn: { rule: 'all_to_all' }, weight: '0.1 nA', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
      { id: 'drive', kind: 'input', model: 'constant', position: [0, 0], params: { amplitude: '1 nA' } },
      { id: 'spikes', kind: 'monitor', position: [0, 0], record: 'spikes' },
    ],
    wires,
  } as unknown as Document;
}

describe('the wiring table', () => {
  it('allows exactly the four pairs of the table and has a hint for every other pair', () => {
    for (const from of KINDS) {
      for (const to of KINDS) {
        const listed = WIRE_RULES.some((r) => r.from === from && r.to === to);
        expect(wireAllowed(from, to)).toBe(listed);
        const hint = wireHint(from, to);
        if (listed) expect(hint).toBeNull();
        else expect(hint).toMatch(/^[A-Z].*\.$/);
      }
    }
    expect(WIRE_RULES).toHaveLength(4);
  });

  it('refuses a wire into a spike source and a wire to itself', () => {
    expect(wireProblem({ id: 'drive', kind: 'input' }, { id: 'P', kind: 'population', model: 'Poisson' })).toMatch(/spike source.*current input/);
    expect(wireProblem({ id: 'E', kind: 'population' }, { id: 'E', kind: 'population' })).toMatch(/to itself/);
    expect(wireProblem({ id: 'drive', kind: 'input' }, { id: 'E', kind: 'population', model: 'LIF' })).toBeNull();
  });

  it.each([
    ['E', 'E->E', null],
    ['E', 'spikes', null],
    ['spikes', 'E', 'A monitor only records'],
    ['E', 'drive', 'An input has no inlet'],
    ['drive', 'P', 'spike source'],
    ['E->E', 'spikes', 'A monitor records a population, not a projection'],
  ])('%s -> %s: the editor, the file loader and the build say the same (%s)', (from, to, expected) => {
    const d = doc([{ from, to }]);
    const editor = checkWire(doc([]), from, to);
    const file = parseProjectFile(JSON.stringify({ format: 'snn-studio', version: 1, document: d }));
    const built = build(d).problems.filter((p) => p.code === 'bad_wire');
    if (expected === null) {
      expect(editor.ok).toBe(true);
      expect(built).toEqual([]);
      return;
    }
    expect(editor.ok).toBe(false);
    const hint = editor.ok ? '' : editor.hint;
    expect(hint).toContain(expected);
    if (expected === 'spike source') {
      expect(file.ok).toBe(true); // a model question: the loader checks structure, the build checks models
      expect(built.map((p) => p.message)).toEqual([hint]);
      return;
    }
    expect(file.ok).toBe(false);
    const fileMessages = file.ok ? [] : file.problems.filter((p) => p.code === 'bad_wire').map((p) => p.message);
    expect(fileMessages).toEqual([hint]);
    expect(built.map((p) => p.message)).toEqual([hint]);
  });
});

describe('population size', () => {
  it('names what is wrong and is null for a good size', () => {
    expect(sizeProblem(10)).toBeNull();
    expect(sizeProblem(2.5)).toMatch(/not a whole number/);
    expect(sizeProblem(0)).toMatch(/not a population/);
    expect(sizeProblem(1e12)).toMatch(/more than/);
  });

  it('gives the file loader and the build the same sentence', () => {
    const d = doc([]);
    (d.nodes[0] as { size: number }).size = 0;
    const file = parseProjectFile(JSON.stringify({ format: 'snn-studio', version: 1, document: d }));
    const fromFile = file.ok ? [] : file.problems.filter((p) => p.code === 'bad_size').map((p) => p.message);
    const fromBuild = build(d).problems.filter((p) => p.code === 'bad_size').map((p) => p.message);
    expect(fromFile).toEqual([sizeProblem(0)]);
    expect(fromBuild).toEqual([sizeProblem(0)]);
  });
});

describe("a projection's weight", () => {
  it('takes its dimension from the catalogue: Delta a voltage, CUBA a current, COBA and MgBlock a conductance', () => {
    expect(projectionWeight('Delta', 'CUBA')?.dim).toBe('voltage');
    expect(projectionWeight('Expon', 'CUBA')?.dim).toBe('current');
    expect(projectionWeight('Expon', 'COBA')?.dim).toBe('conductance');
    expect(projectionWeight('NMDA', 'MgBlock')?.dim).toBe('conductance');
  });

  it('has no dimension for an unknown model, and the build names the model instead of a unit', () => {
    expect(projectionWeight('Expon', 'Nope')).toBeUndefined();
    expect(projectionWeight('Nope', 'CUBA')).toBeUndefined();
    const d = doc([{ from: 'E', to: 'E->E' }, { from: 'E->E', to: 'E' }]);
    (d.nodes[2] as { output: { model: string } }).output.model = 'Nope';
    const problems = build(d).problems.filter((p) => p.nodeId === 'E->E');
    expect(problems.map((p) => p.code)).toEqual(['unknown_model']);
  });
});

describe("a monitor's neuron indices", () => {
  const withNeurons = (neurons: number[]): Document => {
    const d = doc([{ from: 'E', to: 'V' }]);
    return { ...d, nodes: [...d.nodes, { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons, position: [0, 0] }] } as Document;
  };

  it('a negative or fractional index gets the same sentence from the file loader and the build', () => {
    const d = withNeurons([0, -1]);
    const fromBuild = build(d).problems.find((p) => p.nodeId === 'V')?.message;
    const fromFile = parseProjectFile(JSON.stringify({ format: 'snn-studio', version: 1, document: d }));
    const fileMessages = fromFile.ok ? [] : fromFile.problems.map((p) => p.message);
    expect(fromBuild).toBe(STRUCTURE_TEXT.badNeuronIndex(-1));
    expect(fileMessages).toContain(STRUCTURE_TEXT.badNeuronIndex(-1));
  });

  it('an index past the population says which population and its size', () => {
    expect(build(withNeurons([4])).problems.find((p) => p.nodeId === 'V')?.message).toBe(STRUCTURE_TEXT.neuronOutOfRange(4, 'E', 4));
  });
});
