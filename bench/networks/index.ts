/**
 * The benchmark's networks: each with its document and how Brian2 runs it: bench/brian2/brette.py
 * (hand-written, the paper's own equations) for the Brette series, the project's generated Brian2
 * export in cpp_standalone for the others.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentInput } from '../../src/shared/document';
import { parseProjectFile } from '../../src/shared/projectFile';
import { cobaDocument, cubaDocument } from './brette';
import { cobaHHDocument } from './cobaHH';
import { withCustomLif } from './customLif';
import type { NetworkIR } from '../../src/engine/ir';

export interface BenchNetwork {
  readonly name: string;
  readonly neurons: number;
  /** Only the 4000-neuron networks run with --quick. */
  readonly quick: boolean;
  readonly document: (seed: number, durationMs: number) => DocumentInput;
  /** Arguments for bench/brian2/brette.py (model and size); absent: Brian2 runs the generated export. */
  readonly brian2Args?: readonly string[];
  /** Applied to the built network before it is instantiated (the custom-LIF row). */
  readonly transform?: (ir: NetworkIR) => NetworkIR;
}

const EXAMPLES = fileURLToPath(new URL('../../resources/examples/', import.meta.url));

/** An example project as a benchmark network: its own network, with the bench's seed and duration on the typed backend. */
function example(name: string, neurons: number): BenchNetwork {
  return {
    name,
    neurons,
    quick: false,
    document: (seed, durationMs) => {
      const file = parseProjectFile(readFileSync(`${EXAMPLES}${name}.snn`, 'utf8'));
      if (!file.ok) throw new Error(`${name}.snn: ${file.problems[0].message}`);
      const doc = file.document;
      return { ...doc, simulation: { ...doc.simulation, seed, duration: `${durationMs} ms`, backend: 'typed' } };
    },
  };
}

/** Synapses per neuron of the scaled CUBA networks (4000 · 0.02, as in the original). */
export const SCALED_K = 80;

const scaledCuba = (n: number): BenchNetwork => ({
  name: `cuba-${n / 1000}k`,
  neurons: n,
  quick: false,
  document: (seed, durationMs) => cubaDocument({ n, p: SCALED_K / n, seed, durationMs }),
  brian2Args: ['--model', 'cuba', '--n', String(n), '--k', String(SCALED_K)],
});

export const BENCH_NETWORKS: readonly BenchNetwork[] = [
  { name: 'cuba-4k', neurons: 4000, quick: true, document: (seed, durationMs) => cubaDocument({ seed, durationMs }), brian2Args: ['--model', 'cuba', '--n', '4000', '--p', '0.02'] },
  // issue 16: a custom copy of LIF (kernel generated from its spec) within 10 % of the bundled LIF's run time
  { name: 'cuba-4k custom LIF', neurons: 4000, quick: true, document: (seed, durationMs) => cubaDocument({ seed, durationMs }), brian2Args: ['--model', 'cuba', '--n', '4000', '--p', '0.02'], transform: withCustomLif },
  // COBA.py's scheme on both sides: V by forward Euler (the populations' method field), no exp per neuron and step
  { name: 'coba-4k', neurons: 4000, quick: true, document: (seed, durationMs) => cobaDocument({ seed, durationMs, method: 'euler' }), brian2Args: ['--model', 'coba', '--n', '4000', '--p', '0.02', '--method', 'euler'] },
  // the same network with V by exponential Euler on both sides (LIF's own scheme here, one exp per neuron and step)
  { name: 'coba-4k exp-Euler', neurons: 4000, quick: true, document: (seed, durationMs) => cobaDocument({ seed, durationMs }), brian2Args: ['--model', 'coba', '--n', '4000', '--p', '0.02', '--method', 'exponential_euler'] },
  scaledCuba(16_000),
  scaledCuba(64_000),
  scaledCuba(256_000),
  { name: 'coba-hh', neurons: 4000, quick: false, document: (seed, durationMs) => cobaHHDocument({ seed, durationMs }) },
  // 10,000 E + 2,500 I LIF neurons driven by 10,000 Poisson sources (the count includes the sources)
  example('brunel-ai', 22_500),
  example('brunel-si-fast', 22_500),
  example('brunel-si-slow', 22_500),
  example('brunel-sr', 22_500),
];

export function benchNetwork(name: string): BenchNetwork {
  const net = BENCH_NETWORKS.find((n) => n.name === name);
  if (!net) throw new Error(`unknown benchmark network ${name} (known: ${BENCH_NETWORKS.map((n) => n.name).join(', ')})`);
  return net;
}
