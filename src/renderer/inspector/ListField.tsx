/** A comma-separated list field (monitor variables, neuron indices): refuses like QuantityField, Escape reverts. */
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { fieldMessage } from './fieldValue';

export function ListField(props: {
  label: string;
  field: string;
  text: string;
  placeholder?: string;
  /** What the engine uses when the list is unset (named when the field is emptied). */
  fallback?: string;
  problem?: string;
  validate?: (t: string) => string | null;
  onCommit(text: string): void;
}) {
  const [text, setText] = useState(props.text);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    setText(props.text);
    setError(null);
  }, [props.text]);
  const commit = (): void => {
    if (text === props.text) return setError(null);
    const t = text.trim();
    const reason = t === '' ? fieldMessage('empty', { dim: 'dimensionless', fallback: props.fallback }, props.text) : props.validate?.(t) ?? null;
    setError(reason);
    if (!reason) props.onCommit(t);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') commit();
    if (e.key === 'Escape') {
      setText(props.text);
      setError(null);
    }
  };
  const message = error ?? props.problem;
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' field-refused' : props.problem ? ' field-problem' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input id={id} data-field={props.field} value={text} placeholder={props.placeholder} spellCheck={false} autoComplete="off"
        aria-invalid={message ? true : undefined} aria-describedby={message ? errorId : undefined}
        onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={onKeyDown} />
      {message && <div className="field-error" id={errorId} role="alert" data-testid="field-error" data-refused={error ? true : undefined}>{message}</div>}
    </div>
  );
}
