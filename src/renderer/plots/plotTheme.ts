/**
 * The plots' colours and text size, read from the app's CSS variables so the plots follow the
 * light/dark theme and presentation mode (which enlarges plot text through --plot-font-size).
 */
import { POPULATION_PALETTE } from './shaping';

export interface PlotTheme {
  readonly text: string;
  /** Axis lines and the split lines between ticks. */
  readonly grid: string;
  readonly background: string;
  /** Background of controls drawn inside a chart (the zoom slider). */
  readonly control: string;
  readonly accent: string;
  /** Text of axis labels, ticks and legends, px. */
  readonly fontSize: number;
  /** Population colours, six warm then six cool (--plot-populations; shaping.ts assigns them). */
  readonly populations: readonly string[];
}

/** Plot text size when --plot-font-size is not set, px. */
export const DEFAULT_PLOT_FONT_PX = 12;

export const LIGHT_FALLBACK: PlotTheme = { text: '#4f5866', grid: '#c5cad2', background: '#ffffff', control: '#eef0f3', accent: '#3b7dd8', fontSize: DEFAULT_PLOT_FONT_PX, populations: POPULATION_PALETTE };

/** px per unit a --plot-font-size may be given in (rem and em taken at the browser default 16 px). */
const FONT_UNITS: ReadonlyMap<string, number> = new Map([['', 1], ['px', 1], ['pt', 4 / 3], ['rem', 16], ['em', 16]]);

/** "14px", "14", "1.25rem", "10.5pt" -> px; anything else (empty, "calc(...)", "abc") -> the default. */
export function parseFontPx(text: string, fallback = DEFAULT_PLOT_FONT_PX): number {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? FONT_UNITS.get(m[2].toLowerCase()) : undefined;
  const v = m && unit !== undefined ? Number(m[1]) * unit : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** "#e4572e, #f28e2b, ..." -> the colours; null unless there are twelve. */
export function parseColorList(text: string): readonly string[] | null {
  const colors = text.split(',').map((c) => c.trim()).filter(Boolean);
  return colors.length === POPULATION_PALETTE.length ? colors : null;
}

/** The theme from CSS custom properties, read through `get` ("" when a variable is not set). */
export function plotThemeFrom(get: (name: string) => string): PlotTheme {
  const v = (name: string, fallback: string): string => get(name).trim() || fallback;
  return {
    text: v('--text-2', LIGHT_FALLBACK.text),
    grid: v('--border-strong', LIGHT_FALLBACK.grid),
    background: v('--panel', LIGHT_FALLBACK.background),
    control: v('--panel-2', LIGHT_FALLBACK.control),
    accent: v('--accent', LIGHT_FALLBACK.accent),
    fontSize: parseFontPx(v('--plot-font-size', '')),
    populations: parseColorList(get('--plot-populations')) ?? POPULATION_PALETTE,
  };
}
