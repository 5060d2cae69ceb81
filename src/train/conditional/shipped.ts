import type { CondNet, CondNetSpec } from '../../models/conditional';
import { condSpec } from '../../models/conditional';
import { condNetFromFiles } from '../../models/condIo';
import type { ConditionRanges } from '../../models/conditioning';
import { summarize } from '../../models/spec';
import { restorerSpec } from '../../models/zoo';
import type { TrainConfig } from '../config';
import { fetchOk, type ShippedSource } from '../shippedWarm';
import { restorerKind } from '../trainer';

/**
 * Shipped loss-conditional restorers: one per MNIST experiment preset,
 * trained once by `npm run pretrain:conditional` (scripts/pretrain-conditional.ts)
 * and served from the app's origin as public/models/cond-<preset>/
 * (model.json + weights.bin + card.md), listed in
 * public/models/conditional-models.json.
 */

export const COND_INDEX_FILE = 'conditional-models.json';
export const COND_INDEX_FORMAT = 'cdp-lab-conditional-models';

/** The machine-readable card (model.json userDefinedMetadata.conditional, and the index). */
export interface ShippedConditional {
  readonly id: string;
  readonly dir: string;
  readonly dataset: string;
  readonly datasetVersion: string;
  readonly task: TrainConfig['task'];
  readonly sigma: number;
  readonly preset: TrainConfig['preset'];
  readonly classifier: string;
  readonly criticMode: TrainConfig['criticMode'];
  readonly ranges: ConditionRanges;
  readonly iterations: number;
  readonly batchSize: number;
  readonly criticSteps: number;
  readonly restorerLr: number;
  readonly criticLr: number;
  readonly lrDecayEvery: number;
  readonly seed: number;
  /** The shipped MSE warm start it started from. */
  readonly warmStart: { readonly dir: string; readonly key: string; readonly testMse: number };
  readonly params: { readonly base: number; readonly film: number };
  readonly finalLosses: Record<string, number>;
  /** Wall time of the training run. */
  readonly trainSeconds: number;
  /** CPU time of the one-threaded training process: its cost on a quiet core, whatever ran beside it. */
  readonly cpuSeconds: number;
  readonly backend: string;
  readonly threads: number;
  readonly date: string;
  readonly command: string;
}

export interface CondIndex {
  readonly format: typeof COND_INDEX_FORMAT;
  readonly version: 1;
  readonly models: readonly ShippedConditional[];
}

export function condRestorerSpec(cfg: Pick<TrainConfig, 'task' | 'preset'>, input: [number, number, number]): CondNetSpec {
  return condSpec(restorerSpec(restorerKind(cfg.task), cfg.preset, input), { boundedScale: false });
}

export async function readCondIndex(src: ShippedSource): Promise<CondIndex> {
  let json: Partial<CondIndex>;
  try {
    json = (await (await fetchOk(src, COND_INDEX_FILE)).json()) as Partial<CondIndex>;
  } catch (e) {
    throw new Error(`${COND_INDEX_FILE} could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (json.format !== COND_INDEX_FORMAT || json.version !== 1 || !Array.isArray(json.models)) throw new Error(`${COND_INDEX_FILE} is not an index of conditional models`);
  return json as CondIndex;
}

/** Loads a shipped conditional restorer; throws with nothing allocated when its files do not match its card. */
export async function loadShippedConditional(src: ShippedSource, entry: ShippedConditional, input: [number, number, number]): Promise<CondNet> {
  const json = (await (await fetchOk(src, `${entry.dir}/model.json`)).json()) as { userDefinedMetadata?: { conditional?: ShippedConditional } };
  const card = json.userDefinedMetadata?.conditional;
  if (card?.id !== entry.id || card.dir !== entry.dir) throw new Error(`${entry.dir}/model.json is for another conditional model`);
  const data = await (await fetchOk(src, `${entry.dir}/weights.bin`)).arrayBuffer();
  return condNetFromFiles(json, data, condRestorerSpec(entry, input), entry.dir);
}

const TASK_TEXT: Record<TrainConfig['task'], string> = { denoise: 'denoising', sr: 'super-resolution' };

const range = (r: { lo: number; hi: number; pZero: number }) => `0 with probability ${r.pZero}, else log-uniform on [${r.lo}, ${r.hi}]`;

/** card.md of a shipped conditional restorer; `extra` holds the measured sections (gradient balance, validation). */
export function condCardMarkdown(m: ShippedConditional, spec: CondNetSpec, extra: readonly string[]): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `# Loss-conditional restorer: ${m.id}, MNIST ${TASK_TEXT[m.task]} (${m.dir})`,
    '',
    'One restorer for every (alpha, beta, gamma) of its ranges (Dosovitskiy & Djolonga, "You Only Train Once", ICLR 2020): it takes',
    'beta/alpha and gamma/alpha as a second input, and at any setting acts as the fixed-weight restorer trained with those weights.',
    '',
    '## Network',
    '',
    `- Base: the ${m.preset} ${TASK_TEXT[m.task]} restorer, ${n(m.params.base)} parameters:`,
    ...summarize(spec.base).map((l) => `  - ${l}`),
    `- Conditioning: ${n(m.params.film)} FiLM parameters. Features: ln(r + lo/2), scaled to [-1, 1] over [0, hi], for r = beta/alpha and gamma/alpha;` +
      ` trunk ${spec.features} -> ${spec.hidden} -> ${spec.hidden} (ReLU); one linear head per modulated layer gives a per-channel scale 1 + s and shift t,` +
      ` applied after layers ${spec.films.map((f) => `${f.after} (${f.channels} ch)`).join(', ')}. Heads start at zero: at initialisation the net is its warm start exactly.`,
    `- Critic: the ${m.criticMode === 'clip' ? 'weight-clipped WGAN' : 'WGAN-GP'} critic, conditioned the same way (scale 1 + tanh(s)); clipping applies to its base weights.`,
    '',
    '## Training',
    '',
    `- Weights drawn per example: beta/alpha ${range(m.ranges.beta)}; gamma/alpha ${range(m.ranges.gamma)}; alpha = 1.`,
    `- From the shipped warm start ${m.warmStart.dir} (test MSE ${m.warmStart.testMse.toFixed(5)}), ${n(m.iterations)} iterations at batch ${m.batchSize},` +
      ` ${m.criticSteps} critic step(s) per iteration, Adam (beta1 0.5, beta2 0.9) lr ${m.restorerLr} (restorer, divided by 5 at iteration ${n(m.lrDecayEvery)}) and ${m.criticLr} (critic); seed ${m.seed}.`,
    `- Classifier c0: ${m.classifier}; dataset ${m.dataset} version \`${m.datasetVersion}\`.`,
    `- Final batch losses: ${Object.entries(m.finalLosses)
      .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
      .join(', ')}.`,
    `- Backend: ${m.backend}, ${m.threads} thread(s); CPU time ${Math.round(m.cpuSeconds)} s (${(m.cpuSeconds / 60).toFixed(1)} min), wall time ${Math.round(m.trainSeconds)} s` +
      ` (${(m.trainSeconds / 60).toFixed(1)} min; longer than the CPU time when other jobs shared the 2 cores); ${m.date}.`,
    `- Command: \`${m.command}\``,
    '',
    ...extra,
  ].join('\n');
}
