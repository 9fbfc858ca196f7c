/** Shared state of one build: the problems collected so far and helpers that add to them. */
import { problem, type Problem, type ProblemCode, type Severity } from '../../shared/problems';

export class BuildContext {
  readonly problems: Problem[] = [];

  /** dt in ms; steps: whole steps of the run (0 when the clock itself is unusable). */
  constructor(readonly dt: number, readonly steps = 0) {}

  /** Record a problem at `path` for node `nodeId` (field is the path inside the node). */
  report(code: ProblemCode, path: string, message: string, nodeId?: string, field?: string, severity?: Severity): void {
    this.problems.push(problem(code, path, message, { nodeId, field, severity }));
  }

  /** A reporter bound to one node, so callers pass only the field. */
  forNode(nodeIndex: number, nodeId: string): NodeReporter {
    return (code, field, message, severity) =>
      this.report(code, field === '' ? `nodes[${nodeIndex}]` : `nodes[${nodeIndex}].${field}`, message, nodeId, field || undefined, severity);
  }
}

export type NodeReporter = (code: ProblemCode, field: string, message: string, severity?: Severity) => void;
