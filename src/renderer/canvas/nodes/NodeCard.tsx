/** One node on the canvas: a card with typed handles, key parameters and a problem badge. */
import { Fragment, memo } from 'react';
import { Handle, Position, useStore, type NodeProps, type Node as FlowNode } from '@xyflow/react';
import type { Node } from '../../../shared/document';
import type { Problem } from '../../../shared/problems';
import { summarise } from '../summary';
import { titleParts } from '../titleParts';
import { cardSize, PORT_Y } from '../cardSize';
import { PRESENTING_TITLE_ONLY_BELOW, readableZooms } from '../readable';
import { useWorkspace } from '../../shell/workspaceStore';

export interface CardData extends Record<string, unknown> {
  readonly node: Node;
  readonly problems: readonly Problem[];
}
export type CardNode = FlowNode<CardData>;

/** Which sides take wires: inlet on the left, outlet on the right. */
const PORTS: Record<Node['kind'], { inlet: boolean; outlet: boolean }> = {
  population: { inlet: true, outlet: true },
  projection: { inlet: true, outlet: true },
  input: { inlet: false, outlet: true },
  monitor: { inlet: true, outlet: false },
};

const KIND_LABEL: Record<Node['kind'], string> = { population: 'Population', projection: 'Projection', input: 'Input', monitor: 'Monitor' };
const PORT_STYLE = { top: PORT_Y } as const;

function NodeCardView({ data, selected }: NodeProps<CardNode>) {
  const { node, problems } = data;
  // zoomed out, the full card's small print would be unreadable: show title and one brief line, large
  const presenting = useWorkspace((w) => w.presentation);
  const overviewBelow = readableZooms(presenting).overviewBelow;
  const overview = useStore((s) => s.transform[2] < overviewBelow);
  // presenting and zoomed far out: the title alone, in type that grows to stay readable; the card
  // grows past its layout height where two lines of it need more (a monitor: up to 10 flow px,
  // within the gap the layout and the palette leave below every card)
  const noBrief = useStore((s) => presenting && s.transform[2] < PRESENTING_TITLE_ONLY_BELOW);
  const size = cardSize(node);
  const s = summarise(node);
  const ports = PORTS[node.kind];
  const errors = problems.filter((p) => p.severity === 'error');
  const level = errors.length ? 'error' : problems.length ? 'warning' : null;
  const source = node.kind === 'population' && ['Poisson', 'SpikeTimes'].includes(node.model);
  const classes = ['card', `card-${node.kind}`, source && 'card-source', selected && 'is-selected', level && `has-${level}`, overview && 'is-overview', overview && noBrief && 'no-brief'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-node-id={node.id} style={{ width: size.width, minHeight: size.height, ...(overview && !noBrief ? { height: size.height } : {}) }}>
      {ports.inlet && <Handle type="target" position={Position.Left} id="in" className="port port-in" style={PORT_STYLE} />}
      <div className="card-head">
        <span className="card-kind">{source ? 'Source' : KIND_LABEL[node.kind]}</span>
        {level && (
          <span className={`badge badge-${level}`} title={problems.map((p) => p.message).join('\n')} data-testid="problem-badge">
            {level === 'error' ? '!' : '⚠'} {problems.length}
          </span>
        )}
      </div>
      <div className="card-title" title={s.title === node.id ? s.title : `${s.title} (${node.id})`}>
        {titleParts(s.title).map((word, w) => (
          <Fragment key={w}>
            {w > 0 && ' '}
            {word.map((part, k) => <span key={k} className="title-part">{part}</span>)}
          </Fragment>
        ))}
      </div>
      <div className="card-sub">{s.subtitle}</div>
      {s.brief.map((line, i) => <div key={i} className="card-brief">{line}</div>)}
      {s.rows.length > 0 && (
        <dl className="card-rows">
          {s.rows.map(([k, v]) => (
            <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
          ))}
        </dl>
      )}
      {level && <div className={`card-problem card-problem-${level}`}><span>{problems[0].message}</span></div>}
      {ports.outlet && <Handle type="source" position={Position.Right} id="out" className="port port-out" style={PORT_STYLE} />}
    </div>
  );
}

export const NodeCard = memo(NodeCardView);
/** React Flow type names; prefixed because "input", "output" and "default" are React Flow's own styled types. */
export const flowType = (kind: Node['kind']): string => `snn-${kind}`;
export const nodeTypes = Object.fromEntries((['population', 'projection', 'input', 'monitor'] as const).map((k) => [flowType(k), NodeCard]));
