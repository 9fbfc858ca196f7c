/**
 * Spec models in the catalogue: the bundled spec-only models (registered at catalogue load, see
 * specModel.ts) and a document's custom models, typed in the app. A spec model is a catalogue
 * entry (palette, inspector, build) plus its checked spec (kernels, exporters) under one name.
 */
import { getModel, getPopulationModel, registerModel, unregisterModel } from '../catalog';
import type { Family } from '../catalog/types';
import { problem, type Problem } from '../problems';
import { deleteSpecModel, setSpecModel, specModelFromSource, type SpecModel } from './specModel';

export { getBundledNeuronModel, getBundledSynapseModel, isBundledModel, getSpecModel, isPreAlignedSynapse, specModelFromSource, internalPerCoherent, type SpecModel, type SpecDiagnostic } from './specModel';

/** Names (with their catalogue family) registered by registerDocumentModels, removed when the next document registers its own. */
const documentModels = new Map<string, Family>();

type DocumentModels = readonly { readonly name: string; readonly source: string }[];

/**
 * What registerDocumentModels last registered (names and sources) and reported; null once anything
 * else registered a model, so a document's models are never taken as registered when they are not.
 */
let lastDocument: { readonly models: DocumentModels; readonly problems: readonly Problem[] } | null = null;

const sameModels = (a: DocumentModels, b: DocumentModels): boolean => a.length === b.length && a.every((m, i) => m.name === b[i].name && m.source === b[i].source);

/**
 * Add a spec model to the catalogue and the spec lookup. Refuses (throws with a message) to
 * shadow a bundled model: hand-written ones and bundled spec-only ones keep their names.
 */
export function registerSpecModel(model: SpecModel): void {
  lastDocument = null;
  const bundled = model.catalog.family === 'synapse' ? getModel('synapse', model.name) ?? getModel('output', model.name) : getPopulationModel(model.name);
  if (bundled !== undefined && !documentModels.has(model.name)) {
    throw new Error(`A custom model cannot be called "${model.name}": that is the name of a bundled model. Rename it (e.g. "${model.name}Custom").`);
  }
  registerModel(model.catalog);
  setSpecModel(model);
  documentModels.set(model.name, model.catalog.family);
}

/** Take a document's custom model out of the catalogue and the spec lookup. */
function unregisterDocumentModel(name: string): void {
  unregisterModel(documentModels.get(name) ?? 'neuron', name);
  deleteSpecModel(name);
  documentModels.delete(name);
}

/**
 * Register a document's custom models (document field `customModels`), replacing those of the
 * document before; the same names and sources as last time register nothing again (and report
 * the same problems). Every model that does not compile, or would shadow a bundled model, gives a
 * problem naming the model and the line; the others are registered.
 */
export function registerDocumentModels(models: DocumentModels): Problem[] {
  // every build (each live validation too) calls this: compile only when the models changed
  if (lastDocument && sameModels(lastDocument.models, models)) return [...lastDocument.problems];
  for (const name of [...documentModels.keys()]) unregisterDocumentModel(name);
  const problems: Problem[] = [];
  models.forEach((m, index) => {
    const path = `customModels[${index}]`;
    const r = specModelFromSource(m.source);
    if (!r.ok) {
      for (const d of r.diagnostics) problems.push(problem('bad_value', `${path}.source`, `Custom model "${m.name}", line ${d.line}, column ${d.column}: ${d.message}`));
      return;
    }
    if (r.model.name !== m.name) {
      problems.push(problem('bad_value', `${path}.name`, `Custom model "${m.name}": its source declares "${r.model.catalog.family === 'synapse' ? 'synapse' : 'model'} ${r.model.name}"; the two names must agree.`));
      return;
    }
    try {
      registerSpecModel(r.model);
    } catch (e) {
      problems.push(problem('bad_value', `${path}.name`, `Custom model "${m.name}", line 1: ${(e as Error).message}`));
    }
  });
  lastDocument = { models: models.map(({ name, source }) => ({ name, source })), problems };
  return [...problems];
}
