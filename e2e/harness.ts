import { ISOLATION_HEADERS } from '../src/workers/isolationHeaders';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS_DIR, CHROMIUM_PATH, DIST_DIR } from './paths';

// Shared e2e harness: a static server for dist/ and a Chromium that refuses
// and records every request leaving that server. Other helpers' e2e tests
// import these; keep the exported API stable.

export { ARTIFACTS_DIR, DIST_DIR } from './paths';

export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
};

export function mimeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export interface LoggedRequest {
  method: string;
  /** Path and query as requested. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
}

export interface OverrideResponse {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
}

/**
 * Replaces what the server answers for one path. A function receives the
 * real file (null when absent) so a test can corrupt it, e.g. flip a byte or
 * truncate a shard.
 */
export type Override = OverrideResponse | ((original: Buffer | null) => OverrideResponse | Promise<OverrideResponse>);

export interface ServerOptions {
  /** Directory served at '/'; default dist/. */
  root?: string;
  overrides?: Record<string, Override>;
  /**
   * Send COOP same-origin + COEP require-corp on every response, as npm start
   * and npm run dev do (default true). false serves like a plain static host;
   * the service worker then adds them itself once it controls the page.
   */
  isolation?: boolean;
}


export interface StaticServer {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  /** origin + '/', the app's index. */
  url: string;
  port: number;
  /** Every request the server saw, in order. */
  requests: LoggedRequest[];
  /** Sets (or, with undefined, removes) an override for an exact pathname like '/data/mnist/shard-0.bin'. */
  override(pathname: string, override: Override | undefined): void;
  clearOverrides(): void;
  close(): Promise<void>;
}

/** Bytes flipped at a few positions: a copy, for "corrupted shard" tests. */
export function corruptBytes(data: Uint8Array, positions: number[] = [0]): Uint8Array {
  const out = new Uint8Array(data);
  for (const p of positions) if (out.length > 0) out[((p % out.length) + out.length) % out.length] ^= 0xff;
  return out;
}

/** A static file server on 127.0.0.1 with a random port. */
export async function startServer(options: ServerOptions = {}): Promise<StaticServer> {
  const root = normalize(options.root ?? DIST_DIR);
  const overrides = new Map<string, Override>(Object.entries(options.overrides ?? {}));
  const requests: LoggedRequest[] = [];

  const resolvePath = (pathname: string): string | null => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return null;
    }
    if (decoded.includes('\0')) return null;
    const rel = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
    const full = normalize(join(root, rel));
    return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
  };

  const readReal = async (file: string | null): Promise<Buffer | null> => {
    if (!file) return null;
    try {
      if (!(await stat(file)).isFile()) return null;
      return await readFile(file);
    } catch {
      return null;
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const file = resolvePath(url.pathname);
      let status = 200;
      let body: string | Uint8Array = '';
      const headers: Record<string, string> = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...(options.isolation === false ? {} : ISOLATION_HEADERS) };
      try {
        const ov = overrides.get(url.pathname);
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          status = 405;
          body = 'method not allowed';
        } else if (ov) {
          const real = await readReal(file);
          const r = typeof ov === 'function' ? await ov(real) : ov;
          status = r.status ?? 200;
          body = r.body ?? real ?? '';
          headers['content-type'] = file ? mimeFor(file) : 'application/octet-stream';
          Object.assign(headers, r.headers ?? {});
        } else {
          const real = await readReal(file);
          if (real === null) {
            status = 404;
            body = 'not found';
            headers['content-type'] = 'text/plain; charset=utf-8';
          } else {
            body = real;
            headers['content-type'] = mimeFor(file!);
          }
        }
      } catch (e) {
        status = 500;
        body = String(e);
      }
      requests.push({ method: req.method ?? '', url: req.url ?? '', status, headers: req.headers });
      const bytes = typeof body === 'string' ? Buffer.from(body) : body;
      headers['content-length'] = String(bytes.byteLength);
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : bytes);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    port,
    requests,
    override(pathname, ov) {
      if (ov === undefined) overrides.delete(pathname);
      else overrides.set(pathname, ov);
    },
    clearOverrides: () => overrides.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Flags from shared/TESTING.md. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-webgpu',
];

