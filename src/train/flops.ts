import { describeNet, type NetSpec } from '../models/spec';

/**
 * FLOPs of one training iteration (multiply-add = 2), counting the work the
 * algorithm needs: a conv or dense layer's backward pass costs one forward
 * pass per gradient it must produce (input gradient, weight gradient).
 *
 *   criticSteps x [ B fwd(R)  +  2B (fwd + dW + dX_inner)(critic) ]
 * + B (fwd + dW + dX_inner)(R)  +  B (fwd + dX)(critic)  +  B (fwd + dX)(c0)
 *
 * where dX_inner skips the first layer's input gradient (nothing upstream
 * needs it). Element-wise layers count forward and backward once each.
 */

export interface Cost {
  /** Forward FLOPs per example. */
  readonly fwd: number;
  /** Conv/dense forward FLOPs per example (one weight- or input-gradient pass each). */
  readonly heavy: number;
  /** The first conv/dense layer's forward FLOPs per example. */
  readonly firstHeavy: number;
  /** Element-wise FLOPs per example (relu, BN, pooling, clip). */
  readonly light: number;
}

export function cost(spec: NetSpec): Cost {
  let fwd = 0;
  let heavy = 0;
  let firstHeavy = -1;
  for (const l of describeNet(spec)) {
    fwd += l.flops;
    if (l.layer.kind === 'conv' || l.layer.kind === 'dense') {
      heavy += l.flops;
      if (firstHeavy < 0) firstHeavy = l.flops;
    }
  }
  return { fwd, heavy, firstHeavy: Math.max(firstHeavy, 0), light: fwd - heavy };
}

/** Forward, weight gradients, input gradients except the first layer's. */
export function trainWeights(c: Cost): number {
  return c.fwd + c.heavy + (c.heavy - c.firstHeavy) + c.light;
}

/** Forward and input gradients only (a frozen net the loss flows through). */
export function throughInput(c: Cost): number {
  return c.fwd + c.heavy + c.light;
}

export interface IterationNets {
  readonly restorer: NetSpec;
  readonly critic: NetSpec;
  readonly classifier: NetSpec;
  readonly batch: number;
  readonly criticSteps: number;
}

export function iterationFlops(n: IterationNets): { critic: number; restorer: number; total: number } {
  const R = cost(n.restorer);
  const Cr = cost(n.critic);
  const C0 = cost(n.classifier);
  const critic = n.criticSteps * n.batch * (R.fwd + 2 * trainWeights(Cr));
  const restorer = n.batch * (trainWeights(R) + throughInput(Cr) + throughInput(C0));
  return { critic, restorer, total: critic + restorer };
}
