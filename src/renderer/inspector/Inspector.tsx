/** The inspector: the selected node's fields, or the simulation settings when nothing is selected. */
import { useEffect, useRef, useState } from 'react';
import type { Node } from '../../shared/document';
import { BACKENDS } from '../../shared/document';
import type { Problem } from '../../shared/problems';
import { editorStore, useEditor } from '../store/useEditor';
import { ChoiceField, QuantityField } from './QuantityField';
import { problemAt } from './ParamFields';
import { InputInspector, MonitorInspector, PopulationInspector, ProjectionInspector } from './NodeInspectors';

const KIND_TITLE: Record<Node['kind'], string> = { population: 'Population', input: 'Input', projection: 'Projection', monitor: 'Monitor' };

export function Inspector() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const problems = useEditor((s) => s.problems);
  const focus = useEditor((s) => s.focus);
  const root = useRef<HTMLDivElement>(null);
  const node = selection.nodes.length === 1 ? doc.nodes.find((n) => n.id === selection.nodes[0]) : undefined;

  useEffect(() => {
    if (!focus) return;
    // the field renders after the selection change; wait a frame for it
    const t = setTimeout(() => {
      const el = root.current?.querySelector<HTMLElement>(`[data-field="${CSS.escape(focus.field)}"]`);
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    }, 30);
    return () => clearTimeout(t);
  }, [focus]);

  let body;
  if (node) body = <NodeInspector key={node.id} node={node} problems={problems.filter((p) => p.nodeId === node.id)} />;
  else if (selection.nodes.length > 1 || selection.wires.length > 0) body = <MultiSelection count={selection.nodes.length} wires={selection.wires.length} />;
  else body = <SimulationSettings problems={problems.filter((p) => !p.nodeId && p.path.startsWith('simulation'))} />;
  return (
    <aside className="inspector" ref={root} aria-label="Inspector" data-testid="inspector">
      {body}
    </aside>
  );
}

function NodeInspector({ node, problems }: { node: Node; problems: readonly Problem[] }) {
  const doc = useEditor((s) => s.doc);
  const [idText, setIdText] = useState(node.id);
  const [idError, setIdError] = useState<string | null>(null);
  const rename = (): void => {
    const to = idText.trim();
    if (to === node.id) return setIdError(null);
    if (!to) return setIdError('An id cannot be empty.');
    if (doc.nodes.some((n) => n.id === to)) return setIdError(`"${to}" is already used by another node.`);
    setIdError(null);
    editorStore.getState().apply([{ type: 'rename-node', from: node.id, to }]);
    editorStore.getState().select({ nodes: [to], wires: [] });
  };
  return (
    <div className="inspector-body">
      <div className="inspector-head">
        <span className={`kind-chip chip-${node.kind}`}>{KIND_TITLE[node.kind]}</span>
        <input className="id-input" data-field="id" value={idText} aria-label="Node id" spellCheck={false}
          aria-invalid={idError ? true : undefined}
          onChange={(e) => setIdText(e.target.value)} onBlur={rename}
          onKeyDown={(e) => {
            if (e.key === 'Enter') rename();
            if (e.key === 'Escape') {
              setIdText(node.id);
              setIdError(null);
            }
          }} />
        {idError && <div className="field-error" role="alert" data-testid="field-error" data-refused>{idError}</div>}
      </div>
      {problems.length > 0 && (
        <ul className="node-problems">
          {problems.map((p, i) => <li key={i} className={`sev-${p.severity}`}>{p.message}</li>)}
        </ul>
      )}
      {node.kind === 'population' && <PopulationInspector node={node} problems={problems} />}
      {node.kind === 'input' && <InputInspector node={node} problems={problems} />}
      {node.kind === 'projection' && <ProjectionInspector node={node} problems={problems} />}
      {node.kind === 'monitor' && <MonitorInspector node={node} problems={problems} />}
    </div>
  );
}

function MultiSelection({ count, wires }: { count: number; wires: number }) {
  const s = editorStore.getState();
  return (
    <div className="inspector-body">
      <div className="panel-title">Selection</div>
      <p className="muted">{count} node{count === 1 ? '' : 's'}{wires ? ` and ${wires} wire${wires === 1 ? '' : 's'}` : ''} selected.</p>
      <div className="button-row">
        {count > 0 && <button type="button" onClick={() => s.duplicate()}>Duplicate</button>}
        <button type="button" className="danger" onClick={() => s.deleteSelection()}>Delete</button>
      </div>
    </div>
  );
}

function SimulationSettings({ problems }: { problems: readonly Problem[] }) {
  const doc = useEditor((s) => s.doc);
  const sim = doc.simulation;
  const set = (patch: Partial<typeof sim>): void => editorStore.getState().apply([{ type: 'set-simulation', simulation: { ...sim, ...patch } }]);
  const at = (f: string): string | undefined => problemAt(problems, f) ?? problems.find((p) => p.path === `simulation.${f}`)?.message;
  return (
    <div className="inspector-body">
      <div className="panel-title">Simulation</div>
      <p className="muted">Nothing selected. These settings apply to the whole network.</p>
      <QuantityField label="dt" field="simulation.dt" value={sim.dt} rule={{ dim: 'time', positive: true }} doc="Time step of the integration." problem={at('dt')}
        onCommit={(v) => typeof v === 'string' && set({ dt: v })} />
      <QuantityField label="duration" field="simulation.duration" value={sim.duration} rule={{ dim: 'time', positive: true }} doc="Biological time to simulate." problem={at('duration')}
        onCommit={(v) => typeof v === 'string' && set({ duration: v })} />
      <QuantityField label="seed" field="simulation.seed" value={sim.seed} rule={{ dim: 'dimensionless', integer: true, nonNegative: true, max: 2 ** 32 - 1 }}
        doc="Seed of every random draw: the same seed gives the same network and run." onCommit={(v) => typeof v === 'number' && set({ seed: v })} />
      <ChoiceField label="backend" field="simulation.backend" value={sim.backend} choices={BACKENDS}
        doc="auto picks the fastest available; typed is the reference." onChange={(b) => set({ backend: b as typeof sim.backend })} />
      <h4>About this project</h4>
      <MetaFields />
    </div>
  );
}

function MetaFields() {
  const meta = useEditor((s) => s.doc.meta);
  const [title, setTitle] = useState(meta?.title ?? '');
  const [description, setDescription] = useState(meta?.description ?? '');
  useEffect(() => {
    setTitle(meta?.title ?? '');
    setDescription(meta?.description ?? '');
  }, [meta]);
  const commit = (): void => {
    if (title === (meta?.title ?? '') && description === (meta?.description ?? '')) return;
    editorStore.getState().apply([{ type: 'set-meta', meta: { ...(title ? { title } : {}), ...(description ? { description } : {}) } }]);
  };
  return (
    <>
      <div className="field"><label>title</label><input value={title} onChange={(e) => setTitle(e.target.value)} onBlur={commit} data-field="meta.title" /></div>
      <div className="field field-wide"><label>notes</label><textarea rows={4} value={description} onChange={(e) => setDescription(e.target.value)} onBlur={commit} data-field="meta.description" /></div>
    </>
  );
}
