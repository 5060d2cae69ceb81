import { useEffect, useRef } from 'react';
import {
  canonicalJson,
  checkConfig,
  decodeConfigParam,
  decodeResultsParam,
  encodeConfigParam,
  encodeResultsParam,
  type LinkResults,
} from '../../experiments';
import { useToyStore } from '../../state';
import { useExperiments } from './store';

// The config text this page last wrote into the link. Module state, not a
// ref: switching tabs remounts the view, and its own link must not then be
// taken for a newly opened one.
let lastWritten: string | null = null;

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
  const linked = useExperiments((s) => s.linked);
  const applyLink = useExperiments((s) => s.applyLink);
  const say = useExperiments((s) => s.say);
  const skipNextWrite = useRef(false);

  // A link (or a hash change) carrying a config we did not write ourselves.
  useEffect(() => {
    if (!ready || xc === '' || xc === lastWritten) return;
    lastWritten = xc;
    const c = decodeConfigParam(xc);
    if (!c.ok) {
      say({ kind: 'error', text: `The link’s experiment config was ignored: ${c.reason}.` });
      return;
    }
    let results: LinkResults | null = null;
    if (xr) {
      const r = decodeResultsParam(xr, c.value);
      if (r.ok) results = r.value;
      else say({ kind: 'error', text: `The link’s embedded results were ignored: ${r.reason}.` });
    }
    skipNextWrite.current = true;
    void applyLink(c.value, results);
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
    let results = '';
    const same = (c: unknown) => canonicalJson(c) === canonicalJson(draft);
    if (bundle && same(bundle.experiment.config)) {
      const done = bundle.points.filter((p) => p.status === 'done' && p.metrics);
      const b = bundle.experiment.baselines;
      const t = (m: typeof b.identity) => (m ? ([m.D, m.P, m.C] as const) : null);
      results =
        encodeResultsParam({
          points: done.map((p) => ({ index: p.index, D: p.metrics!.D, P: p.metrics!.P, C: p.metrics!.C })),
          identity: t(b.identity),
          clean: t(b.clean),
        }) ?? '';
    } else if (linked && same(linked.config)) {
      results = useToyStore.getState().xr;
    }
    if (results !== useToyStore.getState().xr) setKey('xr', results);
  }, [ready, draft, bundle, linked, setKey]);
}
