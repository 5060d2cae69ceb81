import * as tf from '@tensorflow/tfjs';
import { canonicalJson } from '../experiments/canonical';
import { buildNet } from '../models/build';
import { MODEL_FORMAT, netFromArtifacts } from '../models/io';
import { summarize, type NetSpec } from '../models/spec';
import { restorerSpec } from '../models/zoo';
import type { TrainConfig } from './config';
import { applyInBatches } from './evaluate';
import type { TestSubset } from './taskData';
import { restorerKind } from './trainer';

/**
 * Shipped warm starts: the browser budget's shared MSE-only base restorers,
 * trained once by `npm run pretrain:warm` (scripts/pretrain-warm.ts, the same
 * trainWarmStart and TaskData the worker uses) and served from the app's own
 * origin as public/models/warm-<task>-<preset>/ (model.json + weights.bin +
 * card.md), listed in public/models/warm-starts.json. A sweep whose config
 * has a listed warmStartKey (and the same dataset version) loads the base
 * instead of training it; anything else, or a load that fails, trains it.
 */

export const WARM_INDEX_FILE = 'warm-starts.json';
export const WARM_INDEX_FORMAT = 'cdp-lab-warm-starts';

/** The machine-readable card: in model.json (userDefinedMetadata.warmStart) and in the index. */
export interface ShippedWarmStart {
  /** warmStartKey(dataset, cfg) of the configs it serves. */
  readonly key: string;
  /** Folder under models/, e.g. warm-denoise-fast. */
  readonly dir: string;
  readonly dataset: string;
  /** The dataset manifest's version hash it was trained on. */
  readonly datasetVersion: string;
  readonly task: TrainConfig['task'];
  readonly sigma: number;
  readonly preset: TrainConfig['preset'];
  readonly iterations: number;
  readonly batchSize: number;
  readonly restorerLr: number;
  readonly seed: number;
  /** D of the stored weights (after loading them back) on the evaluation's fixed degraded test subset. */
  readonly testMse: number;
  readonly testCount: number;
  /** How weights.bin stores the values. */
  readonly weightsDtype: 'float32';
  readonly backend: string;
  readonly trainSeconds: number;
  readonly date: string;
  readonly command: string;
  /** Experiment presets whose browser budget starts from it. */
  readonly presets: readonly string[];
}

export interface WarmIndex {
  readonly format: typeof WARM_INDEX_FORMAT;
  readonly version: 1;
  readonly warmStarts: readonly ShippedWarmStart[];
}

export type FetchLike = (url: string) => Promise<Response>;

/** Where the shipped warm starts live: the models/ folder of the app (a URL) or, in Node, a folder with a file fetch. */
export interface ShippedSource {
  readonly base: string;
  readonly fetch?: FetchLike;
}

/** What a sweep starts from; the status line says it (sweep/warmStart.ts). */
export interface WarmStartInfo {
  readonly source: 'shipped' | 'trained';
  /** Kept in the worker from an earlier point of the sweep. */
  readonly reused: boolean;
  readonly key: string;
  readonly task: TrainConfig['task'];
  readonly preset: TrainConfig['preset'];
  readonly iterations: number;
  /** The shipped card's test MSE and image count (null when trained here). */
  readonly testMse: number | null;
  readonly testCount: number | null;
  /** Shipped: the folder under models/. */
  readonly dir: string | null;
  /** Why no shipped base was used: none matches, or it failed to load (then the reason). */
  readonly note: string | null;
}

export function join(base: string, path: string): string {
  return base.endsWith('/') ? base + path : `${base}/${path}`;
}

/** A file under a shipped folder (the app's models/ or a Node folder), refused unless HTTP 2xx. */
export async function fetchOk(src: ShippedSource, path: string): Promise<Response> {
  const f = src.fetch ?? ((u: string) => globalThis.fetch(u));
  const url = join(src.base, path);
  const r = await f(url);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r;
}

function isEntry(x: unknown): x is ShippedWarmStart {
  const e = x as ShippedWarmStart;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.key === 'string' &&
    typeof e.dir === 'string' &&
    /^[a-z0-9][a-z0-9._-]*$/i.test(e.dir) &&
    typeof e.datasetVersion === 'string' &&
    typeof e.testMse === 'number' &&
    typeof e.testCount === 'number'
  );
}

/** The index of shipped warm starts; throws when it cannot be read or is not one. */
export async function readWarmIndex(src: ShippedSource): Promise<WarmIndex> {
  const json = (await (await fetchOk(src, WARM_INDEX_FILE)).json()) as Partial<WarmIndex>;
  if (json.format !== WARM_INDEX_FORMAT || json.version !== 1 || !Array.isArray(json.warmStarts) || !json.warmStarts.every(isEntry)) {
    throw new Error(`${WARM_INDEX_FILE} is not a warm-start index`);
  }
  return json as WarmIndex;
}

/** The restorer a config trains (and so its warm start's network). */
export function warmStartSpec(cfg: Pick<TrainConfig, 'task' | 'preset'>, inputShape: [number, number, number]): NetSpec {
  return restorerSpec(restorerKind(cfg.task), cfg.preset, inputShape);
}

/**
 * Loads a shipped base's variables by name (the caller owns them). Throws,
 * with nothing left allocated, when a file is missing or damaged, belongs to
 * another key, stores another network, or holds a non-finite value.
 */
