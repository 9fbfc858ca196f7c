/** Inspectors per node kind: every parameter, the model's doc and equations, and derived quantities. */
import type { InputNode, MonitorNode, Node, PopulationNode, ProjectionNode } from '../../shared/document';
import type { Problem } from '../../shared/problems';
import { getModel, getPopulationModel, modelsOf, projectionWeight, type ModelSpec } from '../../shared/catalog';
import { weightUnitParams } from '../../shared/catalog/plasticityModels';
import { editorStore, useEditor } from '../store/useEditor';
import { ChoiceField, QuantityField } from './QuantityField';
import { ParamFields, problemAt, withValue } from './ParamFields';
import { Equation } from './Equation';
import { derivedQuantities } from './derived';
import { DEFAULT_POPULATION_SIZE } from '../store/nodes';
import { ListField } from './ListField';
import { checkIndices, checkNames } from './fieldValue';
import { TrainableField } from '../training/TrainableField';
import { ModelSourceButton } from '../models/ModelSourceButton';
import { MethodField } from './MethodField';

const replace = (node: Node): void => editorStore.getState().apply([{ type: 'replace-node', node }]);

export function ModelDoc({ spec }: { spec: ModelSpec | undefined }) {
  if (!spec) return null;
  return (
    <section className="model-doc">
      <div className="model-title">{spec.title}</div>
      <p>{spec.doc}</p>
      {spec.equations && <Equation tex={spec.equations} />}
    </section>
  );
}

export function PopulationInspector({ node, problems }: { node: PopulationNode; problems: readonly Problem[] }) {
  const spec = getPopulationModel(node.model);
  const models = [...modelsOf('neuron'), ...modelsOf('source')].map((m) => m.name);
  const derived = derivedQuantities(useEditor((s) => s.facts.find((f) => f.id === node.id)));
  return (
    <>
      <ChoiceField label="model" field="model" value={node.model} choices={models.includes(node.model) ? models : [node.model, ...models]}
        onChange={(model) => replace({ ...node, model, params: { ...(getPopulationModel(model)?.preset ?? {}) } })} />
      <ModelSourceButton model={node.model} />
      <QuantityField label="size" field="size" value={node.size} rule={{ dim: 'dimensionless', positive: true, integer: true, fallback: DEFAULT_POPULATION_SIZE }}
        placeholder={String(DEFAULT_POPULATION_SIZE)} doc="Number of neurons." problem={problemAt(problems, 'size')}
        onCommit={(v) => typeof v === 'number' && replace({ ...node, size: v })} />
      {spec && (
        <>
          <h4>Parameters</h4>
          <ParamFields spec={spec} prefix="params" values={node.params} problems={problems}
            onChange={(name, v) => replace({ ...node, params: withValue(node.params, name, v) })} />
          {(spec.family === 'neuron' || node.method !== undefined) && <MethodField node={node} problem={problemAt(problems, 'method')} onChange={replace} />}
        </>
      )}
      {derived.length > 0 && (
        <section className="derived" data-testid="derived">
          <h4>What these parameters mean</h4>
          <dl>
            {derived.map((d) => (
              <div key={d.label} className={d.warn ? 'derived-warn' : undefined} title={d.note}>
                <dt>{d.label}</dt><dd>{d.value}</dd><div className="derived-note">{d.note}</div>
              </div>
            ))}
          </dl>
        </section>
      )}
      <ModelDoc spec={spec} />
    </>
  );
}

export function InputInspector({ node, problems }: { node: InputNode; problems: readonly Problem[] }) {
  const spec = getModel('input', node.model);
  const models = modelsOf('input').map((m) => m.name);
  return (
    <>
      <ChoiceField label="model" field="model" value={node.model} choices={models.includes(node.model) ? models : [node.model, ...models]}
        onChange={(model) => replace({ ...node, model, params: { ...(getModel('input', model)?.preset ?? {}) } })} />
      {spec && (
        <>
          <h4>Parameters</h4>
          <ParamFields spec={spec} prefix="params" values={node.params} problems={problems}
            onChange={(name, v) => replace({ ...node, params: withValue(node.params, name, v) })} />
        </>
      )}
      <ModelDoc spec={spec} />
    </>
  );
}

