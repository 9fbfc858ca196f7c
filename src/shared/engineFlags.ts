/**
 * The command-line flags main passes to the engine's utilityProcess (src/main/engineArgs.ts writes
 * them, src/engine/backends/tfjs/processDefaults.ts reads them): written once here, where both
 * layers may import them.
 */
/** The folder of tfjs-backend-wasm's binaries. */
export const TFJS_WASM_FLAG = '--tfjs-wasm=';
/** A native TensorFlow binding's module URL to try, once per module, in order. */
export const TFJS_NATIVE_FLAG = '--tfjs-native=';
