import { proxy } from 'comlink';
import { bytesToBase64 } from '../../experiments/base64';
import { abortError, workerLostError, type PointEvents, type PointJob, type PointOutcome, type SweepEngine, type WarmStartSource } from '../../experiments/sweep/engine';
import { toThumbnails } from '../../experiments/sweep/thumbnails';
import type { ExperimentConfig } from '../../experiments/config';
import type { Baselines, RestorerWeights } from '../../experiments/records';
import { metricsOf, trainConfigFor } from '../../experiments/sweep/trainConfig';
import type { TrainConfig } from '../../train/config';
import type { EvalPoint } from '../../train/evaluate';
import type { EvalEvent, Progress } from '../../train/runner';
import type { WarmProgress } from '../../train/warmStart';
import { appUrl, cachedBackendReport, createTrainClient, forcedBackend, saveBackendReport, type TrainClient } from '../../workers/trainClient';
import { useEngineBackend } from './engineBackend';
import { registerSweepEngine } from './services';

/**
 * The sweep engine over the training worker (comlink). One worker of its
 * own, so a sweep and the Train view do not reconfigure each other's job.
 * Data and classifier are loaded once per dataset / classifier; every point
 * gets a fresh restorer and critic from the config's seed.
 */

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class WorkerSweepEngine implements SweepEngine {
  private client: TrainClient | null = null;
  private ready: Promise<void> | null = null;
  private dataset: string | null = null;
  private classifier: string | null = null;
  /** Rejects when the current worker is lost; calls in flight race against it (they would never settle). */
  private lost: Promise<never> | null = null;

  /** The current worker, or a fresh one: a lost worker is dropped, so Continue needs no reload. */
  private clientNow(): { client: TrainClient; lost: Promise<never> } {
    if (!this.client || !this.lost) {
      const client = createTrainClient({ watch: true });
      this.client = client;
      this.lost = client.lost.then((why) => {
        if (this.client === client) this.drop();
        throw workerLostError(why);
      });
      // Nobody may be racing against it when it resolves.
      this.lost.catch(() => {});
    }
    return { client: this.client, lost: this.lost };
  }

  private drop(): void {
    this.client?.terminate();
    this.client = null;
    this.lost = null;
    this.ready = null;
    this.dataset = null;
    this.classifier = null;
  }

  private async api(): Promise<TrainClient['api']> {
    const client = this.clientNow().client;
    this.ready ??= client.api.init({ force: forcedBackend(), cached: cachedBackendReport() }).then(
      (r) => {
        saveBackendReport(r);
        useEngineBackend.setState({ report: r });
      },
      (e: unknown) => {
        this.ready = null;
        throw e;
      },
    );
    await this.ready;
    return client.api;
  }

  private async prepare(
    c: ExperimentConfig,
    cfg: TrainConfig,
    listener: { onProgress(p: Progress): void; onEval(e: EvalEvent): void },
    onWarm?: (p: WarmProgress) => void,
    onWarmStart?: (w: WarmStartSource) => void,
  ) {
    const api = await this.api();
    if (this.dataset !== c.dataset) {
      this.dataset = null;
      await api.loadData(appUrl('data/'), c.dataset);
      this.dataset = c.dataset;
    }
    if (this.classifier !== c.classifier) {
      this.classifier = null;
      await api.loadClassifier(appUrl(`models/${c.classifier}/model.json`));
      this.classifier = c.classifier;
    }
    // Trains the sweep's shared base once; later points find it kept in the worker.
    // The presets' bases are shipped in models/ (npm run pretrain:warm); any other is trained here.
    if (cfg.warmStart > 0) {
      const info = await api.warmStart(cfg, onWarm ? proxy(onWarm) : undefined, appUrl('models/'));
      if (info) onWarmStart?.(info);
    }
    await api.configure(cfg, this.client!.listener(listener));
    return api;
  }

  async baselines(config: ExperimentConfig, signal: AbortSignal): Promise<Baselines> {
    if (signal.aborted) throw abortError();
    const { lost } = this.clientNow();
    return Promise.race([lost, this.computeBaselines(config, signal)]);
  }

  private async computeBaselines(config: ExperimentConfig, signal: AbortSignal): Promise<Baselines> {
    const api = await this.prepare(config, { ...trainConfigFor(config, { alpha: 1, beta: 0, gamma: 0 }), warmStart: 0 }, { onProgress: () => {}, onEval: () => {} });
    const points = await api.baselines();
    if (signal.aborted) throw abortError();
    const find = (k: EvalPoint['kind']) => points.find((p) => p.kind === k);
    const identity = find('identity');
    const clean = find('clean');
    return { identity: identity ? metricsOf(identity) : null, clean: clean ? metricsOf(clean) : null };
  }

  runPoint(job: PointJob, events: PointEvents, signal: AbortSignal): Promise<PointOutcome> {
    const cfg = trainConfigFor(job.config, job.weights);
    const { client, lost } = this.clientNow();
    return new Promise<PointOutcome>((resolve, reject) => {
      let settled = false;
      let finishing = false;
      const settle = (f: () => void) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        f();
      };
      const onAbort = () => {
        void this.client?.api.stop().catch(() => {});
        settle(() => reject(abortError()));
      };
      signal.addEventListener('abort', onAbort);
      lost.catch((e: unknown) => settle(() => reject(e)));

      const listener = {
        onProgress: (p: Progress) => {
          if (settled) return;
          client.alive();
          events.onProgress({ iteration: p.iteration, total: p.total, itersPerSecond: p.itersPerSecond, losses: p.losses as Record<string, number> });
          if (p.state === 'failed') settle(() => reject(new Error(p.message ?? 'training failed')));
          else if (p.state === 'done' && !finishing) {
            // The runner evaluates the final restorer right after reporting 'done'.
            finishing = true;
            events.onPhase('evaluating');
          }
        },
        onEval: (e: EvalEvent) => {
          client.alive();
          if (settled || e.point.kind !== 'restorer') return;
          const m = metricsOf(e.point);
          if (!finishing) {
            events.onEval({ iteration: m.iteration, D: m.D, P: e.point.P, C: m.C });
            return;
          }
          void this.finish(job, e).then(
            (out) => settle(() => resolve(out)),
            (err: unknown) => settle(() => reject(err instanceof Error ? err : new Error(messageOf(err)))),
          );
        },
      };

      let warming = false;
      const onWarm = (p: WarmProgress) => {
        client.alive();
        if (settled) return;
        if (!warming) events.onPhase('warming');
        warming = true;
        events.onWarmProgress(p);
      };
      this.prepare(job.config, cfg, listener, onWarm, (w) => {
        if (!settled) events.onWarmStart?.(w);
      })
        .then((api) => {
          if (signal.aborted) throw abortError();
          if (warming) events.onPhase('training');
          return api.start();
        })
        .catch((e: unknown) => settle(() => reject(e instanceof Error ? e : new Error(messageOf(e)))));
    });
  }

  private async finish(job: PointJob, e: EvalEvent): Promise<PointOutcome> {
    let restorerWeights: RestorerWeights | null = null;
    if (job.config.saveWeights && this.client) {
      const w = await this.client.api.restorerWeights();
      restorerWeights = {
        specs: w.specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: 'float32' as const })),
        data: bytesToBase64(new Uint8Array(w.data)),
      };
    }
    return { metrics: metricsOf(e.point), thumbnails: toThumbnails(e.grid), restorerWeights };
  }

  async pause(): Promise<void> {
    if (this.client && this.lost) await Promise.race([this.lost, this.client.api.pause()]);
  }

  async resume(): Promise<void> {
    if (this.client && this.lost) await Promise.race([this.lost, this.client.api.resume()]);
  }
}

registerSweepEngine(async () => new WorkerSweepEngine());
