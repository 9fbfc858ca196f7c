/** A model's equations, typeset with KaTeX (inline mode, so a long equation can break after a relation instead of being clipped). */
import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

export function Equation({ tex }: { tex: string }) {
  const html = useMemo(() => katex.renderToString(`\\displaystyle ${tex}`, { throwOnError: false, displayMode: false, output: 'html' }), [tex]);
  // KaTeX output is generated from our own catalogue strings, never from user text
  return <div className="equation" dangerouslySetInnerHTML={{ __html: html }} />;
}
