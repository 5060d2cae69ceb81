import { describe, expect, it } from 'vitest';
import { runTorchBench, runTorchCondBench, torchVersion } from './torch';

describe('the PyTorch anchor of bench:train', () => {
  it.skipIf(!torchVersion())(
    'runs bench_torch.py under the default wait policy and the others, and keeps the fastest per preset with what each measured',
    () => {
      const out = runTorchBench({ presets: ['tiny'], batch: 4, threads: 1, reps: 2, warmup: 1 }, [null, 'PASSIVE']);
      if ('skipped' in out) throw new Error(out.skipped);
      expect(out.results).toHaveLength(1);
      const r = out.results[0];
      expect(r.mismatch).toBeUndefined();
      expect(Object.keys(r.byPolicy).sort()).toEqual(['PASSIVE', 'unset (default)']);
      expect(r.ms).toBe(Math.min(...Object.values(r.byPolicy)));
      expect(r.byPolicy[r.waitPolicy]).toBe(r.ms);
    },
    120_000,
  );

  it.skipIf(!torchVersion())(
    'the conditional twin keeps, per preset, the fastest conditional iteration over the wait policies and the fastest fixed one',
    () => {
      const out = runTorchCondBench({ presets: ['exp4'], threads: 1, reps: 1, warmup: 1 }, [null, 'PASSIVE']);
      if ('skipped' in out) throw new Error(out.skipped);
      const r = out.results[0];
      expect(r.mismatch).toBeUndefined();
      expect(Object.keys(r.condByPolicy).sort()).toEqual(['PASSIVE', 'unset (default)']);
      expect(r.msCond).toBe(Math.min(...Object.values(r.condByPolicy)));
      expect(r.condByPolicy[r.ompWaitPolicy]).toBe(r.msCond);
    },
    120_000,
  );
});
