/**
 * A unit-aware text field: commits on Enter or blur; a refused text (empty, a typo, a wrong unit)
 * stays in the field with its reason under it and the document keeps its value; Escape reverts.
 */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { ValueSpec } from '../../shared/document';
import { showValue } from '../canvas/summary';
import { type FieldRule } from './fieldValue';
import { parseValueText, valueText, type Shape } from './valueText';

export interface QuantityFieldProps {
  readonly label: string;
  /** Document path of the field within its node, e.g. "params.V_th" (the problems list focuses it). */
  readonly field: string;
  readonly value: ValueSpec | undefined;
  readonly rule: FieldRule;
  /** Shown greyed when the field is empty: the default the engine uses. */
  readonly placeholder?: string;
  readonly doc?: string;
  /** Problems the engine reported for this field. */
  readonly problem?: string;
  /** Shapes the field takes besides one quantity: a list, a linspace, a distribution. */
  readonly shapes?: readonly Shape[];
  onCommit(value: ValueSpec): void;
}

export function QuantityField(props: QuantityFieldProps) {
  const { label, field, value, rule, placeholder, doc, problem, shapes = [], onCommit } = props;
  const text0 = valueText(value);
  const editable = text0 !== null;
  const shown = text0 ?? showValue(value);
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);

  const commit = (): void => {
    if (text === shown) return setError(null);
    const r = parseValueText(text, rule, shapes, shown);
    if (!r.ok) return setError(r.reason);
    setError(null);
    onCommit(r.value);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setText(shown);
      setError(null);
    }
  };
  const message = error ?? problem;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-refused' : problem ? ' field-problem' : ''}`}>
      <label htmlFor={id} title={doc}>{label}</label>
      <input
        id={id}
        data-field={field}
        value={text}
        placeholder={placeholder}
        readOnly={!editable}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        title={editable ? doc : 'One value per neuron: edit them in the project file'}
      />
      {message && <div className="field-error" id={errorId} role="alert" data-testid="field-error" data-refused={error ? true : undefined}>{message}</div>}
    </div>
  );
}

/** A choice among words (reset: soft | hard, a model, a rule). */
export function ChoiceField(props: { label: string; field: string; value: string; choices: readonly string[]; doc?: string; onChange(value: string): void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} title={props.doc}>{props.label}</label>
      <select id={id} data-field={props.field} value={props.value} onChange={(e) => props.onChange(e.target.value)} title={props.doc}>
        {props.choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </div>
  );
}
