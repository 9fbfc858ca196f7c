/** The React Flow canvas: a thin view over the document store. */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background, BackgroundVariant, Controls, MiniMap, ReactFlow, applyNodeChanges, useReactFlow, useStoreApi,
  type Connection, type Edge, type EdgeChange, type FinalConnectionState, type NodeChange, type OnNodeDrag,
} from '@xyflow/react';
import { editorStore, useEditor } from '../store/useEditor';
import type { PaletteItem } from '../store/nodes';
import { checkWire } from '../store/wiring';
import { nodeTypes, type CardNode } from './nodes/NodeCard';
import { problemsByNode, syncNodes, toEdges, wireId, wireOf } from './flowModel';
import { edgeTypes } from './WireEdge';
import { readableZooms } from './readable';
import { workspaceStore } from '../shell/workspaceStore';
import { CARD_WIDTH, PORT_Y } from './cardSize';

export const PALETTE_MIME = 'application/x-snn-palette';
/** Room around a fitted network: the zoom controls sit bottom left, the minimap bottom right. */
/** Room around a fitted network, px; little above and below, where a laptop's canvas is short. */
const fitPadding = (withMinimap: boolean) => ({ top: '14px', left: '64px', bottom: '14px', right: withMinimap ? '196px' : '40px' }) as const;
/** Below this canvas width the minimap would cover the network it summarises. */
const MINIMAP_MIN_WIDTH = 900;
let dragCounter = 0;

function showMinimap(): boolean {
  return (document.querySelector('.canvas')?.clientWidth ?? window.innerWidth - 560) >= MINIMAP_MIN_WIDTH;
}

export function Canvas() {
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const problems = useEditor((s) => s.problems);
  const theme = useEditor((s) => s.theme);
  const fitRequest = useEditor((s) => s.fitRequest);
  const rf = useReactFlow();
  const flowStore = useStoreApi<CardNode>();
  const canvasRef = useRef<HTMLDivElement>(null);
  // The zoom as a CSS variable, written straight to the element (no re-render per frame of a zoom):
  // presenting, the overview text of the cards grows with it (styles/presentation.css).
  useEffect(() => {
    const write = (zoom: number): void => canvasRef.current?.style.setProperty('--canvas-zoom', String(zoom));
    write(flowStore.getState().transform[2]);
    return flowStore.subscribe((s, prev) => {
      if (s.transform[2] !== prev.transform[2]) write(s.transform[2]);
    });
  }, [flowStore]);
  const byNode = useMemo(() => problemsByNode(problems), [problems]);
  const [nodes, setNodes] = useState<CardNode[]>([]);
  const [minimap, setMinimap] = useState(showMinimap);
  useEffect(() => {
    const onResize = (): void => setMinimap(showMinimap());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  useEffect(() => setNodes((prev) => syncNodes(prev, doc, selection, byNode)), [doc, selection, byNode]);
  const edges = useMemo(() => toEdges(doc, selection), [doc, selection]);

  useEffect(() => {
    // React Flow queues a fit until nodes exist; an empty canvas must not fit on the first drop later
    if (fitRequest === 0 || editorStore.getState().doc.nodes.length === 0) return;
    // wait a frame so freshly loaded nodes are measured before fitting
    const t = setTimeout(() => void rf.fitView({ padding: fitPadding(showMinimap()), duration: 200, maxZoom: 1.1, minZoom: readableZooms(workspaceStore.getState().presentation).minFitZoom }), 60);
    return () => clearTimeout(t);
  }, [fitRequest, rf]);

  const onNodesChange = useCallback((changes: NodeChange<CardNode>[]) => {
    setNodes((nds) => applyNodeChanges(changes.filter((c) => c.type !== 'select' && c.type !== 'remove'), nds));
    const selects = changes.filter((c) => c.type === 'select');
    if (selects.length) {
      const sel = new Set(editorStore.getState().selection.nodes);
      for (const c of selects) {
        if (c.selected) sel.add(c.id);
        else sel.delete(c.id);
      }
      const current = editorStore.getState().selection;
      editorStore.getState().select({ nodes: [...sel], wires: current.wires });
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<Edge>[]) => {
    const selects = changes.filter((c) => c.type === 'select');
    if (!selects.length) return;
    const current = editorStore.getState().selection;
    const sel = new Map(current.wires.map((w) => [wireId(w), w]));
    for (const c of selects) {
      if (c.selected) sel.set(c.id, wireOf(c.id));
      else sel.delete(c.id);
    }
    editorStore.getState().select({ nodes: current.nodes, wires: [...sel.values()] });
  }, []);

  const onNodeDragStop: OnNodeDrag<CardNode> = useCallback((_e, _node, dragged) => {
    const positions = Object.fromEntries(dragged.map((n) => [n.id, [Math.round(n.position.x), Math.round(n.position.y)] as const]));
    editorStore.getState().apply([{ type: 'move-nodes', positions }], `drag-${++dragCounter}`);
  }, []);

  const isValidConnection = useCallback((c: Connection | Edge) => checkWire(editorStore.getState().doc, c.source, c.target).ok, []);

  const onConnect = useCallback((c: Connection) => {
    const r = editorStore.getState().connect(c.source, c.target);
    if (!r.ok) editorStore.getState().toast('error', r.hint);
  }, []);

  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    // a wire dropped on a node that refused it: say why, so the user learns the typed wiring
    if (state.isValid || !state.fromNode || !state.toNode || state.fromNode.id === state.toNode.id) return;
    const fromIsSource = state.fromHandle?.type !== 'target';
    const [from, to] = fromIsSource ? [state.fromNode.id, state.toNode.id] : [state.toNode.id, state.fromNode.id];
    const r = checkWire(editorStore.getState().doc, from, to);
    if (!r.ok) editorStore.getState().toast('error', r.hint);
  }, []);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const raw = e.dataTransfer.getData(PALETTE_MIME);
    if (!raw) return;
    e.preventDefault();
    const item = JSON.parse(raw) as PaletteItem;
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    // the new card's title line under the pointer (where the user put it)
    editorStore.getState().addNode(item, [Math.round(p.x - CARD_WIDTH[item.kind] / 2), Math.round(p.y - PORT_Y)]);
  }, [rf]);

  const onPaneClick = useCallback(() => editorStore.getState().select({ nodes: [], wires: [] }), []);

  return (
    <div className="canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<CardNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onPaneClick={onPaneClick}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        colorMode={theme}
        minZoom={0.2}
        maxZoom={2.5}
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        {minimap && <MiniMap pannable zoomable className="minimap" nodeClassName={(n) => `mini-${String(n.type).replace('snn-', '')}`} style={{ width: 168, height: 112 }} />}
        <Controls showInteractive={false} />
      </ReactFlow>
      {doc.nodes.length === 0 && (
        <div className="canvas-empty">
          <div className="canvas-empty-title">An empty network</div>
          <div>Drag a population from the palette, add an input and a monitor, and wire them left to right.</div>
        </div>
      )}
    </div>
  );
}
