import { useEffect, useRef, useState } from 'react';
import { checkConfig, decodeConfigParam, decodeResultsParam, encodeConfigParam, pointCount, type LinkResults } from '../../experiments';
import { selectedFromParam } from '../../experiments/linkView';
import { describeIgnored, useToyStore } from '../../state';
import { resultsParamFor, viewParamsFor, XR_WITHOUT_XC, type OpenedLink } from './linkParams';
import { useExperiments } from './store';

// The config text this page last wrote into the link. Module state, not a
// ref: switching tabs remounts the view, and its own link must not then be
// taken for a newly opened one.
let lastWritten: string | null = null;
// The link opened on this page, whose `xr` stays in the address until its
// experiment is saved or left (linkParams.ts); module state for the same reason.
let opened: OpenedLink | null = null;
// The `xr` without `xc` already named, so the notice is given once.
let orphanNamed: string | null = null;
// A link is being applied: until it is, the store still holds the view from
// before it, which must not overwrite the link's `xn`/`xa`/`xs`.
let applying = false;

/**
 * Keeps the experiment in the permalink: `xc` carries the config being
 * edited, `xr` the results of the experiment shown when they are small
 * enough (link.ts states the limit), `xn`/`xa`/`xs` its name and the view
 * choices. A link opened here restores the config and shows its saved
 * results, or the embedded ones, with its name and view choices.
 */
export function useExperimentLink(): void {
  const xc = useToyStore((s) => s.xc);
  const xr = useToyStore((s) => s.xr);
  const setKey = useToyStore((s) => s.set);
  const ready = useExperiments((s) => s.ready);
  const draft = useExperiments((s) => s.draft);
  const bundle = useExperiments((s) => s.bundle);
  const onlyAdmissible = useExperiments((s) => s.onlyAdmissible);
  const selected = useExperiments((s) => s.selected);
  const applyLink = useExperiments((s) => s.applyLink);
  const say = useExperiments((s) => s.say);
  const skipNextWrite = useRef(false);
  // Bumped when a link has been applied, so the view keys are rewritten from
  // what it produced even when no other input of theirs changed.
  const [applied, setApplied] = useState(0);

  // A link (or a hash change) carrying a config we did not write ourselves.
  useEffect(() => {
    if (!ready) return;
    if (xc === '') {
      if (xr !== '' && xr !== orphanNamed) {
        orphanNamed = xr;
        say({ kind: 'error', text: XR_WITHOUT_XC });
      }
      return;
    }
    if (xc === lastWritten) return;
    lastWritten = xc;
    const c = decodeConfigParam(xc);
    if (!c.ok) {
      say({ kind: 'error', text: `The link’s experiment config was ignored: ${c.reason}.` });
      return;
    }
    let results: LinkResults | null = null;
    let ignored: string | null = null;
    if (xr) {
      const r = decodeResultsParam(xr, c.value);
      if (r.ok) results = r.value;
      else ignored = r.reason;
    }
    // Read from the store, not subscribed: only a newly opened config applies them.
    const t = useToyStore.getState();
    const sel = selectedFromParam(t.xs, pointCount(c.value.weights));
    if (!sel.ok) t.pushNotice(describeIgnored([{ key: 'xs', reason: sel.reason }]));
    const view = { name: t.xn, onlyAdmissible: t.xa, selected: sel.ok ? sel.value : null };
    opened = { config: c.value, xr, name: t.xn };
    skipNextWrite.current = true;
    applying = true;
    void applyLink(c.value, results, ignored, view).finally(() => {
      applying = false;
      setApplied((n) => n + 1);
    });
  }, [ready, xc, xr, applyLink, say]);

  // The config being edited, and the shown results when they fit, back into the link.
  useEffect(() => {
    if (!ready) return;
    if (skipNextWrite.current) {
      // This render still holds the draft from before the link was applied.
      skipNextWrite.current = false;
      return;
    }
    const next = checkConfig(draft).ok ? (encodeConfigParam(draft) ?? '') : '';
    lastWritten = next;
    if (next !== useToyStore.getState().xc) setKey('xc', next);
    const r = resultsParamFor({ draft, bundle, opened });
    opened = r.opened;
    if (r.xr !== useToyStore.getState().xr) setKey('xr', r.xr);
  }, [ready, draft, bundle, setKey]);

  // The name and view choices of the experiment in the link, after the effect above has settled `opened`.
  useEffect(() => {
    if (!ready || applying) return;
    const v = viewParamsFor({ draft, bundle, opened, onlyAdmissible, selected });
    const t = useToyStore.getState();
    if (v.xn !== t.xn) setKey('xn', v.xn);
    if (v.xa !== t.xa) setKey('xa', v.xa);
    if (v.xs !== t.xs) setKey('xs', v.xs);
  }, [ready, draft, bundle, onlyAdmissible, selected, applied, setKey]);
}
