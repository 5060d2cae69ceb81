import { withBudget } from '../../../experiments/presets';
import { conditionalPreset, experimentPresetOf, type CondPresetId } from '../../../experiments/conditionalPresets';
import { parseExportText } from '../../../experiments/exportFile';
import type { ExperimentConfig } from '../../../experiments/config';
import type { ExperimentBundle } from '../../../experiments/records';
import { trainConfigFor } from '../../../experiments/sweep/trainConfig';
import type { LossWeights } from '../../../train/config';
import type { ShippedConditional } from '../../../train/conditional/shipped';
import type { SampleGrid } from '../../../train/evaluate';
import type { OwnModelFiles } from '../../../train/conditional/ownTraining';
import { ownEvalConfig } from '../../../experiments/own/plan';
import { appUrl, cachedBackendReport, createTrainClient, forcedBackend, saveBackendReport, type TrainClient } from '../../../workers/trainClient';

/**
 * What slide mode needs from the outside world: a conditional restorer in a
 * worker of its own (restored digits and exact D and C at any setting), the
 * shipped one with its dense grid file, or one trained in this browser
 * (Train your own) from its stored model files, whose dense grid the page
 * holds. An interface, so the store is tested without a worker.
 */
export interface SlideEngine {
  open(preset: CondPresetId): Promise<{ entry: ShippedConditional; dense: ExperimentBundle }>;
  openOwn(preset: CondPresetId, model: OwnModelFiles): Promise<void>;
  samples(w: LossWeights, count: number): Promise<SampleGrid>;
  dc(w: LossWeights): Promise<{ D: number; C: number; Cse: number; n: number }>;
  dispose(): void;
}

async function fetchDense(id: CondPresetId): Promise<ExperimentBundle> {
  const url = appUrl(`precomputed/dense-${id}.json`);
  const r = await fetch(url);
  if (!r.ok) throw new Error(`the dense grid of ${id} could not be loaded (HTTP ${r.status})`);
  const parsed = parseExportText(await r.text());
  if (!parsed.ok) throw new Error(`the dense grid of ${id} is damaged: ${parsed.reason}`);
  if (parsed.value.experiment.source?.kind !== 'conditional') throw new Error(`precomputed/dense-${id}.json is not a conditional model's grid`);
  return parsed.value;
}

export function workerSlideEngine(): SlideEngine {
  let client: TrainClient | null = null;
  const api = async () => {
    if (!client) {
      client = createTrainClient();
      const report = await client.api.init({ force: forcedBackend(), cached: cachedBackendReport() });
      saveBackendReport(report);
    }
    return client.api;
  };
  let loaded: string | null = null;
  // Data and classifier once per preset's dataset and classifier: switching source does not reload them.
  const prepare = async (c: ExperimentConfig) => {
    const a = await api();
    const key = `${c.dataset}|${c.classifier}`;
    if (loaded !== key) {
      loaded = null;
      await a.loadData(appUrl('data/'), c.dataset);
      await a.loadClassifier(appUrl(`models/${c.classifier}/model.json`));
      loaded = key;
    }
    return a;
  };
  return {
    async open(preset) {
      const cp = conditionalPreset(preset);
      if (!cp) throw new Error(`no conditional model for ${preset}`);
      const c = withBudget(experimentPresetOf(cp).config, 'browser');
      const [dense, a] = await Promise.all([fetchDense(preset), prepare(c)]);
      const entry = await a.loadConditional(trainConfigFor(c, { alpha: 1, beta: 0, gamma: 0 }), appUrl('models/'), preset);
      return { entry, dense };
    },
    async openOwn(preset, model) {
      const cp = conditionalPreset(preset);
      if (!cp) throw new Error(`no conditional model for ${preset}`);
      const a = await prepare(withBudget(experimentPresetOf(cp).config, 'browser'));
      await a.loadConditionalFiles(ownEvalConfig(cp), cp.ranges, model.json, model.data);
    },
    async samples(w, count) {
      return (await api()).conditionalSamples(w, count);
    },
    async dc(w) {
      return (await api()).conditionalDC(w);
    },
    dispose() {
      client?.terminate();
      client = null;
      loaded = null;
    },
  };
}