export function ProjectionInspector({ node, problems }: { node: ProjectionNode; problems: readonly Problem[] }) {
  const rule = getModel('conn', node.conn.rule);
  const synapse = getModel('synapse', node.synapse.model);
  const output = getModel('output', node.output.model);
  const plasticity = node.plasticity ? getModel('plasticity', node.plasticity.model) : undefined;
  const names = (family: 'conn' | 'synapse' | 'output' | 'plasticity') => modelsOf(family).map((m) => m.name);
  // an unknown model has no weight dimension; the build reports the model, the field stays a current until then
  const weight = projectionWeight(node.synapse.model, node.output.model) ?? { dim: 'current' as const, doc: 'Weight per spike: first choose known synapse and output models.' };
  const weightDim = weight.dim;
  // STDP's bounds are weights: they take the weight's dimension, whatever the catalogue's placeholder says.
  const plasticitySpec: ModelSpec | undefined = plasticity && { ...plasticity, params: plasticity.params.map((p) => (weightUnitParams(plasticity.name).includes(p.name) ? { ...p, dim: weightDim } : p)) };
  return (
    <>
      <h4>Connectivity</h4>
      <ChoiceField label="rule" field="conn.rule" value={node.conn.rule} choices={names('conn')} doc={rule?.doc}
        onChange={(r) => replace({ ...node, conn: { rule: r, ...Object.fromEntries((getModel('conn', r)?.params ?? []).map((p) => [p.name, p.default ?? 0])) } })} />
      {rule && <ParamFields spec={rule} prefix="conn" values={ruleValues(node.conn)} problems={problems} onChange={(n, v) => replace({ ...node, conn: withValue(node.conn, n, v) })} />}
      <QuantityField label="weight" field="weight" value={node.weight} rule={{ dim: weightDim }} shapes={['normal', 'uniform']}
        doc={weight.doc}
        problem={problemAt(problems, 'weight')} onCommit={(v) => replace({ ...node, weight: v })} />
      <TrainableField node={node} onChange={replace} />
      <QuantityField label="delay" field="delay" value={node.delay} rule={{ dim: 'time', nonNegative: true, fallback: '0 ms' }}
        placeholder="0 ms (default)" doc="Transmission delay, rounded to whole steps." problem={problemAt(problems, 'delay')}
        onCommit={(v) => replace(withValue(node, 'delay', v))} />
      <h4>Synapse</h4>
      <ChoiceField label="model" field="synapse.model" value={node.synapse.model} choices={names('synapse')} doc={synapse?.doc}
        onChange={(m) => replace({ ...node, synapse: { model: m, ...(getModel('synapse', m)?.preset ?? {}) } })} />
      <ModelSourceButton model={node.synapse.model} />
      {synapse && <ParamFields spec={synapse} prefix="synapse" values={node.synapse} problems={problems} onChange={(n, v) => replace({ ...node, synapse: withValue(node.synapse, n, v) })} />}
      <h4>Output</h4>
      <ChoiceField label="model" field="output.model" value={node.output.model} choices={names('output')} doc={output?.doc}
        onChange={(m) => replace({ ...node, output: { model: m, ...(getModel('output', m)?.preset ?? {}) }, weight: getModel('output', m)?.weight?.dim === 'conductance' ? '6 nS' : '0.5 nA' })} />
      {output && <ParamFields spec={output} prefix="output" values={node.output} problems={problems} onChange={(n, v) => replace({ ...node, output: withValue(node.output, n, v) })} />}
      <h4>Plasticity</h4>
      <ChoiceField label="model" field="plasticity.model" value={node.plasticity?.model ?? 'none'} choices={['none', ...names('plasticity')]}
        doc={plasticity?.doc ?? 'none: the weights stay as set. STP/STD change each spike\'s efficacy for a while; STDP changes the weights by spike timing.'}
        onChange={(m) => replace(m === 'none' ? withValue(node, 'plasticity', undefined) : { ...node, plasticity: { model: m, ...(getModel('plasticity', m)?.preset ?? {}) } })} />
      {plasticitySpec && node.plasticity && (
        <ParamFields spec={plasticitySpec} prefix="plasticity" values={node.plasticity} problems={problems}
          onChange={(n, v) => replace({ ...node, plasticity: withValue(node.plasticity as NonNullable<ProjectionNode['plasticity']>, n, v) })} />
      )}
      <ModelDoc spec={synapse} />
      <ModelDoc spec={output} />
      <ModelDoc spec={plasticity} />
    </>
  );
}

const listText = (xs: readonly (string | number)[] | undefined): string => (xs ?? []).join(', ');

export function MonitorInspector({ node, problems }: { node: MonitorNode; problems: readonly Problem[] }) {
  return (
    <>
      <ChoiceField label="record" field="record" value={node.record} choices={['spikes', 'state', 'rate']}
        doc="spikes: every spike; state: variables of chosen neurons; rate: spikes per step."
        onChange={(r) => replace({ ...node, record: r as MonitorNode['record'] })} />
      {node.record === 'state' && (
        <>
          <ListField label="variables" field="variables" text={listText(node.variables)} placeholder="V" fallback="V" problem={problemAt(problems, 'variables')}
            validate={checkNames}
            onCommit={(t) => replace(withValue(node, 'variables', t.split(',').map((s) => s.trim())))} />
          <ListField label="neurons" field="neurons" text={listText(node.neurons)} placeholder="0" fallback="0" problem={problemAt(problems, 'neurons')}
            validate={checkIndices}
            onCommit={(t) => replace(withValue(node, 'neurons', t.split(',').map((s) => Number(s.trim()))))} />
          <QuantityField label="interval" field="interval" value={node.interval} rule={{ dim: 'time', positive: true, fallback: 'every step' }}
            placeholder="every step" problem={problemAt(problems, 'interval')} onCommit={(v) => replace(withValue(node, 'interval', v))} />
        </>
      )}
    </>
  );
}

/** A rule's numeric parameters; its true/false flags (allow_self) are not parameter values. */
function ruleValues(conn: ProjectionNode['conn']): Record<string, string | number> {
  return Object.fromEntries(Object.entries(conn).filter((e): e is [string, string | number] => typeof e[1] !== 'boolean'));
}
