import { liveQuery } from 'dexie';
import { create } from 'zustand';
import {
  DEFAULT_PRESET,
  expandWeights,
  exportFileName,
  exportText,
  matchPreset,
  parseExportText,
  presetById,
  withBudget,
  type Budget,
  type ExperimentBundle,
  type ExperimentConfig,
  type LinkResults,
  type PresetId,
} from '../../experiments';
import {
  createExperiment,
  deleteExperiment,
  findByConfig,
  importBundle,
  listExperiments,
  loadBundle,
  recoverInterrupted,
  saveBaselines,
  savePoint,
  setSweepState,
  type ExperimentSummary,
} from '../../experiments/db/repo';
import { fetchShippedSweep, isShippedSweepId, SHIPPED_SWEEPS, shippedSweepFor, type ShippedSweepId } from '../../experiments/shipped';
import type { SweepEngine } from '../../experiments/sweep/engine';
import { HIDDEN_SWEEPS_KEY, loadHiddenSweeps, updateHiddenSweeps } from '../../state/hiddenSweeps';
import { heldSweepIds, withSweepLock } from '../../experiments/sweep/locks';
import { IDLE_SNAPSHOT, SweepRunner, type SweepSnapshot } from '../../experiments/sweep/runner';
import { onStopRequest, requestStop, stoppedHere } from '../../experiments/sweep/tabChannel';
import { writeCause, writeFailure } from '../../experiments/db/writeErrors';
import { downloadText } from '../../plots/download';
import { ignoredResults, linkOpenedMessage } from './linkParams';
import { experimentsDb, sweepEngine } from './services';
import { askPersistence, followOtherTabs, noteLocalDelete, tabState } from './crossTab';

/**
 * The experiments view's state: the config being edited, the saved
 * experiments, the one shown in the plots, results that came in a link,
 * the sweep in progress, and what the plots highlight.
 */

export type Message = { kind: 'info' | 'error'; text: string } | null;

export interface LinkedResults {
  readonly config: ExperimentConfig;
  readonly results: LinkResults;
  /** The name the link gave the experiment ('' for links without one). */
  readonly name: string;
}

/** What an opened link says about the view: the experiment's name and the view choices (already checked). */
export interface LinkView {
  readonly name: string;
  readonly onlyAdmissible: boolean;
  readonly selected: number | null;
}

// Links written before the view keys: nothing named, nothing selected.
const NO_LINK_VIEW: LinkView = { name: '', onlyAdmissible: false, selected: null };

export interface ExperimentsState {
  ready: boolean;
  draft: ExperimentConfig;
  name: string;
  saved: ExperimentSummary[];
  /** Interrupted or paused sweeps offered for resume. */
  offered: ExperimentSummary[];
  openId: string | null;
  bundle: ExperimentBundle | null;
  /** Results embedded in a link whose config has no saved experiment here. */
  linked: LinkedResults | null;
  sweep: SweepSnapshot;
  onlyAdmissible: boolean;
  selected: number | null;
  pinned: number[];
  message: Message;
  /** Shipped sweeps this visitor hid: never opened or re-imported until restored. */
  hiddenShipped: ShippedSweepId[];
  /** Saved sweeps another tab is running right now (it holds their lock). */
  elsewhere: string[];
  /** Continue was asked for a sweep another tab is running: the view offers to wait or take over. */
  lockedElsewhere: string | null;
  /** What this site stores and may store in this browser (navigator.storage.estimate), when known. */
  storage: { usage: number; quota: number } | null;
}

/** What opening a preset's shipped sweep found. */
export type ShippedOutcome = { kind: 'opened'; id: string } | { kind: 'hidden' } | { kind: 'none' } | { kind: 'superseded' } | { kind: 'failed'; reason: string };

// Every call goes to the engine registered at the time of the call.
const lazyEngine: SweepEngine = {
  baselines: async (c, s) => (await sweepEngine()).baselines(c, s),
  runPoint: async (j, e, s) => (await sweepEngine()).runPoint(j, e, s),
  pause: async () => (await sweepEngine()).pause(),
  resume: async () => (await sweepEngine()).resume(),
};

