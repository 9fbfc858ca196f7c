/** Where a wire that runs back to the left goes: a horizontal lane clear of the cards in its way (pure geometry, flow px). */

/** Clearance between a back wire's lane and the cards it passes, and its step out of a port, flow px. */
export const LANE_GAP = 18;
export const STEP_OUT = 16;

export interface Box { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }

/**
 * The y of a horizontal lane between x0 and x1 that starts at `start` and moves away (dir -1 up,
 * +1 down) past every box it would touch.
 */
export function laneY(boxes: readonly Box[], x0: number, x1: number, start: number, dir: -1 | 1): number {
  const inRange = boxes.filter((b) => b.right > x0 && b.left < x1);
  let y = start;
  for (let moved = true; moved;) {
    moved = false;
    for (const b of inRange) {
      if (y > b.top - LANE_GAP && y < b.bottom + LANE_GAP) {
        y = dir < 0 ? b.top - LANE_GAP : b.bottom + LANE_GAP;
        moved = true;
      }
    }
  }
  return y;
}
