import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset, type LoaderEnv } from '../src/data/loader';
import { netFromArtifacts, type ModelCard } from '../src/models/io';
import type { Net } from '../src/models/build';
import type { ImageSet } from '../src/train/images';

/**
 * Node-side helpers for the scripts: picking a tfjs backend (wasm or cpu;
 * tfjs-node cannot be installed here) and reading the built shards from disk
 * through the same verifying loader the browser uses.
 */

export async function useBackend(name: string): Promise<string> {
  if (!['wasm', 'cpu'].includes(name)) throw new Error(`backend ${name}: Node offers wasm and cpu`);
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`backend ${name} failed to initialise`);
  await tf.ready();
  return tf.getBackend();
}

export const fileEnv: LoaderEnv = {
  fetch: async (url: string) => {
    if (!existsSync(url)) return new Response(null, { status: 404 });
    return new Response(readFileSync(url));
  },
};

export interface NodeDataset {
  train: ImageSet;
  test: ImageSet;
  source: string;
  title: string;
  classNames: string[];
  /** The manifest's version hash. */
  version: string;
}

export async function readDataset(dataDir: string, name: string): Promise<NodeDataset> {
  const d = await loadDataset(dataDir, name, { env: fileEnv });
  const [height, width, channels] = d.manifest.imageShape;
  const set = (s: { count: number; images: Uint8Array; labels: Uint8Array }): ImageSet => ({ ...s, height, width, channels });
  return { train: set(d.train), test: set(d.test), source: d.manifest.source, title: d.manifest.title, classNames: d.manifest.classNames, version: d.manifest.version };
}

/** A net saved as model.json + weights.bin (public/models/NAME), with its card when it has one. */
export function readNetFromDir(dir: string): { net: Net; card?: ModelCard } {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const bin = readFileSync(join(dir, 'weights.bin'));
  return netFromArtifacts({
    format: json.format,
    generatedBy: json.generatedBy,
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest[0].weights,
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    userDefinedMetadata: json.userDefinedMetadata,
  });
}
