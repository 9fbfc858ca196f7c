/**
 * The training bench in this Node process: one tfjs flavour at a time, no fallback (a flavour that
 * cannot start gives a row with why), gradients registered as the CLI does.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTfjs, type TfjsFlavour } from '../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../src/engine/node/tfjsLoader';
import { registerTfjsGradients } from '../src/engine/node/tfjsGradients';
import { parseProjectFile } from '../src/shared/projectFile';
import { selectTrainingBackend } from '../src/engine/training/backendChoice';
import { BENCH_PROJECT, timeTrainingEpochs, type EpochTiming } from './trainingEpochs';

/** One flavour's result where it ran: its timing, or why it did not run. */
export interface TrainingRow {
  /** "node" or "chromium". */
  readonly where: string;
  readonly flavour: string;
  readonly timing?: EpochTiming;
  /** The WebGL renderer (webgl in Chromium): says whether it was software GL. */
  readonly renderer?: string | null;
  readonly error?: string;
  /** For "auto": what selectTrainingBackend picked there, and why (untimed). */
  readonly choice?: string;
}

export function loadBenchDocument(): unknown {
  const file = parseProjectFile(readFileSync(fileURLToPath(new URL(`../${BENCH_PROJECT}`, import.meta.url)), 'utf8'));
  if (!file.ok) throw new Error(file.problems.map((p) => p.message).join('; '));
  return file.document;
}

/** Time `flavours` in turn; "auto" gives the row of what `snn train` picks here, untimed. */
export async function benchTrainingInNode(flavours: readonly (TfjsFlavour | 'auto')[], samples: number, repeats: number, onRow?: (row: TrainingRow) => void): Promise<TrainingRow[]> {
  const document = loadBenchDocument();
  const rows: TrainingRow[] = [];
  for (const flavour of flavours) {
    let row: TrainingRow;
    try {
      if (flavour === 'auto') {
        row = { where: 'node', flavour, choice: (await selectTrainingBackend('auto', nodeTfjsOptions())).reason };
        rows.push(row);
        onRow?.(row);
        continue;
      }
      await startTfjs(nodeTfjsOptions({ prefer: flavour, order: [] }));
      await registerTfjsGradients();
      row = { where: 'node', flavour, timing: timeTrainingEpochs(document, flavour, samples, repeats) };
    } catch (e) {
      row = { where: 'node', flavour, error: `not available here (${(e as Error).message})` };
    }
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}
