import { create } from 'zustand';
import type { CondPresetId } from '../../../experiments/conditionalPresets';
import type { OwnEngine } from '../../../experiments/own/engine';
import { ownDenseBundle } from '../../../experiments/own/plan';
import { loadOwnModel, recoverOwnRuns } from '../../../experiments/own/repo';
import { IDLE_OWN, OwnRunner, type OwnSnapshot } from '../../../experiments/own/runner';
import type { ExperimentBundle } from '../../../experiments/records';
import { heldLockIds, OWN_LOCK_PREFIX } from '../../../experiments/sweep/locks';
import { experimentsDb } from '../services';
import { useSlide } from '../slide/slideStore';
import { WorkerOwnEngine } from './workerOwnEngine';

/**
 * The page's "Train your own" state: the OwnRunner's snapshot, the dense
 * bundle of what is evaluated so far, and the actions the section
 * dispatches. While slide mode shows your model, each newly evaluated point
 * goes to the slide store at once.
 */

export interface OwnStoreState {
  own: OwnSnapshot;
  /** Your model's dense grid so far, once it is trained. */
  dense: ExperimentBundle | null;
  error: string | null;
  show(preset: CondPresetId): Promise<void>;
  start(preset: CondPresetId): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  discard(): Promise<void>;
  /** Slide mode over your model (true) or the shipped one (false). */
  slideYours(on: boolean): Promise<void>;
}

/**
 * Test hook: ?own-iterations=N&own-points=K&own-checkpoint=M in the page URL
 * cut a new run's training, its dense grid (the first K points of the
 * evaluation order) and its checkpoint interval, so the e2e test trains and
 * evaluates in seconds. Stored with the run: a reload without them resumes
 * the same budget.
 */
export function budgetFromSearch(search: string): { iterations?: number; points?: number; checkpointEvery?: number } {
  const q = new URLSearchParams(search);
  const n = (k: string) => {
    const v = Number(q.get(k));
    return q.has(k) && Number.isInteger(v) && v > 0 ? v : undefined;
  };
  return { iterations: n('own-iterations'), points: n('own-points'), checkpointEvery: n('own-checkpoint') };
}

let engineFactory: () => OwnEngine = () => new WorkerOwnEngine();
let runner: OwnRunner | null = null;
let recovered: Promise<void> | null = null;

/** Tests register another engine before first use. */
export function registerOwnEngine(f: () => OwnEngine): void {
  engineFactory = f;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

function denseOf(s: OwnSnapshot): ExperimentBundle | null {
  return s.run && s.run.phase !== 'training' ? ownDenseBundle(s.run, s.points) : null;
}

export const useOwn = create<OwnStoreState>()((set, get) => {
  const onSnapshot = (own: OwnSnapshot) => {
    const before = get().own;
    const dense = own.run === before.run && own.points === before.points ? get().dense : denseOf(own);
    set({ own, dense });
    if (dense && own.run) useSlide.getState().setDense(own.run.id, dense);
  };
  const theRunner = () => (runner ??= new OwnRunner({ db: experimentsDb(), engine: engineFactory() }, onSnapshot));
  const act = async (f: () => Promise<void>) => {
    set({ error: null });
    try {
      await f();
    } catch (e) {
      set({ error: messageOf(e) });
    }
  };
  return {
    own: IDLE_OWN,
    dense: null,
    error: null,

    async show(preset) {
      await act(async () => {
        // Once per page: a run recorded as running whose tab is gone was cut off.
        recovered ??= heldLockIds(OWN_LOCK_PREFIX).then((held) => recoverOwnRuns(experimentsDb(), held));
        await recovered;
        await theRunner().show(preset);
      });
    },
    start: (preset) => act(() => theRunner().start(preset, budgetFromSearch(globalThis.location?.search ?? ''))),
    pause: () => act(() => theRunner().pause()),
    resume: () => act(() => theRunner().resume()),
    async discard() {
      await act(async () => {
        const id = get().own.run?.id;
        if (id && useSlide.getState().source.kind === 'own') await get().slideYours(false);
        await theRunner().discard();
      });
    },
    async slideYours(on) {
      await act(async () => {
        const slide = useSlide.getState();
        const { run } = get().own;
        if (!slide.preset) return;
        if (!on) {
          await slide.open(slide.preset, undefined, { kind: 'shipped' });
          return;
        }
        const dense = get().dense;
        if (!run || !dense || run.preset !== slide.preset) throw new Error('your model for this preset is not trained yet');
        const model = await loadOwnModel(experimentsDb(), run.id);
        if (!model) throw new Error('your model is missing from this browser’s storage');
        await slide.open(slide.preset, undefined, { kind: 'own', runId: run.id, model, dense, iterations: run.total, trainSeconds: run.trainSeconds });
      });
    },
  };
});
