import { canonicalJson, encodeResultsParam, pointCount, type ExperimentBundle, type ExperimentConfig } from '../../experiments';
import { linkNameParam, selectedParam } from '../../experiments/linkView';
import type { Message } from './store';

/**
 * What the permalink's `xr` holds, decided from what is shown. A link's
 * results stay in the address while its config is the one being edited, so a
 * reload (the service worker's isolation reload included) restores them;
 * they give way when the experiment is saved (its saved results are written
 * instead) or left (another config, another experiment).
 */

/** The link this page opened: its config and its `xr` text, as it came. */
export interface OpenedLink {
  readonly config: ExperimentConfig;
  readonly xr: string;
  /** The experiment's name as the link gave it (`xn`); links written before names have none. */
  readonly name?: string;
}

export interface ShownExperiment {
  readonly draft: ExperimentConfig;
  readonly bundle: ExperimentBundle | null;
  readonly opened: OpenedLink | null;
}

/** A saved experiment's results as link text ('' when they do not fit). */
export function bundleResultsParam(bundle: ExperimentBundle): string {
  const done = bundle.points.filter((p) => p.status === 'done' && p.metrics);
  const b = bundle.experiment.baselines;
  const t = (m: typeof b.identity) => (m ? ([m.D, m.P, m.C] as const) : null);
  return (
    encodeResultsParam({
      points: done.map((p) => ({ index: p.index, D: p.metrics!.D, P: p.metrics!.P, C: p.metrics!.C })),
      identity: t(b.identity),
      clean: t(b.clean),
    }) ?? ''
  );
}

/** The `xr` to write, and the opened link still in force (null once it is saved or left). */
export function resultsParamFor(s: ShownExperiment): { xr: string; opened: OpenedLink | null } {
  const draft = canonicalJson(s.draft);
  if (s.bundle && canonicalJson(s.bundle.experiment.config) === draft) return { xr: bundleResultsParam(s.bundle), opened: null };
  // While the link applies (its saved match is looked up) nothing else is shown yet: its own results stay.
  if (s.opened && canonicalJson(s.opened.config) === draft) return { xr: s.opened.xr, opened: s.opened };
  return { xr: '', opened: null };
}

/** The view choices the link writes (`xn`, `xa`, `xs`): what is shown of the experiment in it. */
export interface ViewParams {
  readonly xn: string;
  readonly xa: boolean;
  readonly xs: string;
}

export const NO_VIEW_PARAMS: ViewParams = { xn: '', xa: false, xs: '' };

/**
 * The view keys follow the same rule as `xr`: they describe the experiment
 * whose config is in the link (a saved one, or the opened link still in
 * force), so a receiver never applies one experiment's name or point to
 * another's config. With no such experiment shown they are left out.
 */
export function viewParamsFor(s: ShownExperiment & { readonly onlyAdmissible: boolean; readonly selected: number | null }): ViewParams {
  const draft = canonicalJson(s.draft);
  let name: string;
  if (s.bundle && canonicalJson(s.bundle.experiment.config) === draft) name = s.bundle.experiment.name;
  else if (s.opened && canonicalJson(s.opened.config) === draft) name = s.opened.name ?? '';
  else return NO_VIEW_PARAMS;
  return { xn: linkNameParam(name), xa: s.onlyAdmissible, xs: selectedParam(s.selected, pointCount(s.draft.weights)) };
}

export const XR_WITHOUT_XC = 'The link’s embedded results (xr) were ignored: the link has no experiment config (xc) for them to belong to.';

export function ignoredResults(reason: string): string {
  return `The link’s embedded results were ignored: ${reason}.`;
}

/**
 * The notice for a link whose config has no saved experiment here. Why its
 * results were ignored stays in it, ahead of what the user can do.
 */
export function linkOpenedMessage(hasResults: boolean, ignoredReason: string | null): Message {
  if (hasResults) {
    return {
      kind: 'info',
      text: 'This link carries its results (rounded to 4 digits); they are not saved in this browser. Save them, run the sweep, or import its file.',
    };
  }
  const next = 'This link carries an experiment config whose results are not in this browser: run the sweep, or import its exported file.';
  return ignoredReason === null ? { kind: 'info', text: next } : { kind: 'error', text: `${ignoredResults(ignoredReason)} ${next}` };
}
