import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  contentTypeFor,
  isAllowedExternalUrl,
  isAppUrl,
  mainWindowOptions,
  resolveAppRequest,
} from '../../src/main/windowSecurity';

describe('main window options', () => {
  it('keep Electron secure defaults', () => {
    const web = mainWindowOptions('/app/out/preload/index.cjs').webPreferences!;
    expect(web).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    expect(mainWindowOptions('/p', undefined, true).webPreferences!.devTools).toBe(true);
  });
});

describe('external links', () => {
  it('open only https links to the listed documentation hosts', () => {
    expect(isAllowedExternalUrl('https://brian2.readthedocs.io/en/stable/')).toBe(true);
    expect(isAllowedExternalUrl('https://brainpy.readthedocs.io/')).toBe(true);
    expect(isAllowedExternalUrl('https://nest-simulator.readthedocs.io/en/stable/')).toBe(true);
    for (const bad of [
      'https://evil.example/',
      'http://brian2.readthedocs.io/',
      'https://brian2.readthedocs.io.evil.example/',
      'https://user:pw@brian2.readthedocs.io/',
      'https://brian2.readthedocs.io:8443/',
      'file:///etc/passwd',
      'smb://share/x',
      'ms-settings:',
      'not a url',
    ]) expect(isAllowedExternalUrl(bad), bad).toBe(false);
  });
});

describe('content security policy', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('production: only our own scripts, wasm compile allowed, no eval, no plugins, no framing', () => {
    const d = directives(contentSecurityPolicy());
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(contentSecurityPolicy()).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });

  it('development additionally allows the dev server and its HMR socket', () => {
    const d = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(d['script-src']).toContain('http://localhost:5173');
    expect(d['connect-src']).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
  });
});

describe('app origin', () => {
  it('isAppUrl accepts only app://snn (or the dev server in development)', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('app://snn/', 'http://localhost:5173')).toBe(false);
  });

  it('resolveAppRequest serves files under the renderer folder and nothing else', () => {
    const root = resolve('/srv/out/renderer');
    expect(resolveAppRequest('app://snn/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppRequest('app://snn/assets/index-1.js?v=2', root)).toBe(join(root, 'assets', 'index-1.js'));
    expect(resolveAppRequest('app://snn/../../etc/passwd', root)).not.toBe('/etc/passwd');
    expect(resolveAppRequest('app://snn/..%2f..%2fetc%2fpasswd', root)).toBeNull();
    // The URL parser itself folds %2e%2e into .. at the root, so this stays inside.
    expect(resolveAppRequest('app://snn/%2e%2e/secret', root)).toBe(join(root, 'secret'));
    expect(resolveAppRequest('app://snn/a%5c..%5c..%5cx', root)).toBeNull();
    expect(resolveAppRequest('app://snn/%00', root)).toBeNull();
    expect(resolveAppRequest('app://evil/index.html', root)).toBeNull();
    expect(resolveAppRequest('https://snn/index.html', root)).toBeNull();
    const escaped = resolveAppRequest('app://snn/../../etc/passwd', root);
    expect(escaped === null || escaped.startsWith(root)).toBe(true);
  });

  it('content types cover what a Vite build emits', () => {
    expect(contentTypeFor('a/index.html')).toMatch(/text\/html/);
    expect(contentTypeFor('x.JS')).toMatch(/javascript/);
    expect(contentTypeFor('tfjs.wasm')).toBe('application/wasm');
    expect(contentTypeFor('blob.bin')).toBe('application/octet-stream');
  });
});
