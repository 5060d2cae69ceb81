import { create } from 'zustand';
import { conditionalPreset, type CondPresetId } from '../../../experiments/conditionalPresets';
import { denseGridOf, type DenseGrid } from '../../../experiments/denseGrid';
import type { ExperimentBundle, Thumbnails } from '../../../experiments/records';
import { toThumbnails } from '../../../experiments/sweep/thumbnails';
import type { ShippedConditional } from '../../../train/conditional/shipped';
import type { OwnModelFiles } from '../../../train/conditional/ownTraining';
import { latestWins, type LatestWins } from '../../../workers/latestWins';
import type { SlideEngine } from './slideEngine';

/**
 * Slide mode: one shipped loss-conditional restorer, a slider position
 * (alpha, beta, gamma), and what the position shows: the dense grid's
 * readout (computed by the view from `grid`, synchronously), 16 test digits
 * restored at that position by the worker (latest wins: while one forward
 * pass runs, newer positions replace each other and only the newest runs
 * next, so a fast drag never shows an older position after a newer one), and
 * once the drag settles, D and C recomputed on the whole test subset at the
 * exact position.
 */

/**
 * Which restorer the sliders drive: the shipped one, or one trained in this
 * browser (Train your own), whose dense grid grows while it is evaluated
 * (setDense).
 */
export type SlideSource =
  | { readonly kind: 'shipped' }
  | { readonly kind: 'own'; readonly runId: string; readonly model: OwnModelFiles; readonly dense: ExperimentBundle; readonly iterations: number; readonly trainSeconds: number };

const SHIPPED: SlideSource = { kind: 'shipped' };

