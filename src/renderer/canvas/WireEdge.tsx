/**
 * A wire on the canvas. Forward wires (target to the right) are React Flow's bezier curves. A wire
 * that runs back to the left (a recurrent projection into its population) would cut across the
 * cards between its ends as a curve; it leaves to the right, runs along a lane above or below every
 * card in its way, and comes in from the left.
 */
import { memo } from 'react';
import { BaseEdge, getBezierPath, getSmoothStepPath, useNodes, type EdgeProps } from '@xyflow/react';
import { LANE_GAP, laneY, STEP_OUT, type Box } from './lanes';

function WireEdgeView(props: EdgeProps) {
  const { source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, style, interactionWidth } = props;
  const nodes = useNodes();
  let path: string;
  if (targetX < sourceX + 2 * STEP_OUT) {
    const boxes: Box[] = nodes.map((n) => ({ left: n.position.x, right: n.position.x + (n.measured?.width ?? 0), top: n.position.y, bottom: n.position.y + (n.measured?.height ?? 0) }));
    const ends = boxes.filter((_, i) => nodes[i].id === source || nodes[i].id === target);
    const x0 = targetX - STEP_OUT;
    const x1 = sourceX + STEP_OUT;
    const above = laneY(boxes, x0, x1, Math.min(...ends.map((b) => b.top), sourceY, targetY) - LANE_GAP, -1);
    const below = laneY(boxes, x0, x1, Math.max(...ends.map((b) => b.bottom), sourceY, targetY) + LANE_GAP, 1);
    const travel = (y: number): number => Math.abs(sourceY - y) + Math.abs(targetY - y);
    [path] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition, centerY: travel(above) <= travel(below) ? above : below, borderRadius: 10, offset: STEP_OUT });
  } else {
    [path] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  }
  return <BaseEdge path={path} markerEnd={markerEnd} style={style} interactionWidth={interactionWidth} />;
}

export const WireEdge = memo(WireEdgeView);
export const edgeTypes = { wire: WireEdge };
