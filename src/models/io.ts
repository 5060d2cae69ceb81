import * as tf from '@tensorflow/tfjs';
import { buildNet, type Net } from './build';
import { paramCount, summarize, type NetSpec } from './spec';

/**
 * Saving and loading through tf.io's ModelArtifacts: model.json holds the
 * NetSpec as its topology plus a weights manifest, weights.bin the float32
 * values. Any tf.io handler (http, browser storage, a Node file writer)
 * therefore works unchanged.
 */

export const MODEL_FORMAT = 'cdp-lab-net';

export interface ModelCard {
  readonly name: string;
  readonly title: string;
  readonly architecture: string[];
  readonly params: number;
  readonly data: string;
  readonly epochs: number;
  readonly batchSize: number;
  readonly seed: number;
  readonly optimizer: string;
  readonly testAccuracy: number;
  readonly testCount: number;
  readonly trainCount: number;
  readonly backend: string;
  readonly trainSeconds: number;
  readonly notes: string[];
}

export async function netToArtifacts(net: Net, card?: ModelCard): Promise<tf.io.ModelArtifacts> {
  const named: tf.NamedTensorMap = {};
  for (const [k, v] of net.named) named[k] = v;
  const { data, specs } = await tf.io.encodeWeights(named);
  return {
    format: MODEL_FORMAT,
    generatedBy: 'CDP Lab',
    modelTopology: { spec: net.spec } as unknown as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: specs,
    weightData: data,
    userDefinedMetadata: card ? { card: card as unknown as Record<string, unknown> } : undefined,
  } as tf.io.ModelArtifacts;
}

function isSpec(x: unknown): x is NetSpec {
  const s = x as NetSpec;
  return typeof s === 'object' && s !== null && typeof s.name === 'string' && Array.isArray(s.input) && Array.isArray(s.layers);
}

/** Rebuilds a net from artifacts; every variable must be present with its shape. */
export function netFromArtifacts(a: tf.io.ModelArtifacts, trainable = false): { net: Net; card?: ModelCard } {
  if (a.format !== MODEL_FORMAT) throw new Error(`not a ${MODEL_FORMAT} model (format ${a.format})`);
  const spec = (a.modelTopology as { spec?: unknown } | undefined)?.spec;
  if (!isSpec(spec)) throw new Error('model.json has no network description');
  if (!a.weightSpecs || !a.weightData) throw new Error('model has no weights');
  const weights = tf.io.decodeWeights(a.weightData, a.weightSpecs);
  const net = buildNet(spec, 0, trainable);
  try {
    for (const [k, v] of net.named) {
      const w = weights[k];
      if (!w) throw new Error(`weight ${k} missing`);
      if (w.shape.join('x') !== v.shape.join('x')) throw new Error(`weight ${k} has shape ${w.shape}, expected ${v.shape}`);
      v.assign(w);
    }
  } catch (e) {
    net.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(weights));
  }
  const card = (a.userDefinedMetadata as { card?: ModelCard } | undefined)?.card;
  return { net, card };
}

export async function loadNet(url: string, trainable = false): Promise<{ net: Net; card?: ModelCard }> {
  const handler = tf.io.http(url);
  if (!handler.load) throw new Error('tf.io.http has no loader');
  const a = await handler.load();
  return netFromArtifacts(a, trainable);
}

export function cardMarkdown(card: ModelCard, spec: NetSpec): string {
  const pct = (x: number) => `${(100 * x).toFixed(2)}%`;
  return [
    `# ${card.title} (${card.name})`,
    '',
    `Frozen classifier c0 for CDP Lab. ${paramCount(spec)} parameters.`,
    '',
    '## Architecture',
    '',
    `Input ${spec.input.join('x')} (pixels in [0, 1]).`,
    '',
    ...summarize(spec).map((l) => `- ${l}`),
    '',
    '## Training',
    '',
    `- Data: ${card.data}`,
    `- Training images: ${card.trainCount}; epochs: ${card.epochs}; batch: ${card.batchSize}; seed: ${card.seed}`,
    `- Optimizer: ${card.optimizer}`,
    `- Backend: ${card.backend}; wall time ${Math.round(card.trainSeconds)} s`,
    '',
    '## Evaluation',
    '',
    `- Held-out clean test accuracy: **${pct(card.testAccuracy)}** on ${card.testCount} images`,
    ...card.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
