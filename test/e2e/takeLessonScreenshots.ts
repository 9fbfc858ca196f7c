/**
 * Screenshots of lessons for docs/screenshots (not a test): lessons 1 and 6 in presentation mode
 * at 1366×768 (the class laptop), each at a step with its check passed after "Show me".
 * Run after `npm run build:web`:  npx tsx test/e2e/takeLessonScreenshots.ts
 */
import { resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { launch } from './browser';
import { serveStatic } from './staticServer';

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'docs/screenshots');
mkdirSync(out, { recursive: true });

/** Lesson file, the step shown (0-based, reached with Next), the PNG name. */
const SHOTS: readonly [string, number, string][] = [
  ['01-lif.lesson.md', 2, 'lesson-01-lif-presentation-1366x768.png'],
  ['06-brunel.lesson.md', Number(process.env.SNN_LESSON6_STEP ?? 2), 'lesson-06-brunel-presentation-1366x768.png'],
];

const server = await serveStatic(resolve(root, 'dist-web'));
const browser = await launch();
try {
  for (const [lesson, step, png] of SHOTS) {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
    await page.addInitScript({ content: `localStorage.setItem('snn-theme', 'light'); localStorage.setItem('snn-workspace', '${JSON.stringify({ presentation: true })}')` });
    await page.goto(server.url);
    await page.getByTestId(`lesson-${lesson}`).click();
    await page.getByTestId('lesson-panel').waitFor();
    for (let i = 0; i < step; i++) await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-show').click();
    await page.waitForSelector('[data-testid="lesson-verdict"]', { timeout: 180_000 });
    await page.waitForSelector('[data-testid="plots"][data-live="no"]');
    await page.mouse.move(2, 300);
    await page.waitForTimeout(800);
    await page.screenshot({ path: resolve(out, png) });
    console.log(`wrote docs/screenshots/${png}`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
