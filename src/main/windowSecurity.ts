/**
 * Security settings of the main window, kept in one plain module so tests can check them:
 * Electron's secure defaults (context isolation, sandbox, no Node in the page), a content
 * security policy, the app:// origin the renderer is served from, and which URLs count as ours.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { normalize, resolve, sep } from 'node:path';

/** The renderer is served from app://snn/ in production (a standard, secure custom scheme). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'snn';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Content security policy. 'wasm-unsafe-eval' lets the tfjs WASM backend compile; inline styles
 * are needed by React Flow, KaTeX and ECharts. In development Vite's React refresh preamble is
 * an inline script and HMR talks over a WebSocket, so those are allowed only then.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const devScript = dev ? ` ${dev.origin} 'unsafe-inline'` : '';
  const devConnect = dev ? ` ${dev.origin} ws://${dev.host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${devScript}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self'${devConnect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Hosts a link in the app may open in the user's browser (the simulators' documentation the app
 * refers to). Anything else, or anything but https, stays closed: a page that was tricked into
 * opening a link must not hand arbitrary URLs (custom protocol handlers, file shares) to the OS.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'brian2.readthedocs.io',
  'brainpy.readthedocs.io',
  'nest-simulator.readthedocs.io',
  'www.nest-simulator.org',
];

/** Whether `url` may be passed to shell.openExternal: https, default port, no credentials, a listed host. */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_LINK_HOSTS.includes(parsed.hostname);
}

/**
 * Options of the main window; the secure defaults are spelled out so a test can pin them.
 * `devTools` is true only in development (main passes `!app.isPackaged`).
 */
export function mainWindowOptions(preloadPath: string, icon?: string, devTools = false): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'SNN Studio',
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click must not open a new window (they are all denied anyway).
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  };
}

/** Whether a URL is the app's own page (the dev server in development, app://snn otherwise). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin;
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/**
 * Map an app://snn/... request to a file under the renderer's build folder, or null if it
 * escapes that folder (../, encoded slashes) or names another host.
 */
export function resolveAppRequest(url: string, rendererRoot: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = resolve(rendererRoot);
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const target = normalize(resolve(root, relative));
  return target.startsWith(root + sep) ? target : null;
}

/** Content types for what a Vite build emits; anything else is served as bytes. */
export function contentTypeFor(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html; charset=utf-8',
    js: 'text/javascript; charset=utf-8',
    mjs: 'text/javascript; charset=utf-8',
    css: 'text/css; charset=utf-8',
    json: 'application/json',
    svg: 'image/svg+xml',
    png: 'image/png',
    woff2: 'font/woff2',
    woff: 'font/woff',
    ttf: 'font/ttf',
    wasm: 'application/wasm',
    snn: 'application/json',
  };
  return types[ext] ?? 'application/octet-stream';
}
