/**
 * The model text: a plain <textarea> beside a gutter of line numbers, the lines with a problem
 * marked. A textarea rather than a code-editor library: specs are a few dozen lines, the checker
 * gives every message with its line and column, and a click on a message puts the caret there;
 * CodeMirror 6 would add ~150 kB to the renderer for highlighting a language it has no grammar of.
 */
import { forwardRef, useImperativeHandle, useRef, type KeyboardEvent } from 'react';

export interface CodeAreaHandle {
  /** Put the caret at line, column (1-based) and scroll it into view. */
  goTo(line: number, column: number): void;
  focus(): void;
}

interface Props {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Lines (1-based) with a problem. */
  readonly badLines: ReadonlySet<number>;
  readonly label: string;
}

/** Spaces a Tab key inserts (the spec language does not care about indentation). */
const TAB = '  ';

export const CodeArea = forwardRef<CodeAreaHandle, Props>(function CodeArea({ value, onChange, badLines, label }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;

  useImperativeHandle(ref, () => ({
    goTo(line, column) {
      const t = area.current;
      if (!t) return;
      const starts = t.value.split('\n');
      let offset = 0;
      for (let i = 0; i < Math.min(line - 1, starts.length); i++) offset += starts[i].length + 1;
      offset += Math.max(0, column - 1);
      t.focus();
      t.setSelectionRange(offset, offset);
      const lineHeight = parseFloat(getComputedStyle(t).lineHeight) || 18;
      t.scrollTop = Math.max(0, (line - 3) * lineHeight);
    },
    focus: () => area.current?.focus(),
  }));

  // Tab indents instead of leaving the field; Shift+Tab and Esc still leave it
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key !== 'Tab' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    const t = e.currentTarget;
    const { selectionStart: a, selectionEnd: b } = t;
    onChange(`${t.value.slice(0, a)}${TAB}${t.value.slice(b)}`);
    requestAnimationFrame(() => t.setSelectionRange(a + TAB.length, a + TAB.length));
  };

  return (
    <div className="code-area">
      <div className="code-gutter" ref={gutter} aria-hidden="true">
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={badLines.has(i + 1) ? 'code-line-bad' : undefined} data-line={i + 1}>{i + 1}</div>
        ))}
      </div>
      <textarea
        ref={area}
        className="code-text"
        value={value}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        aria-label={label}
        data-testid="model-source"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onScroll={(e) => gutter.current && (gutter.current.scrollTop = e.currentTarget.scrollTop)}
      />
    </div>
  );
});
