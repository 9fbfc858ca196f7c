/** Whether keyboard focus is in a text field (structural types: also used from Node tests). */

interface FocusedElement {
  readonly tagName: string;
  readonly isContentEditable?: boolean;
}
export interface FocusedDocument {
  readonly activeElement: FocusedElement | null;
}

const TEXT_TAGS: ReadonlySet<string> = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** True when focus is in an input, text area, select or editable content, so edit commands belong to it. */
export function focusInTextField(doc: FocusedDocument | undefined = (globalThis as { document?: FocusedDocument }).document): boolean {
  const el = doc?.activeElement;
  if (!el) return false;
  return TEXT_TAGS.has(el.tagName) || el.isContentEditable === true;
}
