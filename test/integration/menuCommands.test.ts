/**
 * Menu edit commands and text fields: Electron's Edit menu does the native edit in a focused
 * field and also forwards the command; the canvas must then leave it alone, or Undo in a field
 * would also undo a document change.
 */
import { describe, expect, it } from 'vitest';
import { focusInTextField } from '../../src/renderer/shell/focus';

const focused = (el: { tagName: string; isContentEditable: boolean } | null) => ({ activeElement: el });

describe('focusInTextField', () => {
  it('is true in inputs, text areas, selects and editable content, false elsewhere', () => {
    expect(focusInTextField(focused({ tagName: 'INPUT', isContentEditable: false }))).toBe(true);
    expect(focusInTextField(focused({ tagName: 'TEXTAREA', isContentEditable: false }))).toBe(true);
    expect(focusInTextField(focused({ tagName: 'SELECT', isContentEditable: false }))).toBe(true);
    expect(focusInTextField(focused({ tagName: 'DIV', isContentEditable: true }))).toBe(true);
    expect(focusInTextField(focused({ tagName: 'DIV', isContentEditable: false }))).toBe(false);
    expect(focusInTextField(focused({ tagName: 'BODY', isContentEditable: false }))).toBe(false);
    expect(focusInTextField(focused(null))).toBe(false);
  });
});
