import type { ClassifierName } from '../models/zoo';
import type { ClassifierTrainConfig } from './classifier';

/**
 * Training recipes of the frozen classifiers c0, shared by `npm run pretrain`
 * (Node) and the in-browser retraining. The epochs were fixed beforehand, not
 * chosen on the test split.
 */
export const CLASSIFIER_RECIPES: Record<ClassifierName, ClassifierTrainConfig & { dataset: 'mnist' | 'cifar10' }> = {
  logistic: { dataset: 'mnist', epochs: 40, batchSize: 50, lr: 2e-3, seed: 1, maxShift: 1, weightDecay: 1e-4 },
  cnn1: { dataset: 'mnist', epochs: 30, batchSize: 50, lr: 2e-3, seed: 1, maxShift: 2, weightDecay: 0 },
  cnn2: { dataset: 'mnist', epochs: 12, batchSize: 50, lr: 1e-3, seed: 1, maxShift: 2, weightDecay: 0 },
  cnn2p: { dataset: 'cifar10', epochs: 30, batchSize: 50, lr: 1e-3, seed: 1, maxShift: 2, weightDecay: 0 },
};

export function optimizerText(r: ClassifierTrainConfig): string {
  return `Adam (beta1 0.9, beta2 0.999), lr ${r.lr} with cosine decay to 0, random shifts of up to ${r.maxShift} px${r.weightDecay ? `, L2 ${r.weightDecay} on kernels` : ''}`;
}
