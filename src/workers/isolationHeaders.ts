/**
 * Cross-origin isolation: COOP same-origin keeps other origins' windows out
 * of the page's browsing context group, COEP require-corp lets it load only
 * resources that agree to it (here: only its own origin). Together they give
 * SharedArrayBuffer, which threaded WebAssembly needs. npm start and npm run
 * dev send them; on a static host that cannot, the service worker adds them
 * to what it serves (the navigation included), the approach of
 * coi-serviceworker.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/** A copy of the response with the isolation headers (and CORP same-origin) set; opaque responses pass unchanged. */
export function withIsolationHeaders(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.status === 0) return response;
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries(ISOLATION_HEADERS)) headers.set(k, v);
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
