/** @jsxImportSource preact */
import { render } from 'preact';
import { App, start } from './app.tsx';
import { flushOutbox } from './outbox.ts';
import { refreshConfig } from './session.ts';
import { getState } from './state.ts';
import './styles.css';

render(<App />, document.getElementById('app')!);
void start();

// The service worker precaches the app so it opens with no network after the first visit.
// Registered relative to the page, which the API serves at /merchant/ (vite.config.ts `base`).
if ('serviceWorker' in navigator && location.pathname.startsWith('/merchant/')) {
  void navigator.serviceWorker.register('/merchant/sw.js', { scope: '/merchant/' });
}

// For the end-to-end tests: Playwright's offline switch does not reach every fetch, so the tests
// trigger the flush (and a fresh configuration) themselves and read the state.
(window as unknown as { __merchant: unknown }).__merchant = {
  flush: flushOutbox,
  state: getState,
  refreshConfig,
};
