/**
 * The population's integration method (document field `method`, shared/modelspec/method.ts): a
 * select of the methods with the chosen one's meaning as a line under it, and the build's
 * problem at the field (a bad value from a hand-edited file, a method unstable at this dt).
 * "auto" removes the field, so a document that never chose one keeps its older file version.
 */
import { useId } from 'react';
import type { PopulationNode } from '../../shared/document';
import { isMethod, METHOD_DOC, METHODS } from '../../shared/modelspec/method';

export function MethodField(props: { node: PopulationNode; problem?: string; onChange(node: PopulationNode): void }) {
  const { node, problem } = props;
  const id = useId();
  const value = node.method ?? 'auto';
  const known = isMethod(value);
  const note = known ? METHOD_DOC[value] : undefined;
  const change = (next: string): void => {
    const { method: _old, ...rest } = node;
    props.onChange(next === 'auto' ? rest : { ...rest, method: next });
  };
  const doc = 'Integration method of every state of this population, as Brian2\'s and BrainPy\'s method=; auto keeps the model\'s own schemes.';
  return (
    <div className={`field${problem ? ' field-problem' : ''}`}>
      <label htmlFor={id} title={doc}>method</label>
      <select id={id} data-field="method" value={value} title={doc} aria-describedby={`${id}-note`} onChange={(e) => change(e.target.value)}>
        {(known ? METHODS : [value, ...METHODS]).map((m) => <option key={m} value={m}>{m}</option>)}
      </select>
      <div className="field-note" id={`${id}-note`} data-testid="method-note">{note ?? 'not a method SNN Studio knows; choose one from the list'}</div>
      {problem && <div className="field-error" role="alert" data-testid="field-error">{problem}</div>}
    </div>
  );
}
