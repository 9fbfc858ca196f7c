/** Renderer entry: pick the platform and the engine connection, then mount the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import { App } from './App';
import { choosePlatform } from './platform/choosePlatform';
import { startEngine } from './engine/startEngine';
import { editorStore } from './store/useEditor';

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
