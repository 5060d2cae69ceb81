import * as tf from '@tensorflow/tfjs';
import { canonicalJson } from '../experiments/canonical';
import { buildCondNet, type CondNet, type CondNetSpec } from './conditional';

/**
 * A conditional net as model.json + weights.bin: the CondNetSpec as its
 * topology, float32 weights (base names as in the base net, FiLM under
 * film/), a card in userDefinedMetadata. Loading checks the spec against the
 * one the caller expects, every shape and byte count, and finiteness, and
 * leaves nothing allocated when it refuses.
 */

export const COND_MODEL_FORMAT = 'cdp-lab-conditional-net';

export interface CondModelJson<Meta> {
  readonly format: typeof COND_MODEL_FORMAT;
  readonly generatedBy: string;
  readonly modelTopology: { readonly spec: CondNetSpec };
  readonly weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  readonly userDefinedMetadata: Meta;
}

export async function condNetToFiles<Meta>(net: CondNet, meta: Meta, generatedBy: string): Promise<{ json: CondModelJson<Meta>; data: ArrayBuffer }> {
  const named: tf.NamedTensorMap = Object.fromEntries(net.named);
  const { data, specs } = await tf.io.encodeWeights(named);
  return {
    json: { format: COND_MODEL_FORMAT, generatedBy, modelTopology: { spec: net.spec }, weightsManifest: [{ paths: ['weights.bin'], weights: specs }], userDefinedMetadata: meta },
    data,
  };
}

export async function condNetFromFiles(json: unknown, data: ArrayBuffer, expected: CondNetSpec, where = 'model'): Promise<CondNet> {
  const j = json as Partial<CondModelJson<unknown>>;
  if (j?.format !== COND_MODEL_FORMAT) throw new Error(`${where}/model.json is not a ${COND_MODEL_FORMAT} model`);
  if (canonicalJson(j.modelTopology?.spec) !== canonicalJson(expected)) throw new Error(`${where} stores another network than the one expected (${expected.base.name}, conditional)`);
  const group = j.weightsManifest?.[0];
  if (!group || !Array.isArray(group.weights)) throw new Error(`${where}/model.json has no weights manifest`);
  if (group.weights.some((w) => w.dtype !== 'float32' || w.quantization)) throw new Error(`${where}: only float32 weights are read`);
  const want = group.weights.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (data.byteLength !== want) throw new Error(`${where}/weights.bin has ${data.byteLength} bytes, expected ${want}`);
  const weights = tf.io.decodeWeights(data, group.weights);
  const net = buildCondNet(expected, 0, false);
  try {
    for (const [k, v] of net.named) {
      const w = weights[k];
      if (!w) throw new Error(`${where}: weight ${k} missing`);
      if (w.shape.join('x') !== v.shape.join('x')) throw new Error(`${where}: weight ${k} has shape ${w.shape}, expected ${v.shape}`);
      v.assign(w);
    }
    const finite = tf.tidy(() => tf.stack([...net.named.values()].map((v) => tf.all(tf.isFinite(v)))).all());
    const ok = (await finite.data())[0] === 1;
    finite.dispose();
    if (!ok) throw new Error(`${where}: the weights hold a NaN or Inf`);
    return net;
  } catch (e) {
    net.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(weights));
  }
}
