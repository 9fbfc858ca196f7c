/**
 * Pick the Platform for where the renderer runs: Electron when the preload API is on window
 * and its implementation is bundled, else the browser. The Electron module is looked up with
 * import.meta.glob so the browser build works whether or not it exists.
 */
import type { Platform } from './Platform';
import { createBrowserPlatform } from './browserPlatform';

type PlatformModule = { createElectronPlatform?: () => Platform; default?: () => Platform };
const electronModules = import.meta.glob('./electronPlatform.ts', { eager: true }) as Record<string, PlatformModule>;

export function choosePlatform(): Platform {
  const hasDesktopApi = typeof (window as unknown as { snn?: unknown }).snn === 'object';
  const mod = Object.values(electronModules)[0];
  const make = mod?.createElectronPlatform ?? mod?.default;
  if (hasDesktopApi && make) return make();
  return createBrowserPlatform();
}
