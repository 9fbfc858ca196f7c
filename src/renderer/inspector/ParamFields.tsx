/** Fields for a model's parameters and choices, from its catalogue spec. */
import type { ModelSpec, ParamSpec } from '../../shared/catalog';
import type { Problem } from '../../shared/problems';
import type { ValueSpec } from '../../shared/document';
import { ChoiceField, QuantityField } from './QuantityField';
import type { FieldRule } from './fieldValue';
import type { Shape } from './valueText';

export const ruleOf = (p: ParamSpec): FieldRule => ({ dim: p.dim, positive: p.positive, nonNegative: p.nonNegative, integer: p.integer, max: p.max, fallback: p.default });

/** A list parameter takes lists; a per-neuron one a list, a range or a distribution. */
export const shapesOf = (p: ParamSpec): readonly Shape[] => (p.list ? ['list'] : p.perNeuron ? ['linspace', 'normal', 'uniform', 'list'] : []);

/** The first problem the engine reported for `field`. */
export const problemAt = (problems: readonly Problem[], field: string): string | undefined => problems.find((p) => p.field === field)?.message;

export function ParamFields(props: {
  spec: ModelSpec;
  /** Prefix of each field's path, e.g. "params" or "synapse". */
  prefix: string;
  values: Readonly<Record<string, ValueSpec | undefined>>;
  problems: readonly Problem[];
  onChange(name: string, value: ValueSpec | undefined): void;
}) {
  const { spec, prefix, values, problems, onChange } = props;
  return (
    <>
      {spec.params.map((p) => (
        <QuantityField
          key={p.name}
          label={p.name}
          field={`${prefix}.${p.name}`}
          value={values[p.name]}
          rule={ruleOf(p)}
          shapes={shapesOf(p)}
          placeholder={p.default !== undefined ? `${String(p.default)} (default)` : 'required'}
          doc={p.doc}
          problem={problemAt(problems, `${prefix}.${p.name}`)}
          onCommit={(v) => onChange(p.name, v)}
        />
      ))}
      {(spec.choices ?? []).map((c) => (
        <ChoiceField
          key={c.name}
          label={c.name}
          field={`${prefix}.${c.name}`}
          value={typeof values[c.name] === 'string' ? (values[c.name] as string) : c.default}
          choices={c.choices}
          doc={c.doc}
          onChange={(v) => onChange(c.name, v)}
        />
      ))}
    </>
  );
}

/** A copy of `record` with `name` set, or removed when `value` is undefined (fall back to the default). */
export function withValue<T extends Record<string, unknown>>(record: T, name: string, value: unknown): T {
  const out: Record<string, unknown> = { ...record };
  if (value === undefined) delete out[name];
  else out[name] = value;
  return out as T;
}