export async function loadShippedWarmStart(
  src: ShippedSource,
  entry: ShippedWarmStart,
  cfg: Pick<TrainConfig, 'task' | 'preset'>,
  inputShape: [number, number, number],
): Promise<Map<string, tf.Tensor>> {
  const json = (await (await fetchOk(src, `${entry.dir}/model.json`)).json()) as {
    format?: string;
    modelTopology?: { spec?: unknown };
    weightsManifest?: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
    userDefinedMetadata?: { warmStart?: ShippedWarmStart };
  };
  if (json.format !== MODEL_FORMAT) throw new Error(`${entry.dir}/model.json is not a ${MODEL_FORMAT} model`);
  if (json.userDefinedMetadata?.warmStart?.key !== entry.key) throw new Error(`${entry.dir}/model.json is for another warm start`);
  if (canonicalJson(json.modelTopology?.spec) !== canonicalJson(warmStartSpec(cfg, inputShape))) {
    throw new Error(`${entry.dir} stores another network than this config's ${cfg.preset} restorer`);
  }
  const group = json.weightsManifest?.[0];
  if (!group || group.paths.length !== 1) throw new Error(`${entry.dir}/model.json has no weights manifest`);
  const data = await (await fetchOk(src, `${entry.dir}/${group.paths[0]}`)).arrayBuffer();
  const want = group.weights.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (group.weights.some((w) => w.dtype !== 'float32' || w.quantization)) throw new Error(`${entry.dir}: only float32 weights are read`);
  if (data.byteLength !== want) throw new Error(`${entry.dir}/${group.paths[0]} has ${data.byteLength} bytes, expected ${want}`);
  const { net } = netFromArtifacts({ format: json.format, modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'], weightSpecs: group.weights, weightData: data });
  try {
    const finite = tf.tidy(() => tf.stack([...net.named.values()].map((v) => tf.all(tf.isFinite(v)))).all());
    const ok = (await finite.data())[0] === 1;
    finite.dispose();
    if (!ok) throw new Error(`${entry.dir}: the weights hold a NaN or Inf`);
    return new Map([...net.named].map(([k, v]) => [k, tf.clone(v)]));
  } finally {
    net.dispose();
  }
}

/**
 * D of a restorer given by its variables on the evaluation's fixed degraded
 * test subset: mean squared error to the clean images, computed as
 * evaluatePoint computes D.
 */
export async function restorerTestMse(spec: NetSpec, weights: ReadonlyMap<string, tf.Tensor>, test: TestSubset): Promise<number> {
  const net = buildNet(spec, 0, false);
  try {
    for (const [k, v] of net.named) {
      const w = weights.get(k);
      if (!w || w.shape.join('x') !== v.shape.join('x')) throw new Error(`no ${k} of shape ${v.shape.join('x')}`);
      v.assign(w);
    }
    const shape: [number, number, number, number] = [test.count, ...spec.input];
    const d = tf.tidy(() => {
      const clean = tf.tensor4d(test.clean, shape);
      const degraded = tf.tensor4d(test.degraded, shape);
      const restored = applyInBatches((x) => net.apply(x, { training: false }), degraded);
      return tf.mean(tf.squaredDifference(restored, clean));
    });
    const [mse] = await d.data();
    d.dispose();
    return mse;
  } finally {
    net.dispose();
  }
}

const TASK_TEXT: Record<TrainConfig['task'], string> = { denoise: 'denoising', sr: 'super-resolution' };

/** card.md of a shipped warm start. */
export function warmCardMarkdown(w: ShippedWarmStart, spec: NetSpec, params: number, datasetSource: string, degradation: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `# Warm start: MNIST ${TASK_TEXT[w.task]}, ${w.preset} restorer (${w.dir})`,
    '',
    `The shared MSE-only base restorer that every point of a browser-budget sweep starts from (experiment presets ${w.presets.join(', ')}).`,
    'A sweep whose config has the key below, on the same dataset version, loads these weights instead of training them (about 4 minutes);',
    'any other config, or a failed load, trains its own base.',
    '',
    '## Serves',
    '',
    `- warmStartKey: \`${w.key}\``,
    `- Dataset: ${w.dataset}, version \`${w.datasetVersion}\` (${datasetSource})`,
    '',
    '## Network',
    '',
    `- Task: ${TASK_TEXT[w.task]}; degradation: ${degradation}`,
    `- Preset: ${w.preset}; ${n(params)} parameters; input ${spec.input.join('x')} (pixels in [0, 1])`,
    ...summarize(spec).map((l) => `  - ${l}`),
    '',
    '## Training',
    '',
    `- ${n(w.iterations)} iterations of MSE alone (alpha 1, beta 0, gamma 0, no critic steps, no lr decay), batch ${w.batchSize}, Adam (beta1 0.5, beta2 0.9), lr ${w.restorerLr}, seed ${w.seed}`,
    '- Code path: trainWarmStart (src/train/warmStart.ts) through TrainService.warmStart, the same as the training worker; the same key trains the same weights in the browser, up to floating-point differences between backends',
    `- Backend: ${w.backend}; wall time ${Math.round(w.trainSeconds)} s; ${w.date}`,
    `- Command: \`${w.command}\``,
    '',
    '## Evaluation',
    '',
    `- Test MSE (D): **${w.testMse.toFixed(5)}** on the ${n(w.testCount)} images of the sweep evaluation's fixed degraded test subset, measured after loading the stored weights back`,
    `- Stored as ${w.weightsDtype} (no quantisation)`,
    '',
  ].join('\n');
}
