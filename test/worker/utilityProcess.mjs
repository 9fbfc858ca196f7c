// Loads the TypeScript utilityProcess stand-in inside a worker thread (Node 20 does not apply --import to workers).
import { tsImport } from 'tsx/esm/api';

await tsImport('./utilityProcess.ts', import.meta.url);
