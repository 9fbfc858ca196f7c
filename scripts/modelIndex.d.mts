/** Types of scripts/modelIndex.mjs (plain JavaScript: it runs on `npm install`, before any transpiler). */
import type { Plugin } from 'vite';

/** Each kind of bundled model: its folder of model folders and its generated index. */
export declare const MODEL_KINDS: readonly { readonly kind: string; readonly dir: string; readonly file: string }[];
/** src/shared/modelspec/neurons: one folder per model (or family of variants). */
export declare const MODELS_DIR: string;
/** The generated index, src/shared/modelspec/neurons/folders.generated.ts. */
export declare const INDEX_FILE: string;
/** src/shared/modelspec/synapses: one folder per synapse model. */
export declare const SYNAPSES_DIR: string;
/** The generated index, src/shared/modelspec/synapses/folders.generated.ts. */
export declare const SYNAPSE_INDEX_FILE: string;
export declare function modelFolders(dir?: string): string[];
export declare function modelIndexSource(folders?: readonly string[], kind?: string): string;
/** No arguments: every kind. */
export declare function modelIndexProblem(dir?: string, file?: string): string | null;
/** No arguments: every kind. */
export declare function writeModelIndex(dir?: string, file?: string): boolean;
export declare function modelIndexPlugin(): Plugin;