let runner: SweepRunner | null = null;
/**
 * Refreshes can overlap (an import and a restore each end in one); a list read
 * later sees a later database, so only the newest-started one is applied, and
 * every caller waits for that one: after `await refresh()`, `saved` is at
 * least as new as the database was when the call began.
 */
let latestRefresh: Promise<void> | null = null;
/**
 * The newest open() wins by when it was asked, not by when its bundle
 * finished loading: the tour's "your newest sweep" and the view's shipped
 * sweep may be asked for together, and the later request is the one meant.
 */
let openSeq = 0;
let requestedOpen: string | null = null;
/** One openShipped per preset at a time: the view's effect and a restore button may both ask. */
const shippedInFlight = new Map<string, Promise<ShippedOutcome>>();

function sweepRunner(): SweepRunner {
  runner ??= new SweepRunner(
    {
      db: experimentsDb(),
      engine: lazyEngine,
      onSaved: (id) => void useExperiments.getState().reloadIf(id),
      onBaselines: (e) => void useExperiments.getState().reloadIf(e.id),
    },
    (s) => useExperiments.setState({ sweep: s }),
  );
  return runner;
}

export interface ExperimentsActions {
  init(): Promise<void>;
  setDraft(c: ExperimentConfig): void;
  setName(n: string): void;
  applyPreset(id: PresetId): void;
  setBudget(b: Budget): void;
  refresh(): Promise<void>;
  open(id: string | null): Promise<void>;
  reloadIf(id: string): Promise<void>;
  startSweep(): Promise<void>;
  resumeSweep(id: string): Promise<void>;
  /** After resumeSweep found another tab running it: wait for that tab, or ask it to stop and go on here. */
  continueLocked(mode: 'wait' | 'take' | 'drop'): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  dismissOffer(id: string): void;
  exportExperiment(id: string, withWeights: boolean): Promise<void>;
  importText(text: string, fileName?: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /**
   * Link opened: show the saved experiment with this config, else the
   * embedded results. `ignored`: why the link's results were refused, kept
   * in the notice. `view`: the name and view choices it carries, applied to
   * whichever of the two is shown.
   */
  applyLink(config: ExperimentConfig, results: LinkResults | null, ignored?: string | null, view?: LinkView): Promise<void>;
  saveLinked(): Promise<void>;
  select(index: number | null): void;
  togglePin(index: number): void;
  setOnlyAdmissible(v: boolean): void;
  say(m: Message): void;
  /** Imports (once) and opens the preset's shipped sweep, unless hidden or there is none. */
  openShipped(preset: PresetId): Promise<ShippedOutcome>;
  /** Removes a shipped sweep from the saved list and remembers that, across reloads. */
  hideShipped(id: ShippedSweepId): Promise<void>;
  /** Undoes hideShipped and opens the sweep again. */
  restoreShipped(id: ShippedSweepId): Promise<ShippedOutcome>;
}

export type ExperimentsStore = ExperimentsState & ExperimentsActions;

function defaultName(c: ExperimentConfig): string {
  const p = presetById(c.preset);
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `${p ? p.label.split(':')[0] : 'Custom'} ${stamp}`;
}

export const useExperiments = create<ExperimentsStore>()((set, get) => ({
  ready: false,
  draft: DEFAULT_PRESET.config,
  name: '',
  saved: [],
  offered: [],
  openId: null,
  bundle: null,
  linked: null,
  sweep: IDLE_SNAPSHOT,
  onlyAdmissible: false,
  selected: null,
  pinned: [],
  message: null,
  hiddenShipped: loadHiddenSweeps(),
  elsewhere: [],
  lockedElsewhere: null,
  storage: null,

  async init() {
    if (get().ready) return;
    try {
      const db = experimentsDb();
      const offered = await recoverInterrupted(db, { heldIds: await heldSweepIds() });
      set({ offered, ready: true });
      await get().refresh();
      followOtherTabs(useExperiments, sweepRunner);
    } catch (e) {
      set({ ready: true, message: { kind: 'error', text: `Saved experiments are unavailable: ${(e as Error).message}` } });
    }
  },

  setDraft(c) {
    set({ draft: { ...c, preset: matchPreset(c) } });
  },
  setName(n) {
    set({ name: n });
  },
  applyPreset(id) {
    const p = presetById(id);
    if (p) set({ draft: withBudget(p.config, get().draft.budget) });
  },
  setBudget(b) {
    get().setDraft(withBudget(get().draft, b));
  },

  async refresh() {
    const mine: Promise<void> = listExperiments(experimentsDb()).then(
      (saved) => {
        if (latestRefresh === mine) set({ saved });
      },
      (e: unknown) => {
        if (latestRefresh === mine) set({ message: { kind: 'error', text: `The saved list could not be read: ${writeCause(e)}` } });
      },
    );
    void tabState(runner).then((t) => set(t));
    latestRefresh = mine;
    let waited: Promise<void> | null = null;
    while (waited !== latestRefresh) {
      waited = latestRefresh;
      await waited;
    }
  },

  async open(id) {
    const seq = ++openSeq;
    requestedOpen = id;
    if (id === null) {
      set({ openId: null, bundle: null, selected: null, pinned: [] });
      return;
    }
    const bundle = await loadBundle(experimentsDb(), id).catch(() => null);
    if (seq !== openSeq) return;
    if (!bundle) {
      // Nothing new is open: what is shown stays the request that counts.
      requestedOpen = get().openId;
      set({ message: { kind: 'error', text: 'That experiment is no longer saved here.' } });
      return;
    }
    set({ openId: id, bundle, linked: null, selected: null, pinned: [], draft: bundle.experiment.config, name: bundle.experiment.name });
  },

  async reloadIf(id) {
    if (get().openId === id) {
      const bundle = await loadBundle(experimentsDb(), id).catch(() => null);
      if (bundle && get().openId === id) set({ bundle });
    }
    await get().refresh();
  },

  async startSweep() {
    const s = get();
    if (sweepRunner().busy) return;
    await askPersistence();
    const name = s.name.trim() || defaultName(s.draft);
    let e: Awaited<ReturnType<typeof createExperiment>>;
    try {
      e = await createExperiment(experimentsDb(), { name, config: s.draft });
    } catch (err) {
      set({ message: { kind: 'error', text: writeFailure('start the sweep', err) } });
      void get().refresh();
      return;
    }
    set({ message: null, linked: null, lockedElsewhere: null });
    await get().open(e.id);
    await get().refresh();
    void sweepRunner()
      .start(e.id)
      .finally(() => void get().refresh());
  },

  async resumeSweep(id) {
    if (sweepRunner().busy) {
      set({ message: { kind: 'error', text: 'Another sweep is running; pause or cancel it first.' } });
      return;
    }
    set({ offered: get().offered.filter((o) => o.experiment.id !== id), message: null, lockedElsewhere: null });
    await get().open(id);
    // Another tab runs it: say so and let the visitor choose, rather than wait silently for its lock.
    if ((await heldSweepIds().catch(() => new Set<string>())).has(id) && !sweepRunner().busy) {
      set({ lockedElsewhere: id });
      return;
    }
    void sweepRunner()
      .start(id)
      .finally(() => void get().refresh());
  },

  async continueLocked(mode) {
    const id = get().lockedElsewhere;
    set({ lockedElsewhere: null });
    if (id === null || mode === 'drop' || sweepRunner().busy) return;
    if (mode === 'take') requestStop(id, 'taken-over');
    await get().open(id);
    void sweepRunner()
      .start(id, mode === 'take' ? 'Asked the other tab to stop this sweep; it continues here once that tab has saved its state…' : 'Waiting for the other tab to finish, cancel or close this sweep; it continues here then…')
      .finally(() => void get().refresh());
  },

  async pause() {
    await sweepRunner().pause();
  },
  async resume() {
    await sweepRunner().resume();
  },
  async cancel() {
    await sweepRunner().cancel();
    await get().refresh();
  },
  dismissOffer(id) {
    set({ offered: get().offered.filter((o) => o.experiment.id !== id) });
  },

  async exportExperiment(id, withWeights) {
    const b = await loadBundle(experimentsDb(), id).catch(() => null);
    if (!b) return;
    downloadText(exportText(b, { includeWeights: withWeights }), exportFileName(b.experiment), 'application/json');
  },

  async importText(text, fileName) {
    const what = fileName ? `“${fileName}”` : 'The file';
    const parsed = parseExportText(text);
    if (!parsed.ok) {
      set({ message: { kind: 'error', text: `${what} was not imported: ${parsed.reason}` } });
      return false;
    }
    const r = await importBundle(experimentsDb(), parsed.value);
    if (!r.ok) {
      set({ message: { kind: 'error', text: `${what} was not imported: ${r.reason}` } });
      return false;
    }
    await get().refresh();
    await get().open(r.value.id);
    set({ message: { kind: 'info', text: `Imported “${r.value.name}” with ${parsed.value.points.length} points.` } });
    return true;
  },

  async remove(id) {
    // Deleting a shipped sweep hides it: the view would otherwise import it again.
    if (isShippedSweepId(id)) return get().hideShipped(id);
    if (runner?.snapshot().experimentId === id && runner.busy) await runner.cancel();
    else if ((await heldSweepIds().catch(() => new Set<string>())).has(id)) {
      // The tab running it stops it, then frees its lock: deleting under that lock
      // means no point of it is saved after the delete.
      requestStop(id, 'deleted');
    }
    noteLocalDelete(id);
    try {
      await withSweepLock(id, () => deleteExperiment(experimentsDb(), id), AbortSignal.timeout(15_000)).catch(async (e: unknown) => {
        // That tab did not answer in time (frozen, or an older version): delete anyway.
        if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError') await deleteExperiment(experimentsDb(), id);
        else throw e;
      });
    } catch (e) {
      set({ message: { kind: 'error', text: writeFailure('delete it', e) } });
      return;
    }
    if (get().openId === id) await get().open(null);
    set({ offered: get().offered.filter((o) => o.experiment.id !== id) });
    await get().refresh();
  },

  async applyLink(config, results, ignored = null, view = NO_LINK_VIEW) {
    set({ draft: config });
    // An unreadable store is no reason to drop the link: its own results are shown.
    const found = await findByConfig(experimentsDb(), config).catch(() => []);
    if (found.length > 0) {
      const newest = [...found].sort((a, b) => b.updatedAt - a.updatedAt)[0];
      await get().open(newest.id);
      // The saved copy keeps its own name here; the view choices are the sender's.
      if (get().openId === newest.id) set({ onlyAdmissible: view.onlyAdmissible, selected: view.selected });
      if (ignored !== null) set({ message: { kind: 'error', text: ignoredResults(ignored) } });
      return;
    }
    set({
      openId: null,
      bundle: null,
      selected: view.selected,
      onlyAdmissible: view.onlyAdmissible,
      pinned: [],
      linked: results ? { config, results, name: view.name } : null,
      // A sweep run here from the link is named as the sender named it.
      ...(view.name !== '' ? { name: view.name } : {}),
    });
    set({ message: linkOpenedMessage(results !== null, ignored) });
  },

  async saveLinked() {
    try {
      await saveLinkedResults();
    } catch (e) {
      set({ message: { kind: 'error', text: writeFailure('save the results in this browser', e) } });
      void get().refresh();
    }
  },

  select(index) {
    set({ selected: index });
  },
  togglePin(index) {
    const pins = get().pinned;
    set({ pinned: pins.includes(index) ? pins.filter((i) => i !== index) : [...pins, index].slice(-2) });
  },
  setOnlyAdmissible(v) {
    set({ onlyAdmissible: v });
  },
  say(m) {
    set({ message: m });
  },

  openShipped(preset) {
    const running = shippedInFlight.get(preset);
    if (running) return running;
    const p = openShippedOnce(preset).finally(() => shippedInFlight.delete(preset));
    shippedInFlight.set(preset, p);
    return p;
  },

  async hideShipped(id) {
    // Merged into what is stored now: another tab's choices stay.
    const hidden = updateHiddenSweeps((cur) => [...cur, id]);
    set({ hiddenShipped: hidden });
    noteLocalDelete(id);
    try {
      await deleteExperiment(experimentsDb(), id);
    } catch (e) {
      set({ message: { kind: 'error', text: writeFailure('remove it from the saved list', e) } });
    }
    if (get().openId === id) await get().open(null);
    await get().refresh();
  },

  async restoreShipped(id) {
    const hidden = updateHiddenSweeps((cur) => cur.filter((h) => h !== id));
    set({ hiddenShipped: hidden });
    const s = SHIPPED_SWEEPS.find((x) => x.id === id);
    return s ? get().openShipped(s.preset) : { kind: 'none' };
  },
}));

/** A link's results saved as an experiment of this browser; throws when a write fails. */
async function saveLinkedResults(): Promise<void> {
  const get = useExperiments.getState;
  const set = useExperiments.setState;
  {
    const l = get().linked;
    if (!l) return;
    const db = experimentsDb();
    const e = await createExperiment(db, { name: l.name || `${defaultName(l.config)} (from a link)`, config: l.config });
    const metric = (t: readonly [number, number | null, number] | null) =>
      t ? { D: t[0], P: t[1], C: t[2], Ptrain: null, iteration: 0, seconds: 0 } : null;
    await saveBaselines(db, e.id, { identity: metric(l.results.identity), clean: metric(l.results.clean) });
    const weights = expandWeights(l.config.weights);
    for (const p of l.results.points) {
      await savePoint(db, e.id, {
        index: p.index,
        weights: weights[p.index],
        status: 'done',
        metrics: { D: p.D, P: p.P, C: p.C, Ptrain: null, iteration: l.config.iterations, seconds: 0 },
        trail: [],
        history: { iteration: [], series: {} },
        thumbnails: null,
        restorerWeights: null,
        finishedAt: Date.now(),
        seconds: 0,
      });
    }
    const total = weights.length;
    await setSweepState(db, e.id, l.results.points.length >= total ? 'done' : 'interrupted');
    // The same experiment, now saved: the point looked at stays selected.
    const selected = get().selected;
    await get().refresh();
    await get().open(e.id);
    if (get().openId === e.id) set({ selected });
    set({ message: { kind: 'info', text: 'Saved in this browser. Sample grids and loss curves are not in links; run the sweep to get them.' } });
  }
}

async function openShippedOnce(preset: PresetId): Promise<ShippedOutcome> {
  const get = useExperiments.getState;
  const set = useExperiments.setState;
  const shipped = shippedSweepFor(preset);
  if (!shipped) return { kind: 'none' };
  if (get().hiddenShipped.includes(shipped.id as ShippedSweepId)) return { kind: 'hidden' };
  try {
    if (!(await loadBundle(experimentsDb(), shipped.id))) {
      const parsed = parseExportText(await fetchShippedSweep(shipped, import.meta.env.BASE_URL));
      if (!parsed.ok) return { kind: 'failed', reason: `the shipped sweep does not validate: ${parsed.reason}` };
      const r = await importBundle(experimentsDb(), parsed.value);
      // Another tab or view may have imported it meanwhile: then it is there to open.
      if (!r.ok && !(await loadBundle(experimentsDb(), shipped.id))) return { kind: 'failed', reason: r.reason };
      await get().refresh();
    }
    // A link applied meanwhile (its config, its results, or a saved sweep it opened) wins over the shipped sweep.
    const now = get();
    const ownWanted = (id: string | null) => id !== null && !isShippedSweepId(id);
    if (now.draft.preset !== preset || now.linked || ownWanted(now.openId) || ownWanted(requestedOpen)) return { kind: 'superseded' };
    await get().open(shipped.id);
    if (get().openId === shipped.id) {
      // The shipped file's name ("Precomputed: ...") must not become the name of the visitor's next sweep.
      set({ name: '' });
      return { kind: 'opened', id: shipped.id };
    }
    return requestedOpen !== shipped.id ? { kind: 'superseded' } : { kind: 'failed', reason: 'it could not be opened' };
  } catch (e) {
    return { kind: 'failed', reason: e instanceof Error ? e.message : String(e) };
  }
}
