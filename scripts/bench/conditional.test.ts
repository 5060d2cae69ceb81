import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONDITIONAL_PRESETS } from '../../src/experiments/conditionalPresets';
import { buildCondNet } from '../../src/models/conditional';
import { condNetToFiles } from '../../src/models/condIo';
import { ratioInRange } from '../../src/models/conditioning';
import { condRestorerSpec } from '../../src/train/conditional/shipped';
import { useBackend } from '../nodeTf';
import { benchCondForward, COND_BENCH_INPUT, condBenchConfig, fixedSetting } from './conditional';
import { runTorchCondBench, torchVersion } from './torch';

// npm run bench:conditional's cells, at sizes that only check they run and measure the right nets (no timings asserted).

beforeAll(async () => {
  await useBackend('wasm');
});

describe('bench:conditional', () => {
  it('compares with a fixed setting inside each preset’s ranges, both weights nonzero, at the preset’s batch and critic steps', () => {
    for (const cp of CONDITIONAL_PRESETS) {
      const f = fixedSetting(cp.ranges);
      expect(f.beta).toBeGreaterThan(0);
      expect(f.gamma).toBeGreaterThan(0);
      expect(ratioInRange(f.beta, cp.ranges.beta)).toBe(true);
      expect(ratioInRange(f.gamma, cp.ranges.gamma)).toBe(true);
      const { cfg } = condBenchConfig(cp);
      expect([cfg.beta, cfg.gamma, cfg.alpha]).toEqual([f.beta, f.gamma, 1]);
      expect([cfg.batchSize, cfg.criticSteps]).toEqual([cp.batchSize, cp.criticSteps]);
    }
  });

  it('times a slider move on 16 inputs, untrained and from model files', async () => {
    const inputs = Array.from({ length: 16 * 28 * 28 }, (_, i) => (i % 29) / 29);
    const untrained = await benchCondForward({ preset: 'exp4', runs: 3, warmup: 1, inputs });
    expect(untrained).toMatchObject({ preset: 'exp4', count: 16, shipped: false });
    expect(untrained.ms).toHaveLength(3);

    const cp = CONDITIONAL_PRESETS.find((p) => p.id === 'exp4')!;
    const net = buildCondNet(condRestorerSpec(condBenchConfig(cp).cfg, COND_BENCH_INPUT), 3, false);
    const files = await condNetToFiles(net, {}, 'test');
    net.dispose();
    const before = tf.memory().numTensors;
    const model = { dir: 'cond-exp4', json: files.json, weightsBase64: Buffer.from(files.data).toString('base64'), ranges: cp.ranges, task: 'sr' as const, restorer: 'fast' as const };
    const shipped = await benchCondForward({ preset: 'exp4', runs: 2, warmup: 0, inputs, model });
    expect(shipped).toMatchObject({ count: 16, shipped: true });
    expect(shipped.ms).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.skipIf(!torchVersion())(
    'bench_torch.py --conditional builds the nets, ranges, task and c0 of every preset',
    () => {
      // PyTorch's default configuration alone: this checks the nets, not the policy search (torch.test.ts).
      const out = runTorchCondBench({ presets: CONDITIONAL_PRESETS.map((p) => p.id), threads: 1, reps: 1, warmup: 1 }, [null]);
      if ('skipped' in out) throw new Error(out.skipped);
      expect(out.results.map((r) => r.preset)).toEqual(CONDITIONAL_PRESETS.map((p) => p.id));
      for (const r of out.results) {
        expect(r.mismatch).toBeUndefined();
        expect(r.ompWaitPolicy).toBe('unset (default)');
        expect(r.msCond).toBeGreaterThan(0);
      }
    },
    180_000,
  );
});
