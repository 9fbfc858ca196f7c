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
 * overview text grows in flow px as the zoom shrinks, so it stays PRESENTING_SCREEN_TEXT_PX on
 * screen (presentation.css reads the zoom from --canvas-zoom), and a card too short for the
 * title and the brief line at that size shows its title alone. Fitting stops at
 * PRESENTING_MIN_FIT_ZOOM, where a card's title still fits its width.
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
/** Title of an overview card in presentation mode, flow px, before it grows with the zoom. */
export const PRESENTING_OVERVIEW_TITLE_PX = 28;
/** Line height of the overview text in presentation mode, times the font size (presentation.css). */
export const PRESENTING_OVERVIEW_LINE = 1.15;
/** Padding above and below the overview text in presentation mode, flow px (presentation.css). */
const PRESENTING_OVERVIEW_PAD = 4;
/**
 * In presentation mode, fitting the view stops at this zoom: overview text is then
 * PRESENTING_SCREEN_TEXT_PX / 0.45 ≈ 36 flow px, and a title of nine letters still fits the
 * narrowest card (152 px). It lets brunel-ai (1096 × 537 flow px) fit half of a 1366 × 768 screen.
 */
export const PRESENTING_MIN_FIT_ZOOM = 0.45;

/** Presenting, the overview title and brief sizes at `zoom`, flow px: never under PRESENTING_SCREEN_TEXT_PX on screen. */
export function presentingOverviewPx(zoom: number): { title: number; brief: number } {
  const keep = PRESENTING_SCREEN_TEXT_PX / zoom;
  return { title: Math.max(PRESENTING_OVERVIEW_TITLE_PX, keep), brief: Math.max(PRESENTING_OVERVIEW_TEXT_PX, keep) };
}

/** Presenting, whether a card `height` flow px tall holds its overview title and brief line at `zoom` (otherwise: the title alone). */
export function presentingBriefFits(height: number, zoom: number): boolean {
  const { title, brief } = presentingOverviewPx(zoom);
  return PRESENTING_OVERVIEW_PAD + PRESENTING_OVERVIEW_LINE * (title + brief) <= height;
}

/** The zoom below which cards show their overview, and the smallest zoom a fit may choose. */
export function readableZooms(presenting: boolean): { overviewBelow: number; minFitZoom: number } {
  return presenting
    ? { overviewBelow: PRESENTING_OVERVIEW_BELOW, minFitZoom: PRESENTING_MIN_FIT_ZOOM }
    : { overviewBelow: OVERVIEW_BELOW, minFitZoom: MIN_FIT_ZOOM };
}
