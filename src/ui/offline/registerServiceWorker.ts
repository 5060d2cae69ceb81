/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import { useOfflineStore } from './offlineStore';

/** How often an open tab asks whether a new deployment exists. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the offline service worker (production builds only; in dev the
 * virtual module does nothing). Refusals (private windows, blocked workers)
 * only cost offline use, so they are not errors.
 */
export function startServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
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
