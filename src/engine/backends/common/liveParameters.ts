/**
 * A parameter changed during a run, routed to what the node id names, as both backends do it:
 * an input (its population sums inputs again), a population's kernel, or a projection's weight
 * (the only field of a projection that can change live). An id that names nothing is an error.
 */
import type { ValueIR } from '../../ir';

/** The parts of a running network a live change can reach. */
export interface LiveTargets {
  readonly populations: Iterable<{
    readonly id: string;
    setParam(name: string, value: ValueIR): void;
    readonly inputs: Iterable<{ readonly id: string; setParam(name: string, value: ValueIR): void }>;
    /** An input of this population changed: constant inputs must be summed again. */
    inputsChanged(): void;
  }>;
  readonly projections: Iterable<{ readonly id: string; setWeight(value: ValueIR): void }>;
}

export function setLiveParameter(targets: LiveTargets, nodeId: string, field: string, value: ValueIR): void {
  const name = field.startsWith('params.') ? field.slice('params.'.length) : field;
  let found = false;
  for (const pop of targets.populations) {
    for (const input of pop.inputs) {
      if (input.id !== nodeId) continue;
      input.setParam(name, value);
      pop.inputsChanged();
      found = true;
    }
    if (pop.id === nodeId) {
      pop.setParam(name, value);
      found = true;
    }
  }
  for (const proj of targets.projections) {
    if (proj.id !== nodeId) continue;
    if (name !== 'weight') throw new Error(`Projection "${nodeId}" can change only its weight during a run, not ${field}.`);
    proj.setWeight(value);
    found = true;
  }
  if (!found) throw new Error(`There is no node "${nodeId}" in the running network.`);
}

/** The refusal of a live change to a parameter a node does not have (or cannot change while running), listing those it can. */
export function notLiveParameter(model: string, id: string, name: string, changeable: Iterable<string>): Error {
  const names = [...changeable];
  const can = names.length ? `it can change: ${names.join(', ')}` : 'it has none that can';
  return new Error(`${model} "${id}" has no parameter "${name}" that can be changed during a run (${can}).`);
}
