/** @jsxImportSource preact */
import { render } from 'preact';
import { App, start } from './app.tsx';
import './styles.css';

render(<App />, document.getElementById('app')!);
void start();

// The service worker precaches the app so it opens with no network after the first visit.
// The API serves the app at /resident/ (vite.config.ts `base`); the dev server elsewhere skips it.
if ('serviceWorker' in navigator && location.pathname.startsWith('/resident/')) {
  void navigator.serviceWorker.register('/resident/sw.js', { scope: '/resident/' });
}
