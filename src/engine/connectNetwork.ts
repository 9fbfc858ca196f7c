/**
 * The synapses of every projection of a network, each from its own seeded stream, with progress
 * for the whole of it: each projection's share is its expected synapse count, so the fraction
 * moves with the work (a 10-million-synapse projection is most of a Brunel network's build).
 */
import type { InstantiateProgress } from './backend';
import { expectedSynapses } from './build/memory';
import { connect, type Csr } from './connectivity';
import type { NetworkIR } from './ir';
import { streamFor } from './random';
import { groupDigits } from '../shared/groupDigits';

export function connectNetwork(ir: NetworkIR, onProgress?: (p: InstantiateProgress) => void): Csr[] {
  // At least one unit per projection so that empty or unknown rules still count.
  const shares = ir.projections.map((p) => Math.max(1, expectedSynapses(p, ir.populations)));
  const total = shares.reduce((a, b) => a + b, 0);
  let before = 0;
  return ir.projections.map((p, k) => {
    const pre = ir.populations[p.pre];
    const post = ir.populations[p.post];
    const detail = `${p.id}: ${groupDigits(Math.round(shares[k]))} synapses`;
    const report = onProgress
      ? (f: number): void => onProgress({ phase: 'connectivity', fraction: (before + f * shares[k]) / total, detail })
      : undefined;
    report?.(0);
    const csr = connect(p.conn, pre.size, post.size, p.pre === p.post, streamFor(ir.seed, 'conn', p.id), report);
    before += shares[k];
    return csr;
  });
}
