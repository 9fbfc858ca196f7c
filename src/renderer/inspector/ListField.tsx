/** A comma-separated list field (monitor variables, neuron indices). */
import { useEffect, useId, useState } from 'react';

export function ListField(props: { label: string; field: string; text: string; placeholder?: string; problem?: string; validate?: (t: string) => string | null; onCommit(text: string): void }) {
  const [text, setText] = useState(props.text);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  useEffect(() => setText(props.text), [props.text]);
  const commit = (): void => {
    if (text === props.text) return;
    const t = text.trim();
    const reason = t && props.validate ? props.validate(t) : null;
    setError(reason);
    if (!reason) props.onCommit(t);
  };
  const message = error ?? props.problem;
  return (
    <div className={`field${error ? ' field-refused' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input id={id} data-field={props.field} value={text} placeholder={props.placeholder} spellCheck={false}
        onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      {message && <div className="field-error" role="alert">{message}</div>}
    </div>
  );
}
