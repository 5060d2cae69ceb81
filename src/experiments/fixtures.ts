import { bytesToBase64 } from './base64';
import type { ExperimentConfig } from './config';
import { DEFAULT_PRESET } from './presets';
import type { ExperimentBundle, PointRecord, Thumbnails } from './records';
import { expandWeights } from './weights';

/**
 * Small, fully valid bundles for tests (unit and e2e): metrics follow a
 * made-up but CDP-shaped law so plots and admissible sets have structure.
 */

export function thumbnails(count: number, h: number, w: number, c: 1 | 3, seed = 1): Thumbnails {
  const n = count * h * w * c;
  const img = (k: number) => bytesToBase64(Uint8Array.from({ length: n }, (_, i) => (i * 31 + k * 17 + seed) & 0xff));
  return { count, height: h, width: w, channels: c, clean: img(0), degraded: img(1), restored: img(2) };
}

/**
 * A CDP-shaped metric law: more beta lowers P and raises D, more gamma lowers
 * C and raises D and P. C halves per unit of gamma, so it stays an error rate.
 */
export function fakeMetrics(alpha: number, beta: number, gamma: number) {
  const D = 0.03 + 0.02 * beta + 0.04 * gamma + 0.001 * alpha;
  const P = 2 - 1.2 * beta + 0.8 * gamma;
  const C = 0.2 * 0.5 ** gamma + 0.01 * beta;
  return { D, P, C };
}

export function fakeBundle(
  opts: { config?: ExperimentConfig; done?: number; id?: string; name?: string; withWeights?: boolean } = {},
): ExperimentBundle {
  const config = opts.config ?? DEFAULT_PRESET.config;
  const pts = expandWeights(config.weights);
  const done = Math.min(opts.done ?? pts.length, pts.length);
  const points: PointRecord[] = pts.slice(0, done).map((w, index) => {
    const m = fakeMetrics(w.alpha, w.beta, w.gamma);
    return {
      index,
      weights: w,
      status: 'done',
      metrics: { ...m, Ptrain: m.P * 0.9, iteration: config.iterations, seconds: 1.5 },
      trail: [
        { iteration: Math.floor(config.iterations / 2), D: m.D * 1.5, P: m.P * 1.2, C: m.C * 1.1 },
        { iteration: config.iterations, ...m },
      ],
      history: { iteration: [0, 10, 20], series: { total: [1, 0.5, 0.25], mse: [0.1, 0.05, null] } },
      thumbnails: thumbnails(2, 4, 4, 1, index),
      restorerWeights: opts.withWeights
        ? { specs: [{ name: 'c1/kernel', shape: [2, 3], dtype: 'float32' }], data: bytesToBase64(new Uint8Array(new Float32Array([1, 2, 3, 4, 5, index]).buffer)) }
        : null,
      finishedAt: 1_700_000_000_000 + index * 1000,
      seconds: 30 + index,
    };
  });
  return {
    experiment: {
      id: opts.id ?? 'test-experiment-1',
      name: opts.name ?? 'Exp-1 test',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_000_000 + done * 1000,
      config,
      baselines: {
        identity: { D: 1.0, P: 5, C: 0.6, Ptrain: null, iteration: 0, seconds: 2 },
        clean: { D: 0, P: 0, C: 0.08, Ptrain: null, iteration: 0, seconds: 1 },
      },
      sweep: done === pts.length ? 'done' : 'interrupted',
    },
    points,
  };
}
