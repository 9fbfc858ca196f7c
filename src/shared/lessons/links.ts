/**
 * Links in a lesson's Markdown that act on the project instead of leaving the app:
 * `[the neuron](node:neuron)` selects a node, `[R](field:neuron#params.R)` selects it and focuses
 * the field in the inspector. Ids with spaces or `#` are written percent-encoded.
 */

export type LessonLink = { readonly kind: 'node'; readonly node: string } | { readonly kind: 'field'; readonly node: string; readonly field: string };

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a link's href asks for, or null for an ordinary link. */
export function parseLessonLink(href: string): LessonLink | null {
  if (href.startsWith('node:')) {
    const node = decode(href.slice('node:'.length));
    return node ? { kind: 'node', node } : null;
  }
  if (href.startsWith('field:')) {
    const rest = href.slice('field:'.length);
    const hash = rest.lastIndexOf('#');
    if (hash <= 0 || hash === rest.length - 1) return null;
    return { kind: 'field', node: decode(rest.slice(0, hash)), field: decode(rest.slice(hash + 1)) };
  }
  return null;
}
