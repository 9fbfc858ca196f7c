/**
 * Serves the built renderer from app://snn/ instead of file://, so the page has a real origin
 * (IPC sender checks compare it), a CSP header we control, and no access to other files.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { APP_SCHEME, contentSecurityPolicy, contentTypeFor, resolveAppRequest } from './windowSecurity';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    // standard + secure: relative URLs, module workers, fetch() of wasm and examples work as on https.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Must run after app 'ready'. */
export function serveRenderer(rendererRoot: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppRequest(request.url, rendererRoot);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeFor(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
