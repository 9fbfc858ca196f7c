import { describe, expect, it } from 'vitest';
import { CloseGuard } from '../../src/main/closeGuard';

describe('CloseGuard', () => {
  it('closes a clean window without asking', () => {
    const g = new CloseGuard();
    expect(g.onCloseRequested()).toBe('allow');
    g.onDocumentState(true);
    g.onDocumentState(false);
    expect(g.onCloseRequested()).toBe('allow');
  });

  it('asks when there are unsaved changes; Cancel keeps the window', () => {
    const g = new CloseGuard();
    g.onDocumentState(true);
    expect(g.onCloseRequested()).toBe('ask');
    expect(g.onChoice('cancel')).toBe('stay');
    expect(g.onCloseRequested()).toBe('ask');
  });

  it("Don't save closes at once and the second close event passes", () => {
    const g = new CloseGuard();
    g.onDocumentState(true);
    expect(g.onChoice('discard')).toBe('close-now');
    expect(g.onCloseRequested()).toBe('allow');
  });

  it('Save asks the renderer to save and closes once the document is reported clean', () => {
    const g = new CloseGuard();
    g.onDocumentState(true);
    expect(g.onChoice('save')).toBe('request-save');
    expect(g.onDocumentState(true)).toBe('stay'); // a title update while the dialog is open
    expect(g.onDocumentState(false)).toBe('close-now');
    expect(g.onCloseRequested()).toBe('allow');
  });

  it('a cancelled Save As keeps the window open and a later save does not close it', () => {
    const g = new CloseGuard();
    g.onDocumentState(true);
    g.onChoice('save');
    g.onSaveAbandoned();
    expect(g.onCloseRequested()).toBe('ask');
    expect(g.onDocumentState(false)).toBe('stay');
  });

  it('reset forgets an approval (a new window on macOS asks again)', () => {
    const g = new CloseGuard();
    g.onDocumentState(true);
    g.onChoice('discard');
    g.reset();
    g.onDocumentState(true);
    expect(g.onCloseRequested()).toBe('ask');
  });
});
