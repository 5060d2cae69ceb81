/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import { trainWorkersStarted } from '../../workers/trainClient';
import { useOfflineStore } from './offlineStore';

/** How often an open tab asks whether a new deployment exists. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/** Set once this tab reloaded to become cross-origin isolated, so it never loops. */
const ISOLATION_RELOAD_KEY = 'cdp-lab:isolation-reload';

/**
 * The service worker adds COOP/COEP to what it serves, so a page it controls
 * from the start is cross-origin isolated. A page it began to control later
 * (the first visit on a host that sends no such headers, or an older worker
 * without them) is not: reload it once, right at load or when the worker
 * takes over, and then only if nobody has touched the page yet and no
 * training worker has started, so nothing in progress is cut off. Otherwise
 * the next visit is isolated. The state lives in the URL hash and IndexedDB.
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

/**
 * Registers the offline service worker (production builds only; in dev the
 * virtual module does nothing). Refusals (private windows, blocked workers)
 * only cost offline use, so they are not errors.
 */
export function startServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (reloadForIsolation()) return;
  let touched = false;
  const touch = () => {
    touched = true;
  };
  for (const type of ['pointerdown', 'keydown']) window.addEventListener(type, touch, { capture: true, passive: true, once: true });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!touched && trainWorkersStarted() === 0) reloadForIsolation();
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
