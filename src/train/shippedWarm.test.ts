import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileEnv, readDataset, readNetFromDir } from '../../scripts/nodeTf';
import { warmStartTargets } from '../../scripts/warmTargets';
import { datasetInfo } from '../data/catalog';
import { TrainService } from './service';
import { loadShippedWarmStart, readWarmIndex, restorerTestMse, warmStartSpec, type ShippedSource, type ShippedWarmStart } from './shippedWarm';
import { makeTaskData } from './taskData';

// The warm starts shipped in public/models (npm run pretrain:warm) against
// the presets that use them and against their own cards.

const MODELS = 'public/models';
const files: ShippedSource = { base: MODELS, fetch: fileEnv.fetch };
const SHAPE: [number, number, number] = [28, 28, 1];

/** A source serving the shipped files, with one file replaced or removed. */
function tampered(path: string, body: ((b: Buffer) => BodyInit) | null): ShippedSource {
  return {
    base: MODELS,
    fetch: async (url: string) => {
      if (url === join(MODELS, path) || url === `${MODELS}/${path}`) {
        if (body === null) return new Response(null, { status: 404 });
        return new Response(body(readFileSync(url)));
      }
      return fileEnv.fetch(url);
    },
  };
}

let entries: readonly ShippedWarmStart[];

beforeAll(async () => {
  await tf.setBackend('wasm');
  entries = (await readWarmIndex(files)).warmStarts;
});

