/** Types of scripts/modelIndex.mjs (plain JavaScript: it runs on `npm install`, before any transpiler). */
import type { Plugin } from 'vite';

/** src/shared/modelspec/neurons: one folder per model (or family of variants). */
export declare const MODELS_DIR: string;
/** The generated index, src/shared/modelspec/neurons/folders.generated.ts. */
export declare const INDEX_FILE: string;
export declare function modelFolders(dir?: string): string[];
export declare function modelIndexSource(folders?: readonly string[]): string;
export declare function modelIndexProblem(dir?: string, file?: string): string | null;
export declare function writeModelIndex(dir?: string, file?: string): boolean;
export declare function modelIndexPlugin(): Plugin;
