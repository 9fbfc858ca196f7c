/** Types of bin/compiledCli.mjs (plain JavaScript so bin/snn.mjs needs no transpiler). */
export declare const STAMP_NAME: string;
export declare const STAMP_FORMAT: number;
export declare const COMPILED_DIR: string;

export type CompiledCliState = { fresh: true } | { fresh: false; reason: string };

export interface StampFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  statSync(path: string, options: { throwIfNoEntry: false }): { mtimeMs: number } | undefined;
}

export declare function compiledCliState(root: string, fs?: StampFs): CompiledCliState;