describe('shipped warm starts', () => {
  it('one per warm start the presets’ browser budgets use on MNIST, with the key, config and card they were made with', () => {
    const targets = warmStartTargets();
    expect(targets.length).toBeGreaterThanOrEqual(2);
    // A re-tuned budget or preset changes the keys: then npm run pretrain:warm must run again.
    expect(entries.map((e) => e.key).sort()).toEqual(targets.map((t) => t.key).sort());
    for (const t of targets) {
      const e = entries.find((x) => x.key === t.key)!;
      expect([e.dir, e.task, e.preset, e.sigma, e.iterations, e.batchSize, e.restorerLr, e.seed]).toEqual([t.dir, t.cfg.task, t.cfg.preset, t.cfg.sigma, t.cfg.warmStart, t.cfg.batchSize, t.cfg.restorerLr, t.cfg.seed]);
      expect([...e.presets].sort()).toEqual([...t.presets].sort());
      const json = JSON.parse(readFileSync(`${MODELS}/${e.dir}/model.json`, 'utf8'));
      expect(json.userDefinedMetadata.warmStart).toEqual(e);
      expect(json.modelTopology.spec).toEqual(warmStartSpec(t.cfg, SHAPE));
      const card = readFileSync(`${MODELS}/${e.dir}/card.md`, 'utf8');
      for (const s of [e.key, e.testMse.toFixed(5), e.command, e.date, `${Math.round(e.trainSeconds)} s`, `${e.iterations.toLocaleString('en-US')} iterations`]) expect(card).toContain(s);
      // Small flat files: float32 weights of the fast restorers.
      expect(statSync(`${MODELS}/${e.dir}/weights.bin`).size).toBeLessThan(200_000);
    }
  });

  it('the weights load and reach their card’s test MSE within 1%, on the data version they were trained on', async () => {
    const data = await readDataset('public/data', 'mnist');
    const version = JSON.parse(readFileSync('public/data/mnist/manifest.json', 'utf8')).version;
    const info = datasetInfo('mnist');
    for (const t of warmStartTargets()) {
      const e = entries.find((x) => x.key === t.key)!;
      expect(e.datasetVersion).toBe(version);
      const before = tf.memory().numTensors;
      const w = await loadShippedWarmStart(files, e, t.cfg, SHAPE);
      const test = makeTaskData(data.train, data.test, { task: t.cfg.task, sigma: t.cfg.sigma, srPad: info.srPad, srFactor: info.srFactor, evalCount: e.testCount }).test;
      expect(test.count).toBe(e.testCount);
      const mse = await restorerTestMse(warmStartSpec(t.cfg, SHAPE), w, test);
      expect(Math.abs(mse - e.testMse) / e.testMse).toBeLessThan(0.01);
      // Better than the degraded input itself (the identity restorer): by far for sigma-1 noise, by a third for the x6 SR input.
      let identity = 0;
      for (let i = 0; i < test.clean.length; i++) identity += (test.degraded[i] - test.clean[i]) ** 2;
      expect(mse).toBeLessThan(0.8 * (identity / test.clean.length));
      tf.dispose([...w.values()]);
      expect(tf.memory().numTensors).toBe(before);
    }
  }, 120_000);

  it('a damaged, foreign or missing file is refused with a reason and leaves nothing allocated', async () => {
    const t = warmStartTargets()[0];
    const e = entries.find((x) => x.key === t.key)!;
    const before = tf.memory().numTensors;
    await expect(loadShippedWarmStart(tampered(`${e.dir}/weights.bin`, (b) => new Uint8Array(b.subarray(0, b.length - 4))), e, t.cfg, SHAPE)).rejects.toThrow(/bytes, expected/);
    await expect(loadShippedWarmStart(tampered(`${e.dir}/weights.bin`, null), e, t.cfg, SHAPE)).rejects.toThrow(/HTTP 404/);
    const nan = (b: Buffer) => {
      const c = new Uint8Array(b);
      new Float32Array(c.buffer, 0, 1)[0] = NaN;
      return c;
    };
    await expect(loadShippedWarmStart(tampered(`${e.dir}/weights.bin`, nan), e, t.cfg, SHAPE)).rejects.toThrow(/NaN or Inf/);
    await expect(loadShippedWarmStart(files, { ...e, key: 'another' }, t.cfg, SHAPE)).rejects.toThrow(/another warm start/);
    await expect(loadShippedWarmStart(files, e, { ...t.cfg, preset: 'paper' }, SHAPE)).rejects.toThrow(/another network/);
    await expect(readWarmIndex(tampered('warm-starts.json', () => '{"format":"something else"}'))).rejects.toThrow(/not a warm-start index/);
    expect(tf.memory().numTensors).toBe(before);
  });

  describe('the training service', () => {
    let svc: TrainService;
    beforeAll(async () => {
      svc = new TrainService();
      await svc.loadData('public/data', 'mnist', fileEnv);
      const { net, card } = readNetFromDir(`${MODELS}/logistic`);
      svc.setClassifier(net, card);
    });
    afterAll(async () => {
      await svc.dispose();
    });

    it('loads the shipped base for a preset’s config instead of training it, and keeps it for the next point', async () => {
      const t = warmStartTargets()[0];
      const progress: number[] = [];
      const info = await svc.warmStart(t.cfg, (p) => progress.push(p.iteration), files);
      expect(info).toMatchObject({ source: 'shipped', reused: false, dir: t.dir, iterations: t.cfg.warmStart, note: null });
      expect(progress).toEqual([]);
      const { mse } = await svc.warmStartTestMse(t.cfg);
      const e = entries.find((x) => x.key === t.key)!;
      expect(Math.abs(mse - e.testMse) / e.testMse).toBeLessThan(0.01);
      expect(await svc.warmStart({ ...t.cfg, alpha: 1, beta: 1, gamma: 2 }, undefined, files)).toMatchObject({ source: 'shipped', reused: true });
    }, 60_000);

    it('trains its own base when no shipped one matches, and says why', async () => {
      const t = warmStartTargets()[0];
      const notes = new Set<string | undefined>();
      const info = await svc.warmStart({ ...t.cfg, warmStart: 3 }, (p) => notes.add(p.note), files);
      expect(info).toMatchObject({ source: 'trained', reused: false, iterations: 3, note: 'no shipped warm start matches this config' });
      expect([...notes]).toEqual(['no shipped warm start matches this config']);
      const broken = await svc.warmStart({ ...t.cfg, warmStart: 2 }, undefined, tampered('warm-starts.json', null));
      expect(broken?.source).toBe('trained');
      expect(broken?.note).toMatch(/could not be read \(warm-starts.json: HTTP 404\)/);
    }, 60_000);
  });
});

it('the data the test measures on exists (npm test builds it first)', () => {
  expect(existsSync('public/data/mnist/manifest.json')).toBe(true);
});
