import { useEffect, useRef } from 'react';
import { checkConfig, decodeConfigParam, decodeResultsParam, encodeConfigParam, type LinkResults } from '../../experiments';
import { useToyStore } from '../../state';
import { resultsParamFor, XR_WITHOUT_XC, type OpenedLink } from './linkParams';
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

/**
 * Keeps the experiment in the permalink: `xc` carries the config being
 * edited, `xr` the results of the experiment shown when they are small
 * enough (link.ts states the limit). A link opened here restores the config
 * and shows its saved results, or the embedded ones.
 */
export function useExperimentLink(): void {
  const xc = useToyStore((s) => s.xc);
  const xr = useToyStore((s) => s.xr);
  const setKey = useToyStore((s) => s.set);
  const ready = useExperiments((s) => s.ready);
  const draft = useExperiments((s) => s.draft);
  const bundle = useExperiments((s) => s.bundle);
  const applyLink = useExperiments((s) => s.applyLink);
  const say = useExperiments((s) => s.say);
  const skipNextWrite = useRef(false);

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
    opened = { config: c.value, xr };
    skipNextWrite.current = true;
    void applyLink(c.value, results, ignored);
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
}
