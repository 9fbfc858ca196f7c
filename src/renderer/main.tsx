/** Renderer entry: pick the platform and the engine connection, then mount the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { App } from './App';
import { choosePlatform } from './platform/choosePlatform';
import { startEngine } from './engine/startEngine';
import { editorStore } from './store/useEditor';
import { runStore } from './run/useRun';
import { warmPlots } from './run/warmPlots';

const prefersLight = window.matchMedia?.('(prefers-color-scheme: light)').matches;
editorStore.getState().setTheme(localStorage.getItem('snn-theme') === 'light' || (!localStorage.getItem('snn-theme') && prefersLight) ? 'light' : 'dark');
editorStore.subscribe((s, prev) => {
  if (s.theme !== prev.theme) localStorage.setItem('snn-theme', s.theme);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App platform={choosePlatform()} engine={startEngine()} />
  </StrictMode>,
);

// Start the run engine once the page is idle: the first Run then finds its code loaded and its
// WebAssembly compiled instead of paying for both (seconds on a busy laptop) after the click;
// then warm up the plots' drawing code.
const whenIdle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 500));
whenIdle(() => {
  runStore.getState().prepare();
  // A second idle slot: ECharts compiles its drawing code on a throwaway chart (plots' first draw).
  whenIdle(() => {
    try {
      warmPlots();
    } catch {
      // Only a head start; the real plots report their own failures.
    }
  }, { timeout: 5000 });
}, { timeout: 3000 });
