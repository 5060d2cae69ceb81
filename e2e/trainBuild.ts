import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build, type Plugin } from 'vite';
import { tfjsWasmThreads } from '../scripts/vite/tfjsWasmThreads';
import { CSP } from '../vite.config';
import { REPO_DIR } from './paths';

function cspMeta(): Plugin {
  return {
    name: 'train-page-csp',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * Builds e2e/trainPage (the Train view alone) with the app's CSP and public/
 * (data shards, pretrained classifiers) into a temporary folder.
 */
export async function buildTrainPage(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'cdp-train-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(REPO_DIR, 'e2e/trainPage'),
    base: './',
    publicDir: join(REPO_DIR, 'public'),
    plugins: [react(), cspMeta(), tfjsWasmThreads()],
    worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000, reportCompressedSize: false, sourcemap: false },
  });
  return outDir;
}
