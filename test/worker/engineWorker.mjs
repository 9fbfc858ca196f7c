// Loads the TypeScript worker twin inside a worker thread (Node 20 does not apply --import to workers).
import { tsImport } from 'tsx/esm/api';

await tsImport('./engineWorker.ts', import.meta.url);
