/** The plot theme as a React hook that follows theme switches. */
import { useEffect, useState, type RefObject } from 'react';
import { plotThemeFrom, type PlotTheme } from './plotTheme';

/** The theme as the CSS variables seen by `el` (or the root) say now. */
export function readPlotTheme(el: Element | null = null): PlotTheme {
  const s = getComputedStyle(el ?? document.documentElement);
  return plotThemeFrom((name) => s.getPropertyValue(name));
}

const same = (a: PlotTheme, b: PlotTheme): boolean =>
  a.text === b.text && a.grid === b.grid && a.background === b.background && a.control === b.control && a.accent === b.accent && a.fontSize === b.fontSize &&
  a.populations.join() === b.populations.join();

/**
 * The current plot theme, re-read when `themeKey` changes and whenever the root element's
 * theme attributes change. The app sets data-theme in its own effect, which React runs after
 * this component's render and effects: reading only on the themeKey change would see the old
 * theme, so the root is watched and read again once the change has landed.
 */
export function usePlotTheme(themeKey: string, el: RefObject<Element | null>): PlotTheme {
  const [theme, setTheme] = useState<PlotTheme>(() => readPlotTheme());
  useEffect(() => {
    const read = (): void => {
      const next = readPlotTheme(el.current);
      setTheme((prev) => (same(prev, next) ? prev : next));
    };
    read();
    const frame = requestAnimationFrame(read);
    const watch = new MutationObserver(read);
    const attributeFilter = ['data-theme', 'class', 'style'];
    watch.observe(document.documentElement, { attributes: true, attributeFilter });
    if (document.body) watch.observe(document.body, { attributes: true, attributeFilter });
    return () => {
      cancelAnimationFrame(frame);
      watch.disconnect();
    };
  }, [themeKey, el]);
  return theme;
}