export interface SlidePos {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

export const SAMPLE_COUNT = 16;
/** Quiet time after the last move before the exact D and C are computed. */
export const SETTLE_MS = 250;

interface Tagged {
  readonly seq: number;
  readonly pos: SlidePos;
  readonly t0: number;
}

export interface SlideState {
  status: 'off' | 'loading' | 'ready' | 'failed';
  message: string | null;
  preset: CondPresetId | null;
  source: SlideSource;
  /** The shipped model's card (null for your own). */
  entry: ShippedConditional | null;
  dense: ExperimentBundle | null;
  grid: DenseGrid | null;
  pos: SlidePos;
  /** Sequence number of the newest position. */
  seq: number;
  samples: { thumbs: Thumbnails; pos: SlidePos; seq: number } | null;
  exact: { D: number; C: number; Cse: number; n: number; pos: SlidePos } | null;
  /** ms from the move to the restored pixels being in the store, for the newest samples shown. */
  latencyMs: number | null;
  /** Of latencyMs, the worker's forward pass and read-back (bench:slide). */
  workerMs: number | null;
  dropped: number;
  /** Without `source`: the one shown for this preset (shipped for another preset). */
  open(preset: CondPresetId, pos?: Partial<SlidePos>, source?: SlideSource): Promise<void>;
  move(pos: Partial<SlidePos>): void;
  /** Your own model's grid as evaluated so far (the readouts and plots follow it). */
  setDense(runId: string, dense: ExperimentBundle): void;
  close(): void;
}

const START: SlidePos = { alpha: 1, beta: 0, gamma: 0 };

let engineFactory: () => SlideEngine = () => {
  throw new Error('no slide engine registered');
};
let engine: SlideEngine | null = null;
let sampler: LatestWins<Tagged> | null = null;
let exacter: LatestWins<Tagged> | null = null;
let settleTimer: ReturnType<typeof setTimeout> | null = null;
let opening = 0;

/** The view registers the worker engine; tests register a fake. */
export function registerSlideEngine(f: () => SlideEngine): void {
  engineFactory = f;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useSlide = create<SlideState>()((set, get) => {
  const teardown = () => {
    sampler?.dispose();
    exacter?.dispose();
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = null;
    sampler = exacter = null;
  };
  const submit = () => {
    const { pos, seq } = get();
    const tag: Tagged = { pos, seq, t0: performance.now() };
    sampler?.submit(tag);
    if (settleTimer) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      exacter?.submit(tag);
    }, SETTLE_MS);
  };
  return {
    status: 'off',
    message: null,
    preset: null,
    source: SHIPPED,
    entry: null,
    dense: null,
    grid: null,
    pos: START,
    seq: 0,
    samples: null,
    exact: null,
    latencyMs: null,
    workerMs: null,
    dropped: 0,

    async open(preset, pos, source) {
      const same = get().preset === preset;
      const src = source ?? (same ? get().source : SHIPPED);
      const sameSource = src.kind === get().source.kind && (src.kind !== 'own' || (get().source as { runId?: string }).runId === src.runId);
      if (same && sameSource && get().status !== 'failed' && get().status !== 'off') {
        if (pos) get().move(pos);
        return;
      }
      const my = ++opening;
      teardown();
      engine ??= engineFactory();
      const e = engine;
      // Switching source keeps the position (the same weights, another restorer).
      const at = same ? { ...get().pos, ...pos } : { ...START, ...pos };
      set({ status: 'loading', message: null, preset, source: src, entry: null, dense: null, grid: null, samples: null, exact: null, pos: at, seq: get().seq + 1 });
      try {
        let entry: ShippedConditional | null = null;
        let dense: ExperimentBundle;
        if (src.kind === 'own') {
          await e.openOwn(preset, src.model);
          dense = src.dense;
        } else {
          ({ entry, dense } = await e.open(preset));
        }
        const ranges = entry?.ranges ?? conditionalPreset(preset)?.ranges;
        if (!ranges) throw new Error(`no conditional preset ${preset}`);
        if (my !== opening) return;
        sampler = latestWins(
          (t: Tagged) => e.samples(t.pos, SAMPLE_COUNT).then((g) => ({ g, t })),
          ({ g, t }) => {
            // Results arrive in order, but a position older than the one shown never replaces it.
            if (t.seq < (get().samples?.seq ?? -1)) return;
            set({ samples: { thumbs: toThumbnails(g), pos: t.pos, seq: t.seq }, latencyMs: performance.now() - t.t0, workerMs: g.computeMs ?? null, dropped: sampler?.dropped ?? 0 });
          },
          (err) => set({ message: `The restorer could not run: ${message(err)}` }),
        );
        exacter = latestWins(
          (t: Tagged) => e.dc(t.pos).then((r) => ({ r, t })),
          ({ r, t }) => {
            if (t.seq === get().seq) set({ exact: { ...r, pos: t.pos } });
          },
          // A newer slider move takes the worker: that pass is simply dropped.
          (err) => {
            if (!/superseded/.test(message(err))) set({ message: `D and C could not be computed: ${message(err)}` });
          },
        );
        set({ status: 'ready', entry, dense, grid: denseGridOf(dense, ranges) });
        submit();
      } catch (err) {
        if (my !== opening) return;
        set({ status: 'failed', message: `Slide mode is unavailable: ${message(err)}` });
      }
    },

    setDense(runId, dense) {
      const src = get().source;
      if (src.kind !== 'own' || src.runId !== runId || get().status !== 'ready') return;
      const ranges = conditionalPreset(get().preset!)!.ranges;
      set({ dense, grid: denseGridOf(dense, ranges), source: { ...src, dense } });
    },

    move(p) {
      const pos = { ...get().pos, ...p };
      if (pos.alpha === get().pos.alpha && pos.beta === get().pos.beta && pos.gamma === get().pos.gamma) return;
      set({ pos, seq: get().seq + 1, exact: null });
      if (get().status === 'ready') submit();
    },

    close() {
      opening++;
      teardown();
      engine?.dispose();
      engine = null;
      set({ status: 'off', preset: null, source: SHIPPED, entry: null, dense: null, grid: null, samples: null, exact: null, message: null });
    },
  };
});

/** For e2e and benches: resolves when no forward pass is running or queued. */
export function slideIdle(): Promise<void> {
  return sampler?.idle() ?? Promise.resolve();
}
