import { fileURLToPath } from 'node:url';

export const REPO_DIR = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
/** The production build under test; E2E_DIST points elsewhere (e.g. a private build while others rebuild dist/). */
export const DIST_DIR = process.env.E2E_DIST ?? `${REPO_DIR}/dist`;
/** Screenshots and other outputs (git-ignored). */
export const ARTIFACTS_DIR = `${REPO_DIR}/e2e/artifacts`;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
