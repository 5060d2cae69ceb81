/// <reference lib="webworker" />
// The offline service worker (built by vite-plugin-pwa, injectManifest). It
// precaches the app shell, every script, stylesheet, font, WebAssembly file
// and the pretrained models in public/models, so after one visit the app
// starts with the network off. Data shards are not precached (megabytes per
// dataset): the data loader keeps the shards a user installed in its own
// Cache Storage after checking their SHA-256, and this worker answers shard
// requests from there. Dataset indexes and manifests are network-first with
// a cached fallback. A new deployment installs beside the running one and
// waits; the page asks the user before it takes over (SKIP_WAITING).
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkFirst } from 'workbox-strategies';
import { withIsolationHeaders } from './isolationHeaders';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

/** Runtime cache of data/index.json and each dataset's manifest.json. */
export const DATA_INDEX_CACHE = 'cdp-data-index';

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Cross-origin isolation on a host that cannot send headers: every response
// this worker serves carries COOP/COEP, the app shell's navigation included,
// so a controlled page gets SharedArrayBuffer and threaded wasm.
const isolate = { handlerWillRespond: async ({ response }: { response: Response }) => withIsolationHeaders(response) };
addPlugins([isolate]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install controls the page at once (nothing older to wait for).
clientsClaim();

// Every navigation is the single-page app; state lives in the hash.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

const sameOrigin = (url: URL) => url.origin === self.location.origin;

registerRoute(
  ({ url }) => sameOrigin(url) && /\/data\/(?:.+\/)?[^/]+\.json$/.test(url.pathname),
  new NetworkFirst({ cacheName: DATA_INDEX_CACHE, networkTimeoutSeconds: 4, plugins: [isolate] }),
);

// Shards: whatever cache already holds them (the loader's verified copies),
// else the network. Nothing is stored here, so no unverified second copy.
registerRoute(
  ({ url }) => sameOrigin(url) && /\/data\/.+\.bin$/.test(url.pathname),
  async ({ request }) => withIsolationHeaders((await caches.match(request.url, { ignoreSearch: true })) ?? (await fetch(request))),
);
