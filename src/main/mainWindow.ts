/**
 * Creates the main window and locks it down: secure webPreferences, CSP on every response,
 * no navigation away from the app, no new windows (https links open in the browser), no
 * permissions, no <webview>.
 */
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { APP_ENTRY_URL, contentSecurityPolicy, isAllowedExternalUrl, isAppUrl, mainWindowOptions } from './windowSecurity';

export interface MainWindowConfig {
  readonly preloadPath: string;
  readonly iconPath?: string;
  /** Vite dev server URL in development (electron-vite sets ELECTRON_RENDERER_URL), else undefined. */
  readonly devServerUrl?: string;
  /** DevTools may open (development builds only). */
  readonly devTools: boolean;
}

/** Rules for every WebContents the app ever creates. */
export function hardenWebContents(contents: WebContents, devServerUrl?: string): void {
  // The app is a single page: any navigation (a dropped file, a stray link) would replace it.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function installSessionPolicy(devServerUrl?: string): void {
  const csp = contentSecurityPolicy(devServerUrl);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createMainWindow(config: MainWindowConfig): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(config.preloadPath, config.iconPath, config.devTools));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(config.devServerUrl ?? APP_ENTRY_URL);
  return win;
}
