import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { tfjsWasmThreads } from './scripts/vite/tfjsWasmThreads';
import { ISOLATION_HEADERS } from './src/workers/isolationHeaders';

// The production build ships a strict Content-Security-Policy as a meta tag so
// that it holds on any static host. Dev mode is left without it because the
// React refresh preamble is an inline script.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function cspMeta(): Plugin {
  return {
    name: 'cdp-lab-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`,
      );
    },
  };
}

// The offline service worker (src/workers/serviceWorker.ts): precaches the
// built app, public/models and the tour's precomputed sweep; dataset shards stay with the data loader's own
// cache (public/data is left out of the precache).
function offline() {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src/workers',
    filename: 'serviceWorker.ts',
    registerType: 'prompt',
    injectRegister: false,
    manifest: {
      name: 'CDP Lab',
      short_name: 'CDP Lab',
      description: 'See and train the classification-distortion-perception tradeoff',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#f6f7f9',
      theme_color: '#2458c6',
      icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
    },
    injectManifest: {
      globPatterns: ['**/*.{html,js,css,wasm,svg,woff2,webmanifest}', 'models/**/*', 'precomputed/**/*.json'],
      globIgnores: ['data/**'],
      // plotly's partial bundles (1.5 and 1.8 MB) and the HiGHS solver (3.5 MB) are single files.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    },
    devOptions: { enabled: false },
  });
}

// Cross-origin isolation (threaded wasm needs SharedArrayBuffer) on both
// servers; static hosts get it from the service worker instead.
export default defineConfig({
  base: './',
  plugins: [react(), cspMeta(), offline(), tfjsWasmThreads()],
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 6000 },
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { host: '127.0.0.1', headers: { ...ISOLATION_HEADERS } },
});
