import { describe, expect, it } from 'vitest';
import type { NetSpec } from '../models/spec';
import { restorerSpec } from '../models/zoo';
import { cost, iterationFlops, throughInput, trainWeights } from './flops';

describe('FLOP counts', () => {
  it('counts a two-layer conv net by hand', () => {
    // conv3x3 1->2 'same' on 4x4: 16 px * 9 * 1 * 2 * 2 = 576 + bias 32; relu 32; conv 2->1: 16*9*2*1*2 = 576 + bias 16
    const spec: NetSpec = {
      name: 't',
      input: [4, 4, 1],
      layers: [
        { kind: 'conv', name: 'a', k: 3, cin: 1, cout: 2, stride: 1, pad: 'same', bias: true },
        { kind: 'relu' },
        { kind: 'conv', name: 'b', k: 3, cin: 2, cout: 1, stride: 1, pad: 'same', bias: true },
      ],
    };
    const c = cost(spec);
    expect(c.fwd).toBe(576 + 32 + 32 + 576 + 16);
    expect(c.heavy).toBe(576 + 32 + 576 + 16);
    expect(c.firstHeavy).toBe(576 + 32);
    expect(trainWeights(c)).toBe(c.fwd + c.heavy + (576 + 16) + 32);
    expect(throughInput(c)).toBe(c.fwd + c.heavy + 32);
  });

  it('one paper-denoiser MSE step at batch 50 is about 48 GFLOP (TESTING.md)', () => {
    const r = restorerSpec('denoiser', 'paper', [28, 28, 1]);
    const gf = (50 * trainWeights(cost(r))) / 1e9;
    expect(gf).toBeGreaterThan(44);
    expect(gf).toBeLessThan(50);
  });

  it('an iteration adds critic steps and the restorer step', () => {
    const r = restorerSpec('denoiser', 'fast', [28, 28, 1]);
    const lin: NetSpec = { name: 'l', input: [28, 28, 1], layers: [{ kind: 'flatten' }, { kind: 'dense', name: 'd', nin: 784, nout: 1 }] };
    const f = iterationFlops({ restorer: r, critic: lin, classifier: lin, batch: 10, criticSteps: 5 });
    expect(f.total).toBe(f.critic + f.restorer);
    expect(f.critic).toBe(5 * 10 * (cost(r).fwd + 2 * trainWeights(cost(lin))));
  });
});
