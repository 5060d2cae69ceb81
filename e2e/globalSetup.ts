import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, DIST_DIR } from './paths';

/** Fails the run early, with the fix, when the build or the browser is missing. */
export default function setup(): void {
  if (!existsSync(`${DIST_DIR}/index.html`)) {
    throw new Error(`e2e: ${DIST_DIR}/index.html is missing; run \`npm run build\` first (npm test does).`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e: no browser at ${CHROMIUM_PATH}; install Debian's Chromium: apt-get install chromium`);
  }
}
