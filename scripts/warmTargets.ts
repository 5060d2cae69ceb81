import type { DatasetName } from '../src/data/catalog';
import { expandWeights } from '../src/experiments/weights';
import { fnv1a64 } from '../src/experiments/ids';
import { EXPERIMENT_PRESETS, withBudget } from '../src/experiments/presets';
import type { TrainConfig } from '../src/train/config';
import { warmStartKey } from '../src/train/warmStart';
import { trainConfigFor } from '../src/experiments/sweep/trainConfig';

/**
 * The warm starts to ship, derived from the experiment presets: one per
 * distinct warmStartKey that a preset's browser budget uses on MNIST (the
 * offline dataset). A re-tuned budget or preset changes the keys, and so
 * what `npm run pretrain:warm` trains and what the drift test expects.
 */

export interface WarmTarget {
  readonly key: string;
  /** Folder under public/models. */
  readonly dir: string;
  readonly dataset: DatasetName;
  /** The resolved training config of the preset's first point, exactly as the sweep passes it to the worker. */
  readonly cfg: TrainConfig;
  /** The first preset's classifier c0 (the base trains on MSE alone; the service wants one loaded). */
  readonly classifier: string;
  readonly presets: readonly string[];
}

export const SHIPPED_DATASETS: readonly DatasetName[] = ['mnist'];

export function warmStartTargets(): WarmTarget[] {
  const byKey = new Map<string, WarmTarget>();
  const dirs = new Set<string>();
  for (const p of EXPERIMENT_PRESETS) {
    const c = withBudget(p.config, 'browser');
    if (!SHIPPED_DATASETS.includes(c.dataset as DatasetName) || c.warmStart <= 0) continue;
    // Every point of a sweep shares its base: the weights do not enter the key.
    const cfg = trainConfigFor(c, expandWeights(c.weights)[0]);
    const key = warmStartKey(c.dataset, cfg);
    const known = byKey.get(key);
    if (known) {
      byKey.set(key, { ...known, presets: [...known.presets, p.id] });
      continue;
    }
    let dir = `warm-${cfg.task}-${cfg.preset}`;
    if (dirs.has(dir)) dir = `${dir}-${fnv1a64(key).slice(0, 8)}`;
    dirs.add(dir);
    byKey.set(key, { key, dir, dataset: c.dataset as DatasetName, cfg, classifier: c.classifier, presets: [p.id] });
  }
  return [...byKey.values()];
}
