/**
 * The precomputed sweep shipped with the app (public/precomputed/): a real
 * Exp-1 sweep trained once in headless Chromium by `npm run sweep` and
 * exported in the experiment file format (public/precomputed/README.md says
 * how and when). The tour's last step shows it when this browser has
 * trained nothing, so a lecturer's first projection has a sweep to show.
 */
export const PRECOMPUTED_SWEEP = {
  id: 'precomputed-exp1-mnist',
  file: 'precomputed/exp1-mnist-denoise.json',
} as const;

/** The shipped file's text from this app's own origin (or the offline precache). */
export async function fetchPrecomputedSweep(base: string = import.meta.env.BASE_URL): Promise<string> {
  const url = `${base.replace(/\/?$/, '/')}${PRECOMPUTED_SWEEP.file}`;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`the precomputed sweep could not be loaded (${url}: HTTP ${r.status})`);
  return r.text();
}