export interface LaunchOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark' | 'no-preference';
  /** e.g. ['clipboard-read', 'clipboard-write'] for the server's origin. */
  permissions?: string[];
  /** Service workers are blocked by default so every request is seen by the router. */
  serviceWorkers?: 'allow' | 'block';
  /** A phone: touch events and a coarse pointer (hasTouch), the mobile viewport meta honoured (isMobile). */
  hasTouch?: boolean;
  isMobile?: boolean;
}

export interface BrowserSession {
  context: BrowserContext;
  /** The context's first page. */
  page: Page;
  /** console.error messages, as "text (url:line)". */
  consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections in pages. */
  pageErrors: string[];
  /** Every request to another origin: aborted, never sent. */
  foreignRequests: string[];
  /** Same-origin requests that failed (network error other than a navigation abort, or HTTP >= 400). */
  failedRequests: string[];
  /** Clears the four lists (e.g. between steps that expect errors). */
  resetLogs(): void;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile. Requests that leave `server` (other origins,
 * including other ports of 127.0.0.1) are aborted and recorded; data:, blob:
 * and about: URLs stay in the page and are not requests.
 */
export async function launchBrowser(server: StaticServer, options: LaunchOptions = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'cdp-lab-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 720 },
    deviceScaleFactor: 1,
    colorScheme: options.colorScheme ?? 'light',
    serviceWorkers: options.serviceWorkers ?? 'block',
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
  });
  if (options.permissions) await context.grantPermissions(options.permissions, { origin: server.origin });

  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const foreignRequests: string[] = [];
  const failedRequests: string[] = [];

  await context.route('**/*', (route) => {
    const url = route.request().url();
    let origin = '';
    try {
      origin = new URL(url).origin;
    } catch {
      // unparsable: treat as foreign
    }
    if (origin === server.origin) return route.continue();
    foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });

  const attach = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        consoleErrors.push(`${msg.text()} (${loc.url}:${loc.lineNumber})`);
      }
    });
    page.on('pageerror', (err) => pageErrors.push(`${err.name}: ${err.message}`));
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText ?? 'failed';
      // ERR_ABORTED is the page navigating away mid-load (a test's goto), not a broken request.
      if (req.url().startsWith(server.origin) && why !== 'net::ERR_ABORTED') failedRequests.push(`${req.url()}: ${why}`);
    });
    page.on('response', (res) => {
      if (res.url().startsWith(server.origin) && res.status() >= 400) failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
    });
  };
  // An unhandled rejection counts as a page error whether or not the
  // browser also reports it as an uncaught exception: the page's own event
  // is the one the app could have handled.
  await context.exposeBinding('__e2eUnhandledRejection', (_source, text: string) => {
    pageErrors.push(`unhandledrejection: ${text}`);
  });
  await context.addInitScript(() => {
    addEventListener('unhandledrejection', (ev) => {
      const r: unknown = ev.reason;
      const report = (window as unknown as { __e2eUnhandledRejection?: (t: string) => void }).__e2eUnhandledRejection;
      report?.(r instanceof Error ? `${r.name}: ${r.message}` : String(r));
    });
  });
  context.pages().forEach(attach);
  context.on('page', attach);
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    foreignRequests,
    failedRequests,
    resetLogs() {
      consoleErrors.length = 0;
      pageErrors.length = 0;
      foreignRequests.length = 0;
      failedRequests.length = 0;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a PNG screenshot to e2e/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' });
  return path;
}

/** The page's hash without '#'. */
export async function currentHash(page: Page): Promise<string> {
  return (await page.evaluate(() => window.location.hash)).replace(/^#/, '');
}

/** Polls `fn` until it returns a truthy value, or throws with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  fn: () => Promise<T> | T,
  what: string,
  timeoutMs = 15_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
