/**
 * Problems found in a document or file: every one is collected (never just the first), each
 * with a stable code, the JSON path it concerns and a sentence a student can act on.
 * The message texts live in one table (PROBLEM_TEXT) so they are consistent and reviewable.
 */

export type Severity = 'error' | 'warning';

/** One problem with a document, a file or a run. */
export interface Problem {
  readonly code: ProblemCode;
  readonly severity: Severity;
  /** JSON path into the document, e.g. "nodes[2].params.V_th". */
  readonly path: string;
  /** The node concerned, when there is one. */
  readonly nodeId?: string;
  /** The field of that node, e.g. "params.V_th". */
  readonly field?: string;
  readonly message: string;
}

/** Every problem code with its severity and a short title. */
export const PROBLEM_TEXT = {
  invalid_structure: ['error', 'The document does not have the expected shape'],
  duplicate_id: ['error', 'Two nodes have the same id'],
  unknown_model: ['error', 'Unknown model'],
  unknown_rule: ['error', 'Unknown connectivity rule'],
  unknown_param: ['warning', 'Unknown parameter'],
  missing_param: ['error', 'Missing parameter'],
  bad_quantity: ['error', 'Not a valid quantity'],
  wrong_dimension: ['error', 'Wrong unit'],
  bad_size: ['error', 'Invalid population size'],
  bad_probability: ['error', 'Probability outside [0, 1]'],
  bad_value: ['error', 'Invalid value'],
  bad_dt: ['error', 'Invalid time step'],
  dt_too_large: ['warning', 'Time step too large for a time constant'],
  unstable_method: ['error', 'Integration method unstable at this time step'],
  bad_duration: ['error', 'Invalid duration'],
  dangling_wire: ['error', 'Wire to a node that does not exist'],
  bad_wire: ['error', 'Wire between nodes that cannot be connected'],
  projection_unwired: ['error', 'Projection without a pre or post population'],
  size_mismatch: ['error', 'Sizes do not match'],
  memory_budget: ['error', 'Network too large for memory'],
  recording_budget: ['warning', 'Recordings may take much of the memory budget'],
  recording_stopped: ['error', 'Run stopped: recordings reached the memory budget'],
  unreachable_threshold: ['warning', 'Input can never reach threshold'],
  unused_node: ['warning', 'Node is not connected'],
  unsupported: ['error', 'Not supported here'],
  file_format: ['error', 'Not an SNN Studio project'],
  file_version: ['error', 'Project written by a newer version'],
  file_json: ['error', 'The file is not valid JSON'],
  results_mismatch: ['warning', 'Stored results do not match the document'],
  bad_custom_model: ['error', 'A custom model cannot be used'],
  custom_model_changed: ['warning', 'A custom model reads differently than when it was saved'],
} as const satisfies Record<string, readonly [Severity, string]>;

export type ProblemCode = keyof typeof PROBLEM_TEXT;

/** Make a problem; severity comes from the table unless overridden. */
export function problem(
  code: ProblemCode,
  path: string,
  message: string,
  where: { nodeId?: string; field?: string; severity?: Severity } = {},
): Problem {
  const severity = where.severity ?? PROBLEM_TEXT[code][0];
  const p: Problem = { code, severity, path, message };
  return {
    ...p,
    ...(where.nodeId !== undefined ? { nodeId: where.nodeId } : {}),
    ...(where.field !== undefined ? { field: where.field } : {}),
  };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** One line per problem, for terminals and logs: "error nodes[2].params.V_th: ...". */
export function formatProblem(p: Problem): string {
  return `${p.severity} ${p.path || '(document)'} [${p.code}]: ${p.message}`;
}

/** Render a zod-style path (["nodes", 2, "params"]) as "nodes[2].params". */
export function jsonPath(parts: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
