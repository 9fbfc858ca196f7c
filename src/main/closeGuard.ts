/**
 * Closing the window with unsaved changes asks Save / Don't save / Cancel. The document lives
 * in the renderer, so "Save" is a round trip: main asks the renderer to save, and closes once
 * the renderer reports the document clean. A cancelled or failed save keeps the window open.
 */

export type CloseChoice = 'save' | 'discard' | 'cancel';

/** What main should do next. */
export type CloseStep = 'allow' | 'ask' | 'request-save' | 'close-now' | 'stay';

export class CloseGuard {
  private dirty = false;
  private savingBeforeClose = false;
  private closeApproved = false;

  /** A new window starts clean and unapproved. */
  reset(): void {
    this.dirty = false;
    this.savingBeforeClose = false;
    this.closeApproved = false;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  /** The window is about to close: let it, or ask the user first. */
  onCloseRequested(): 'allow' | 'ask' {
    return this.closeApproved || !this.dirty ? 'allow' : 'ask';
  }

  /** The user answered the unsaved-changes question. */
  onChoice(choice: CloseChoice): 'request-save' | 'close-now' | 'stay' {
    if (choice === 'save') {
      this.savingBeforeClose = true;
      return 'request-save';
    }
    if (choice === 'discard') {
      this.closeApproved = true;
      return 'close-now';
    }
    return 'stay';
  }

  /** The renderer reported its state; a clean document after "Save" means the close can go on. */
  onDocumentState(dirty: boolean): 'close-now' | 'stay' {
    this.dirty = dirty;
    if (this.savingBeforeClose && !dirty) {
      this.savingBeforeClose = false;
      this.closeApproved = true;
      return 'close-now';
    }
    return 'stay';
  }

  /** The save dialog was cancelled or the save failed: stay open and forget the pending close. */
  onSaveAbandoned(): void {
    this.savingBeforeClose = false;
  }
}
