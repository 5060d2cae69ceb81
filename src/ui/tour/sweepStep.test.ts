import { describe, expect, it } from 'vitest';
import type { ExperimentSummary } from '../../experiments/db/repo';
import { pickSweep } from './sweepStep';

const summary = (id: string, dataset: string, sweep: string, done: number): ExperimentSummary =>
  ({ experiment: { id, name: id, sweep, config: { dataset } }, total: 6, done, failed: 0 }) as unknown as ExperimentSummary;

describe('which sweep the tour opens', () => {
  it('prefers the newest finished MNIST sweep, then the newest MNIST one, then anything with points', () => {
    const a = summary('cifar-done', 'cifar10', 'done', 6);
    const b = summary('mnist-paused', 'mnist', 'paused', 3);
    const c = summary('mnist-done', 'mnist', 'done', 6);
    const d = summary('mnist-empty', 'mnist', 'done', 1);
    expect(pickSweep([a, b, c, d])?.experiment.id).toBe('mnist-done');
    expect(pickSweep([a, b, d])?.experiment.id).toBe('mnist-paused');
    expect(pickSweep([d, a])?.experiment.id).toBe('cifar-done');
    expect(pickSweep([d])).toBeNull();
    expect(pickSweep([])).toBeNull();
  });

  it('never picks an excluded id (the shipped precomputed sweep), even when it is the only finished one', () => {
    const pre = summary('precomputed', 'mnist', 'done', 9);
    const own = summary('own', 'mnist', 'paused', 2);
    expect(pickSweep([pre, own], new Set(['precomputed']))?.experiment.id).toBe('own');
    expect(pickSweep([pre], new Set(['precomputed']))).toBeNull();
    expect(pickSweep([pre])?.experiment.id).toBe('precomputed');
  });
});
