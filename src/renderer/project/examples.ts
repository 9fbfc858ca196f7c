/** The example projects shipped in resources/examples, bundled as text. */
import { parseProjectFile } from './projectIO';

export interface Example {
  /** File name, e.g. "ei-network.snn". */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly text: string;
  readonly nodes: number;
}

const files = import.meta.glob('../../../resources/examples/*.snn', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const EXAMPLES: readonly Example[] = Object.entries(files)
  .map(([path, text]) => {
    const name = path.split('/').pop() ?? path;
    const parsed = parseProjectFile(text);
    const meta = parsed.ok ? parsed.document.meta : undefined;
    return {
      name,
      title: meta?.title ?? name.replace(/\.snn$/, '').replace(/[-_]/g, ' '),
      description: meta?.description ?? (parsed.ok ? '' : 'This example could not be read.'),
      text,
      nodes: parsed.ok ? parsed.document.nodes.length : 0,
    };
  })
  .sort((a, b) => a.name.localeCompare(b.name));
