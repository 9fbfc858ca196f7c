/**
 * Card text stays readable on screen: no card text is drawn smaller than MIN_SCREEN_TEXT_PX.
 * Full cards (smallest text DETAIL_TEXT_PX) turn into overview cards (title and one brief line,
 * smallest text OVERVIEW_TEXT_PX) when zoomed out below OVERVIEW_BELOW, and fitting the view
 * never zooms out below MIN_FIT_ZOOM. app.css draws the text at these sizes;
 * test/e2e/tidy.test.ts measures font size × zoom on every example.
 *
 * Presentation mode (a projector, read from the back of a room) asks for PRESENTING_SCREEN_TEXT_PX:
 * cards keep their layout size (so nothing overlaps and Tidy needs no second layout) but show
 * their overview at any zoom where the full card's print would be under that size, with larger
 * overview text. Zoomed out further (a whole Brunel network in half of a laptop screen), the
 * cards show their title alone, in type that grows in flow px as the zoom shrinks so it stays
 * PRESENTING_SCREEN_TEXT_PX on screen (presentation.css reads the zoom from --canvas-zoom).
 * Fitting stops at PRESENTING_MIN_FIT_ZOOM.
 */

/** Smallest card text on screen, px (the readable limit on a 1366 × 768 laptop screen). */
export const MIN_SCREEN_TEXT_PX = 10;
/** Smallest text of a full card, flow px. */
export const DETAIL_TEXT_PX = 11;
/** Smallest text of an overview card, flow px. */
export const OVERVIEW_TEXT_PX = 17;

/** Below this zoom a full card's smallest text would be under MIN_SCREEN_TEXT_PX: show the overview. */
export const OVERVIEW_BELOW = MIN_SCREEN_TEXT_PX / DETAIL_TEXT_PX;
/** Fitting the view stops at this zoom, where overview text is MIN_SCREEN_TEXT_PX on screen. */
export const MIN_FIT_ZOOM = MIN_SCREEN_TEXT_PX / OVERVIEW_TEXT_PX;

/** Smallest card text on screen in presentation mode, px. */
export const PRESENTING_SCREEN_TEXT_PX = 16;
/** Smallest text of an overview card in presentation mode, flow px (presentation.css draws it). */
export const PRESENTING_OVERVIEW_TEXT_PX = 24;
/** In presentation mode, below this zoom a full card shows its overview. */
export const PRESENTING_OVERVIEW_BELOW = PRESENTING_SCREEN_TEXT_PX / DETAIL_TEXT_PX;
/**
 * In presentation mode, fitting the view stops at this zoom: overview text is then
 * PRESENTING_SCREEN_TEXT_PX / 0.45 ≈ 36 flow px. It lets brunel-ai (1096 × 537 flow px) and
 * decision-making (848 × 1243) fit half of a 1366 × 768 screen.
 */
export const PRESENTING_MIN_FIT_ZOOM = 0.45;
/**
 * In presentation mode, below this zoom (where the overview's brief line would fall under
 * PRESENTING_SCREEN_TEXT_PX) a card shows its title alone, in type that grows as the zoom
 * shrinks so it stays PRESENTING_SCREEN_TEXT_PX on screen, over up to two lines (presentation.css:
 * .no-brief). The brief's detail is one zoom-in away.
 */
export const PRESENTING_TITLE_ONLY_BELOW = PRESENTING_SCREEN_TEXT_PX / PRESENTING_OVERVIEW_TEXT_PX;

/** The zoom below which cards show their overview, and the smallest zoom a fit may choose. */
export function readableZooms(presenting: boolean): { overviewBelow: number; minFitZoom: number } {
  return presenting
    ? { overviewBelow: PRESENTING_OVERVIEW_BELOW, minFitZoom: PRESENTING_MIN_FIT_ZOOM }
    : { overviewBelow: OVERVIEW_BELOW, minFitZoom: MIN_FIT_ZOOM };
}
