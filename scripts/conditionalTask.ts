import { join } from 'node:path';
import { datasetInfo, type DatasetName } from '../src/data/catalog';
import type { ExperimentConfig } from '../src/experiments/config';
import type { Net } from '../src/models/build';
import type { TrainConfig } from '../src/train/config';
import { makeTaskData, type TaskData } from '../src/train/taskData';
import { readDataset, readNetFromDir } from './nodeTf';

/** The task data (the sweep's fixed test subset included) and classifier c0 of an experiment, read from disk as the worker would. */
export async function loadTask(
  dataDir: string,
  modelsDir: string,
  c: ExperimentConfig,
  cfg: TrainConfig,
): Promise<{ data: TaskData; classifier: Net; version: string; shape: [number, number, number] }> {
  const d = await readDataset(dataDir, c.dataset);
  const info = datasetInfo(c.dataset as DatasetName);
  const data = makeTaskData(d.train, d.test, { task: cfg.task, sigma: cfg.sigma, srPad: info.srPad, srFactor: info.srFactor, evalCount: cfg.evalCount });
  const { net } = readNetFromDir(join(modelsDir, c.classifier));
  return { data, classifier: net, version: d.version, shape: [d.train.height, d.train.width, d.train.channels] };
}
