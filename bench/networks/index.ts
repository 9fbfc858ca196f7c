/** The benchmark's networks: each with its document and the matching bench/brian2/brette.py arguments. */
import type { DocumentInput } from '../../src/shared/document';
import { cobaDocument, cubaDocument } from './brette';

export interface BenchNetwork {
  readonly name: string;
  readonly neurons: number;
  /** Only the 4000-neuron networks run with --quick. */
  readonly quick: boolean;
  readonly document: (seed: number, durationMs: number) => DocumentInput;
  /** Arguments for bench/brian2/brette.py (model and size). */
  readonly brian2Args: readonly string[];
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
  { name: 'coba-4k', neurons: 4000, quick: true, document: (seed, durationMs) => cobaDocument({ seed, durationMs }), brian2Args: ['--model', 'coba', '--n', '4000', '--p', '0.02'] },
  scaledCuba(16_000),
  scaledCuba(64_000),
  scaledCuba(256_000),
];

export function benchNetwork(name: string): BenchNetwork {
  const net = BENCH_NETWORKS.find((n) => n.name === name);
  if (!net) throw new Error(`unknown benchmark network ${name} (known: ${BENCH_NETWORKS.map((n) => n.name).join(', ')})`);
  return net;
}
