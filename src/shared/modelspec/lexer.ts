/** Tokens of one line of a model spec, each with its 1-based column. */

export type TokenKind = 'number' | 'ident' | 'op' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly column: number;
  /** Whitespace right before the token (a call needs `exp(`, so `V_th (rising)` stays a name and flags). */
  readonly spaced: boolean;
}

/** Operators, longest first so `**` wins over `*` and `<=` over `<`. */
const OPERATORS = ['**', '<=', '>=', '==', '!=', '+=', '-=', '*=', '/=', '+', '-', '*', '/', '^', '(', ')', ',', ';', '=', '<', '>', '|', '[', ']', ':'];

const IDENT_START = /[A-Za-z_\u00b5\u03bc\u03a9]/;
const IDENT_PART = /[A-Za-z0-9_\u00b5\u03bc\u03a9]/;
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; message: string; column: number };

/** Split one line (comment already removed) into tokens, or say which character is not allowed. */
export function lexLine(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = true;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      spaced = true;
      continue;
    }
    const column = i + 1;
    if (/\d/.test(c) || (c === '.' && /\d/.test(text[i + 1] ?? ''))) {
      const m = NUMBER.exec(text.slice(i, i + 400)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: m[0], column, spaced });
      i += m[0].length;
    } else if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < text.length && IDENT_PART.test(text[j])) j++;
      tokens.push({ kind: 'ident', text: text.slice(i, j), column, spaced });
      i = j;
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) {
        const shown = c === '"' || c === "'" ? `the quote ${c}` : `"${c}"`;
        return { ok: false, message: `${shown} is not allowed here; expressions use names, numbers, units and + - * / ** ( ).`, column };
      }
      tokens.push({ kind: 'op', text: op, column, spaced });
      i += op.length;
    }
    spaced = false;
  }
  tokens.push({ kind: 'end', text: '', column: text.length + 1, spaced });
  return { ok: true, tokens };
}
