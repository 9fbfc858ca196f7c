/**
 * Post populations up to this many neurons get u16 column indices in the typed backend's
 * WebAssembly memory ($propagate's $narrow in wasm/lif.wat); larger ones Int32. Read by the
 * instance and by the build's memory estimate.
 */
export const NARROW_COLUMNS = 65536;
