/**
 * Card text stays readable on screen: no card text is drawn smaller than MIN_SCREEN_TEXT_PX.
 * Full cards (smallest text DETAIL_TEXT_PX) turn into overview cards (title and one brief line,
 * smallest text OVERVIEW_TEXT_PX) when zoomed out below OVERVIEW_BELOW, and fitting the view
 * never zooms out below MIN_FIT_ZOOM. app.css draws the text at these sizes;
 * test/e2e/tidy.test.ts measures font size × zoom on every example.
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
