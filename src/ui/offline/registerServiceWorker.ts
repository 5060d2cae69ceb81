/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import { trainWorkersStarted } from '../../workers/trainClient';
import { useOfflineStore } from './offlineStore';

/** How often an open tab asks whether a new deployment exists. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the offline service worker (production builds only; in dev the
 * virtual module does nothing). Refusals (private windows, blocked workers)
 * only cost offline use, so they are not errors.
 */
/** Set once this tab reloaded to become cross-origin isolated, so it never loops. */
const ISOLATION_RELOAD_KEY = 'cdp-lab:isolation-reload';

/**
 * The service worker adds COOP/COEP to what it serves, so a page it controls
 * from the start is cross-origin isolated. A page it began to control later
 * (the first visit, or an older worker without the headers) is not: reload it
 * once, at load or while no training worker has started, never mid-run.
 * The state lives in the URL hash and IndexedDB, so nothing is lost.
 */
function reloadForIsolation(): boolean {
  if (globalThis.crossOriginIsolated || !navigator.serviceWorker.controller) return false;
  try {
    if (sessionStorage.getItem(ISOLATION_RELOAD_KEY)) return false;
    sessionStorage.setItem(ISOLATION_RELOAD_KEY, '1');
  } catch {
    return false; // no sessionStorage: no way to guard against a loop
  }
  window.location.reload();
  return true;
}

export function startServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (reloadForIsolation()) return;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (trainWorkersStarted() === 0) reloadForIsolation();
  });
  const update = registerSW({
    immediate: true,
    onNeedRefresh: () => useOfflineStore.setState({ needRefresh: true }),
    onOfflineReady: () => useOfflineStore.setState({ offlineReady: true }),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update().catch(() => undefined), UPDATE_CHECK_MS);
    },
    onRegisterError: () => undefined,
  });
  useOfflineStore.setState({
    update: () => {
      // workbox-window reloads on its own only when this page was already
      // controlled at load; a page opened on the first visit reloads here.
      let reloading = false;
      navigator.serviceWorker.addEventListener('controllerchange', () => {
        if (reloading) return;
        reloading = true;
        window.location.reload();
      });
      void update(true);
    },
  });
}
