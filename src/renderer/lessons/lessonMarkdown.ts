/**
 * A lesson's Markdown as HTML: markdown-it with raw HTML off (a lesson file cannot inject
 * markup), math in $…$ and $$…$$ typeset with KaTeX as the inspector's equations are, and the
 * links node:ID / field:ID#path kept as links the panel turns into selections.
 */
import MarkdownIt from 'markdown-it';
import katex from 'katex';
import 'katex/dist/katex.min.css';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultValidate = md.validateLink.bind(md);
// Lesson links act on the project; every other scheme keeps markdown-it's own rule (no javascript:).
md.validateLink = (url: string) => /^(node|field):/.test(url) || defaultValidate(url);

/** Placeholder that markdown-it passes through untouched (letters and digits only). */
const MARK = 'KATEXMATHPLACEHOLDER';

function typeset(tex: string, display: boolean): string {
  return katex.renderToString(tex, { throwOnError: false, displayMode: display, output: 'html' });
}

/** HTML of one step's text. */
export function lessonHtml(text: string): string {
  const math: string[] = [];
  const keep = (html: string): string => `${MARK}${math.push(html) - 1}${MARK}`;
  // Display math first ($$…$$ may span lines), then inline math that does not start or end with a space (so "5 $ and 6 $" stays text).
  const protectedText = text
    .replace(/\$\$([\s\S]+?)\$\$/g, (_m, tex: string) => `\n\n${keep(typeset(tex.trim(), true))}\n\n`)
    .replace(/(^|[^\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$/g, (_m, pre: string, tex: string) => `${pre}${keep(typeset(tex, false))}`);
  const html = md.render(protectedText);
  return html.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_m, i: string) => math[Number(i)] ?? '');
}
