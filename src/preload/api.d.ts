/** The desktop API the preload puts on `window.snn` (absent in the browser build). */
import type { SnnDesktopApi } from '../shared/ipc';

declare global {
  interface Window {
    snn?: SnnDesktopApi;
  }
}

export {};
