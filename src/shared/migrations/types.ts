/** A parsed JSON object (the envelope of a project file). */
export type JsonObject = { readonly [key: string]: unknown };

/** One schema change: turns a file of version `from` into version `from + 1`. */
export interface Migration {
  readonly from: number;
  /** What changed, for the changelog and for messages. */
  readonly title: string;
  readonly up: (file: JsonObject) => JsonObject;
}
