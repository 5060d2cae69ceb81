import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { startServer, type StaticServer } from '../../e2e/harness';
import { REPO_DIR } from '../../e2e/paths';
import { tfjsWasmThreads } from '../vite/tfjsWasmThreads';

/**
 * scripts/benchPage built with Vite into a temporary folder and served
 * cross-origin isolated (the harness's server), so wasm may run threaded.
 * close() stops the server and removes the build.
 */
export async function serveBenchPage(): Promise<{ server: StaticServer; close(): Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'cdp-bench-page-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(REPO_DIR, 'scripts/benchPage'),
    base: './',
    publicDir: false,
    plugins: [react(), tfjsWasmThreads()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8000, reportCompressedSize: false },
  });
  const server = await startServer({ root: outDir });
  return {
    server,
    async close() {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
