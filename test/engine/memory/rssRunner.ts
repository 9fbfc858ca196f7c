/**
 * Child process for memory.test.ts: runs one network of networks.ts the way `snn run` does
 * (every population's spikes recorded, simulate() on the typed backend) and prints one JSON line:
 * the build's memory estimate and this process's peak resident set size, both in bytes.
 * Usage: node --import tsx test/engine/memory/rssRunner.ts <network>
 */
import { build } from '../../../src/engine/build';
import { simulate } from '../../../src/engine/simulate';
import { withSpikeMonitors } from '../../../src/cli/autoMonitors';
import { MEMORY_NETWORKS, NOT_RECORDED } from './networks';

const name = process.argv[2];
if (!MEMORY_NETWORKS[name]) throw new Error(`unknown network ${name}`);
const doc = NOT_RECORDED.has(name) ? MEMORY_NETWORKS[name] : withSpikeMonitors(MEMORY_NETWORKS[name]);
const built = build(doc);
if (!built.ir || built.memoryBytes === undefined) throw new Error(`${name} does not build: ${JSON.stringify(built.problems)}`);
const outcome = await simulate(doc, { backend: 'typed' });
if (!outcome.ok) throw new Error(`${name} does not run: ${JSON.stringify(outcome.problems)}`);
const spikes = outcome.results.spikes.reduce((n, s) => n + s.steps.length, 0);
// maxRSS is in KiB on Linux.
process.stdout.write(`${JSON.stringify({ name, estimate: built.memoryBytes, parts: built.memoryParts, peakRss: process.resourceUsage().maxRSS * 1024, spikes })}\n`);
