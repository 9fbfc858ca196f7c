/** The palette: the document's own models, then every model in the catalogue, dragged onto the canvas (or clicked to add at the centre). */
import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { modelsOf } from '../../shared/catalog';
import type { PaletteItem } from '../store/nodes';
import { editorStore } from '../store/useEditor';
import { flowRectOf } from '../canvas/freeSpot';
import { PALETTE_MIME } from '../canvas/Canvas';
import { PaletteModels } from '../models/PaletteModels';

interface Entry {
  readonly item: PaletteItem;
  readonly label: string;
  readonly hint: string;
  readonly kind: string;
}

function sections(): Array<{ title: string; entries: Entry[] }> {
  return [
    { title: 'Neurons', entries: modelsOf('neuron').map((m) => ({ item: { kind: 'population', model: m.name }, label: m.name, hint: m.title, kind: 'population' })) },
    { title: 'Spike sources', entries: modelsOf('source').map((m) => ({ item: { kind: 'population', model: m.name }, label: m.name, hint: m.title, kind: 'source' })) },
    { title: 'Inputs', entries: modelsOf('input').map((m) => ({ item: { kind: 'input', model: m.name }, label: m.name, hint: m.title, kind: 'input' })) },
    { title: 'Connections', entries: [{ item: { kind: 'projection' }, label: 'Projection', hint: 'Synapses from one population to another', kind: 'projection' }] },
    {
      title: 'Monitors',
      entries: [
        { item: { kind: 'monitor', record: 'spikes' }, label: 'Spikes', hint: 'Spike times of every neuron', kind: 'monitor' },
        { item: { kind: 'monitor', record: 'state' }, label: 'Voltage trace', hint: 'V of chosen neurons over time', kind: 'monitor' },
        { item: { kind: 'monitor', record: 'rate' }, label: 'Population rate', hint: 'Spikes per step of the population', kind: 'monitor' },
      ],
    },
  ];
}

const SECTIONS = sections();
const testId = (item: PaletteItem): string => `palette-${item.kind}${'model' in item ? `-${item.model}` : 'record' in item ? `-${item.record}` : ''}`;

export function Palette() {
  const rf = useReactFlow();
  const onDragStart = (e: DragEvent, item: PaletteItem): void => {
    e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    e.dataTransfer.effectAllowed = 'copy';
  };
  const addAtCentre = (item: PaletteItem): void => {
    const el = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = el ? rf.screenToFlowPosition({ x: el.x + el.width / 2, y: el.y + el.height / 2 }) : { x: 0, y: 0 };
    const jitter = (editorStore.getState().doc.nodes.length % 5) * 24; // successive clicks do not stack exactly
    // In free space, on screen where there is room (editorStore's addNode, canvas/freeSpot.ts).
    const within = el ? flowRectOf(el, rf.screenToFlowPosition) : undefined;
    editorStore.getState().addNode(item, [Math.round(centre.x - 100 + jitter), Math.round(centre.y - 50 + jitter)], within);
  };
  return (
    <aside className="palette" aria-label="Palette">
      <div className="panel-title">Palette</div>
      <div className="palette-scroll">
        <PaletteModels onDragStart={onDragStart} onAdd={addAtCentre} />
        {SECTIONS.map((s) => (
          <section key={s.title}>
            <h3>{s.title}</h3>
            {s.entries.map((e) => (
              <button
                key={e.label}
                type="button"
                className={`palette-item swatch-${e.kind}`}
                draggable
                onDragStart={(ev) => onDragStart(ev, e.item)}
                onClick={() => addAtCentre(e.item)}
                title={`${e.hint} — drag onto the canvas, or click to add`}
                data-testid={testId(e.item)}
              >
                <span className="swatch" />
                <span className="palette-label">{e.label}</span>
                <span className="palette-hint">{e.hint}</span>
              </button>
            ))}
          </section>
        ))}
      </div>
      <div className="palette-foot">Wire left to right: input → population → projection → population → monitor.</div>
    </aside>
  );
}
