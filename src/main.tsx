import './ui/boot/zodJitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startTheme, startUrlSync, useToyStore } from './state';
import { App } from './ui/App';
import { startServiceWorker } from './ui/offline/registerServiceWorker';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/plots.css';
import './styles/phone.css';

// Before the first render: the theme is applied (no light flash in dark mode)
// and an opened permalink is already in the store (no flash of defaults).
startTheme();
startUrlSync(useToyStore);

// Offline use after one visit (production builds; a no-op in dev).
startServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
