import { proxy } from 'comlink';
import type { ExperimentConfig } from '../../../experiments/config';
import type { OwnEngine } from '../../../experiments/own/engine';
import { needPreset, ownEvalConfig, ownExperimentConfig, ownTrainSpec } from '../../../experiments/own/plan';
import { appUrl, cachedBackendReport, createTrainClient, forcedBackend, saveBackendReport, type TrainClient } from '../../../workers/trainClient';

/**
 * "Train your own" over a training worker of its own: neither a sweep's
 * worker nor slide mode's, so training and the dense grid's evaluation never
 * queue behind (or in front of) the slider's forward passes; the two workers
 * share the CPU cores only. Data and classifier are loaded once per dataset
 * and classifier.
 */
export class WorkerOwnEngine implements OwnEngine {
  private client: TrainClient | null = null;
  private ready: Promise<void> | null = null;
  private loaded: string | null = null;
  private model: string | null = null;

  private async prepare(c: ExperimentConfig): Promise<TrainClient['api']> {
    this.client ??= createTrainClient();
    const client = this.client;
    this.ready ??= client.api.init({ force: forcedBackend(), cached: cachedBackendReport() }).then(
      (r) => saveBackendReport(r),
      (e: unknown) => {
        this.ready = null;
        throw e;
      },
    );
    await this.ready;
    const key = `${c.dataset}|${c.classifier}`;
    if (this.loaded !== key) {
      this.loaded = null;
      this.model = null;
      await client.api.loadData(appUrl('data/'), c.dataset);
      await client.api.loadClassifier(appUrl(`models/${c.classifier}/model.json`));
      this.loaded = key;
    }
    return client.api;
  }

  async train(...[run, from, events]: Parameters<OwnEngine['train']>): ReturnType<OwnEngine['train']> {
    const cp = needPreset(run.preset);
    const api = await this.prepare(ownExperimentConfig(cp));
    await api.ownConfigure(ownTrainSpec(cp, run.total, run.checkpointEvery), appUrl('models/'), from);
    return api.ownTrain(proxy(events));
  }

  async pause() {
    return this.client ? this.client.api.ownPause() : null;
  }

  async resume() {
    await this.client?.api.ownResume();
  }

  async stop() {
    await this.client?.api.ownStop();
  }

  async evaluate(...[run, model, w]: Parameters<OwnEngine['evaluate']>): ReturnType<OwnEngine['evaluate']> {
    const cp = needPreset(run.preset);
    const api = await this.prepare(ownExperimentConfig(cp));
    if (this.model !== run.id) {
      this.model = null;
      await api.loadConditionalFiles(ownEvalConfig(cp), cp.ranges, model.json, model.data);
      this.model = run.id;
    }
    return api.conditionalEvaluate(w, run.total);
  }

  dispose(): void {
    this.client?.terminate();
    this.client = null;
    this.ready = null;
    this.loaded = null;
    this.model = null;
  }
}
