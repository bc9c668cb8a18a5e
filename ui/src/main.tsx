import '@fontsource/vazirmatn/400.css';
import '@fontsource/vazirmatn/500.css';
import '@fontsource/vazirmatn/700.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { applyTheme, loadTheme } from './lib/prefs';

// The stored theme goes on <html> before anything renders (styles.css follows the system until
// then, so only an explicit light/dark choice differing from the system could ever flash).
applyTheme(loadTheme());

async function boot() {
  // Dev-only fake backend for working on the UI in a plain browser: `npm run dev`, open `/?mock`.
  // `import.meta.env.DEV` is false in `vite build`, so this branch and the mock module are
  // dropped from the production bundle.
  if (import.meta.env.DEV && new URLSearchParams(location.search).has('mock')) {
    const { installDevMock } = await import('./dev/mockBackend');
    installDevMock(new URLSearchParams(location.search));
  }
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

void boot();
