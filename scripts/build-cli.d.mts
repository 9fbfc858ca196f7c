/** Types of scripts/build-cli.mjs (plain JavaScript: it runs on `npm install`, before any transpiler). */
export interface BuiltOutput {
  /** Source files (project-relative, node_modules/... for packages) bundled into this output. */
  readonly inputs: string[];
  /** Other outputs (path inside the output folder) or external packages it imports. */
  readonly imports: { path: string; kind: string; external: boolean }[];
}

export interface BuiltCli {
  /** Every output file by its path inside the output folder, e.g. "snn.mjs", "chunks/run-XXXX.mjs". */
  readonly outputs: Record<string, BuiltOutput>;
  /** What build.json lists for bin/compiledCli.mjs to stat. */
  readonly inputs: string[];
  /** When the build started, ms since the epoch. */
  readonly builtAtMs: number;
}

export declare function watchedInputs(metafileInputs: Iterable<string>): string[];
export declare function buildCli(outDir?: string): Promise<BuiltCli | null>;
