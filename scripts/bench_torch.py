#!/usr/bin/python3
"""PyTorch anchor for `npm run bench:train`: one training iteration of the
MNIST denoiser (5 WGAN-clip critic steps, then one restorer step against the
critic and a frozen CNN-1 c0), timed on the CPU the way src/train/bench.ts
benchIteration times the TypeScript Trainer (src/train/trainer.ts step('both')).

    /usr/bin/python3 scripts/bench_torch.py --threads 2 [--batch 50] [--reps 3]
        [--warmup 1] [--presets fast,paper]
    /usr/bin/python3 scripts/bench_torch.py --check DIR    (see (c) below)
    /usr/bin/python3 scripts/bench_torch.py --conditional exp1,exp2,exp3,exp4 --threads 2
        [--batch 25] [--reps 3] [--warmup 1]    (npm run bench:conditional; see (d) below)

Each timed line is JSON: preset, threads, batch, ms (median of the reps after
the warm-up iterations), ms_all, torch version, parameter counts per network
and the FLOP counts below. Needs only Debian's python3-torch.

What the iteration is (DEFAULT_CONFIG of src/train/config.ts, the nets of
src/models/zoo.ts built as in src/models/build.ts):
  critic step (x5): fresh batch, y = x + N(0, 1); X^ = restorer(y) in training
    mode (batch statistics, running statistics untouched, no tape); loss =
    mean f(X^) - mean f(x), f applied to each half separately (its own batch
    statistics); gradients of the critic only; Adam (lr 1e-4, 0.5, 0.9); every
    critic weight (BN gamma and beta included, as Trainer.clipCritic) clipped
    to [-0.01, 0.01].
  restorer step: fresh batch; X^ = restorer(y) in training mode, moving the BN
    running statistics (momentum 0.9, biased batch variance as tf.moments,
    eps 1e-5); loss = w MSE + beta (-mean f(X^)) + gamma CE(c0(X^), labels)
    with w = max(alpha, 1 - i/299) = 1, alpha 1, beta 0.3, gamma 0.5 (both
    non-zero, so the trainer's display-only passes do not run); the critic in
    training mode (batch statistics), c0 in eval mode (dropout off, frozen);
    gradients of the restorer only; Adam (lr 1e-3, 0.5, 0.9).
  Adam is TensorFlow's form (bias correction folded into the step size, eps
  1e-8 added to sqrt(v)), as src/train/adam.ts, written with torch._foreach_*
  ops (torch.optim.Adam puts eps elsewhere). Layout NCHW; TF 'same' padding
  computed like src/models/spec.ts padAmounts (stride-2 5x5 on 28x28 pads 1
  before and 2 after, applied with F.pad); convs followed by BN have no bias.
  Both sides read the losses back once per iteration.

How the architectures and the step were checked against the TypeScript ones:
  (a) parameter counts, printed per network from the tensors built here, equal
      paramCount of the zoo specs (scripts/bench/torch.ts compares them on
      every run and marks the row MISMATCH otherwise): denoiser 206,753
      (paper) / 18,897 (fast), critic 259,265 / 65,633 (clip), CNN-1 21,840.
  (b) FLOPs: each conv/dense/BN/activation layer's FLOPs are counted here
      from the shapes of an actual forward pass (multiply-add = 2, as
      src/models/spec.ts) and combined per iteration as src/train/flops.ts
      does; forward FLOPs per example (restorer, critic, c0) and the
      iteration total equal forwardFlops / benchFlops exactly (compared on
      every run by torch.ts): fast 16,772,111,800 and paper 148,634,470,200
      FLOP per iteration at batch 50.
  (c) values: `npm run bench:train -- --check-torch [--check-batch 8]
      [--check-backend cpu|wasm]` runs the real Trainer in Node with seed 1
      and records its initial weights, the six batches it draws (noise made
      on the host so both sides see the same y), every loss, and before and
      after each step the trained net's weights, BN statistics and Adam
      moments; `--check DIR` here loads them (kernels HWIO -> OIHW, dense rows
      permuted from NHWC to NCHW flatten order) and replays (1) each step from
      tfjs's state before it, comparing the loss, the gradient (tfjs's from
      its Adam moment, g = (m1 - b1 m0) / (1 - b1)) and the weights after the
      Adam step, and (2) the whole iteration from the initial weights alone.
      Measured (batch 8, float32, PyTorch 1 thread; tfjs cpu backend, wasm in
      brackets):
        losses, each step from the same state: critic max rel 3.9e-6 fast,
          2.3e-5 paper (floor 1e-4 on the near-zero critic loss) [2.9e-6,
          1.3e-5]; restorer MSE / adv / CE / total rel 5.3e-7 / 4.9e-7 / 0 /
          8.2e-8 fast, 7.4e-8 / 1.5e-7 / 9.8e-8 / 8.4e-8 paper [at most
          2.8e-6]; BN running statistics max abs 1.2e-7 / 2.0e-7.
        gradients (relative L2 over the net): 1.7e-6 to 3.3e-6 on 6 of 6
          steps (fast, cpu), 5 of 6 (fast, wasm), 3 of 6 (paper, cpu), 4 of 6
          (paper, wasm); weights after the Adam step on those steps: update
          p1 - p0 rel L2 1.1e-5 to 5.3e-4 (float32 rounding of p1 - p0 with
          p ~ 1e-2, updates ~ lr), no entry stepping the other way beyond
          |g| < 1e-4 of the net's largest.
        The other steps differ by 3e-4 to 6e-3 (1.3e-2 once, fast step 0 with
        2 PyTorch threads) and always only in the tensors before one
        activation (c1 alone, or restorer c1..bn4 with c5 agreeing): an
        activation input within float32 noise of 0 takes the other slope on
        one side. It moves with PyTorch's thread count (paper step 3: 3e-4 at
        1 thread, 2e-6 at 2), and at paper step 4 tfjs agrees with PyTorch in
        float64 to 1.6e-6 while float32 PyTorch is off by 1e-3 in c1; so it is
        rounding at a kink, not a different model.
        whole iteration from the initial weights (differences compound, and
        Adam's first steps are ~lr sign(g)): restorer losses rel <= 5.3e-7
        fast, <= 3.5e-4 paper (adv); weights max abs 6.8e-6 fast, 2e-3 = 2 lr
        paper (a few entries whose |g| is at noise).
      The check fails above 1e-4 on a loss, 5e-2 on a gradient, or when fewer
      than half the steps agree to 1e-5.

(d) --conditional: for each MNIST conditional preset (src/experiments/
  conditionalPresets.ts: Exp-1 to Exp-4 with their c0 and task, fast restorer,
  clip critic, batch 25, 1 critic step), one line with the median ms of the
  fixed-weight iteration (Trainer above, 1 critic step, at the geometric middle
  of the preset's ranges, both weights nonzero) and of the loss-conditional
  iteration (CondTrainer: FiLM restorer and critic as src/models/
  conditional.ts, weights drawn per example as src/train/conditional/
  weightSampler.ts, per-example loss), timed alternately after the warm-up.
  Runs in PyTorch's default configuration: OMP_WAIT_POLICY is not set here
  (the line printed says what the environment had) and the thread count is
  --threads (PyTorch's own default printed as default_threads). The nets'
  parameter counts (FiLM included) and forward FLOPs, the ranges, task and
  c0 are compared with the TypeScript ones by scripts/bench/torch.ts.
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

# PyTorch runs as its users run it: nothing here sets OMP_WAIT_POLICY or a
# thread count beyond --threads. An earlier default of OMP_WAIT_POLICY=PASSIVE
# made the iteration about twice as slow on a quiet machine (issue 23);
# scripts/bench/torch.ts runs this script under the default and under
# PASSIVE and ACTIVE, one after the other, and takes the fastest as the anchor.
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

BN_MOMENTUM = 0.9
BN_EPSILON = 1e-5
# DEFAULT_CONFIG / PAPER_SCHEDULE (src/train/config.ts, src/train/schedule.ts)
CFG = dict(sigma=1.0, alpha=1.0, beta=0.3, gamma=0.5, critic_steps=5, restorer_lr=1e-3, critic_lr=1e-4,
           lr_decay_every=10_000, lr_decay_factor=5, mse_warmup=300, clip=0.01, beta1=0.5, beta2=0.9)


def pad_amounts(n, k, stride, pad):
    """TensorFlow's 'SAME' split, as src/models/spec.ts padAmounts."""
    if pad == 'valid':
        return (0, 0)
    out = -(-n // stride)
    total = max((out - 1) * stride + k - n, 0)
    return (total // 2, total - total // 2)


def numel(shape):
    return math.prod(shape[1:])  # per example


# ---------------------------------------------------------------- layers
# Each layer: __call__(x, training, update) and flops(in_shape, out_shape)
# (per example, from the shapes of a real forward pass).

class Conv:
    kind = 'conv'

    def __init__(self, name, k, cin, cout, stride=1, pad='same', bias=True, gen=None):
        self.name, self.k, self.stride, self.pad = name, k, stride, pad
        fan_in = k * k * cin
        fan_out = k * k * cout / (stride * stride)
        limit = math.sqrt(3 * 4 / (fan_in + fan_out))  # build.ts uniformInit, gain 4
        self.weight = ((torch.rand(cout, cin, k, k, generator=gen) * 2 - 1) * limit).requires_grad_()
        self.bias = torch.zeros(cout).requires_grad_() if bias else None

    def params(self):
        return [(f'{self.name}/kernel', self.weight)] + ([(f'{self.name}/bias', self.bias)] if self.bias is not None else [])

    def __call__(self, x, training, update):
        ph = pad_amounts(x.shape[2], self.k, self.stride, self.pad)
        pw = pad_amounts(x.shape[3], self.k, self.stride, self.pad)
        if ph[0] == ph[1] and pw[0] == pw[1]:
            return F.conv2d(x, self.weight, self.bias, self.stride, padding=(ph[0], pw[0]))
        return F.conv2d(F.pad(x, (pw[0], pw[1], ph[0], ph[1])), self.weight, self.bias, self.stride)

    def flops(self, i, o):
        _, co, ho, wo = o
        kh, kw = self.weight.shape[2:]
        return 2 * ho * wo * kh * kw * self.weight.shape[1] * co + (ho * wo * co if self.bias is not None else 0)


class BN:
    kind = 'bn'

    def __init__(self, name, c):
        self.name = name
        self.gamma = torch.ones(c).requires_grad_()
        self.beta = torch.zeros(c).requires_grad_()
        self.moving_mean = torch.zeros(c)
        self.moving_variance = torch.ones(c)

    def params(self):
        return [(f'{self.name}/gamma', self.gamma), (f'{self.name}/beta', self.beta)]

    def stats(self):
        return [(f'{self.name}/moving_mean', self.moving_mean), (f'{self.name}/moving_variance', self.moving_variance)]

    def __call__(self, x, training, update):
        if not training:
            return F.batch_norm(x, self.moving_mean, self.moving_variance, self.gamma, self.beta, False, 0.0, BN_EPSILON)
        y = F.batch_norm(x, None, None, self.gamma, self.beta, True, 0.0, BN_EPSILON)
        if update:
            # F.batch_norm's own update uses the unbiased variance; tfjs (build.ts) the biased one.
            with torch.no_grad():
                v, m = torch.var_mean(x, dim=(0, 2, 3), unbiased=False)
                self.moving_mean.mul_(BN_MOMENTUM).add_(m, alpha=1 - BN_MOMENTUM)
                self.moving_variance.mul_(BN_MOMENTUM).add_(v, alpha=1 - BN_MOMENTUM)
        return y

    def flops(self, i, o):
        return 4 * numel(o)


# When a list, each relu/lrelu/clip appends the smallest non-zero |input - kink|
# over the mean |input| (a diagnostic of the check).
KINKS = None


class Act:
    def __init__(self, kind, alpha=0.0):
        self.kind, self.alpha = kind, alpha

    def params(self):
        return []

    def __call__(self, x, training, update):
        if KINKS is not None and self.kind in ('relu', 'lrelu', 'clip'):
            with torch.no_grad():
                a = x.abs() if self.kind != 'clip' else torch.minimum(x.abs(), (x - 1).abs())
                a = a[a > 0]  # exact zeros (e.g. from zero inputs) are exact on both sides
                KINKS.append(float(a.min()) / max(float(x.abs().mean()), 1e-30) if a.numel() else 1.0)
        if self.kind == 'relu':
            return F.relu(x)
        if self.kind == 'lrelu':
            return F.leaky_relu(x, self.alpha)
        if self.kind == 'clip':
            return torch.clamp(x, 0.0, 1.0)
        if self.kind == 'maxpool':
            return F.max_pool2d(x, 2, 2)
        if self.kind == 'flatten':
            return torch.flatten(x, 1)
        if self.kind == 'dropout':
            return F.dropout(x, self.alpha, training)
        raise ValueError(self.kind)

    def flops(self, i, o):
        if self.kind in ('relu', 'lrelu', 'clip'):
            return numel(o)
        if self.kind == 'maxpool':
            return numel(o) * 4
        return 0


class Dense:
    kind = 'dense'

    def __init__(self, name, nin, nout, gen=None):
        self.name = name
        limit = math.sqrt(3 * 2 / (nin + nout))  # Glorot uniform
        self.weight = ((torch.rand(nout, nin, generator=gen) * 2 - 1) * limit).requires_grad_()
        self.bias = torch.zeros(nout).requires_grad_()
        self.chw = None  # (C, H, W) of the flattened input, for loading NHWC-ordered kernels

    def params(self):
        return [(f'{self.name}/kernel', self.weight), (f'{self.name}/bias', self.bias)]

    def __call__(self, x, training, update):
        return F.linear(x, self.weight, self.bias)

    def flops(self, i, o):
        nout, nin = self.weight.shape
        return 2 * nin * nout + nout


class Net:
    def __init__(self, name, input_chw, layers):
        self.name, self.input_chw, self.layers = name, input_chw, layers
        self.trace = []  # (layer, in shape, out shape) of a forward pass at batch 1
        x = torch.zeros(1, *input_chw)
        with torch.no_grad():
            for i, l in enumerate(layers):
                y = l(x, False, False)
                self.trace.append((l, tuple(x.shape), tuple(y.shape)))
                if isinstance(l, Dense) and i > 0 and getattr(layers[i - 1], 'kind', '') == 'flatten':
                    l.chw = tuple(self.trace[-2][1][1:])
                x = y

    def named_params(self):
        return [p for l in self.layers for p in l.params()]

    def named_stats(self):
        return [s for l in self.layers if isinstance(l, BN) for s in l.stats()]

    def params(self):
        return [p for _, p in self.named_params()]

    def param_count(self):
        return sum(p.numel() for p in self.params())

    def requires_grad(self, flag):
        for p in self.params():
            p.requires_grad_(flag)

    def __call__(self, x, training, update=False):
        for l in self.layers:
            x = l(x, training, update)
        return x

    def cost(self):
        """Per-example FLOPs split as src/train/flops.ts cost()."""
        fwd = heavy = light = 0
        first = -1
        for l, i, o in self.trace:
            f = l.flops(i, o)
            fwd += f
            if l.kind in ('conv', 'dense'):
                heavy += f
                if first < 0:
                    first = f
            else:
                light += f
        return dict(fwd=fwd, heavy=heavy, first=max(first, 0), light=light)


def denoiser(preset, gen, c=1):
    k = 5 if preset == 'paper' else 3
    a, b = {'paper': (32, 64), 'fast': (16, 32), 'tiny': (4, 8)}[preset]
    return Net(f'denoiser-{preset}', (c, 28, 28), [
        Conv('c1', k, c, a, gen=gen), Act('relu'),
        Conv('c2', k, a, b, bias=False, gen=gen), BN('bn2', b), Act('relu'),
        Conv('c3', k, b, b, bias=False, gen=gen), BN('bn3', b), Act('relu'),
        Conv('c4', k, b, a, bias=False, gen=gen), BN('bn4', a), Act('relu'),
        Conv('c5', k, a, c, gen=gen), Act('clip'),
    ])


def critic(preset, gen, c=1):
    a, b, d = {'paper': (32, 64, 128), 'fast': (16, 32, 64), 'tiny': (4, 8, 16)}[preset]
    layers = [
        Conv('c1', 5, c, a, stride=2, gen=gen), Act('lrelu', 0.2),
        Conv('c2', 5, a, b, stride=2, bias=False, gen=gen), BN('bn2', b), Act('lrelu', 0.2),
        Conv('c3', 5, b, d, stride=2, bias=False, gen=gen), BN('bn3', d), Act('lrelu', 0.2),
        Act('flatten'),
    ]
    flat = Net('probe', (c, 28, 28), layers).trace[-1][2][1]
    return Net(f'critic-{preset}-clip', (c, 28, 28), layers + [Dense('fc', flat, 1, gen=gen)])


def cnn1(gen):
    return Net('cnn1', (1, 28, 28), [
        Conv('c1', 5, 1, 10, pad='valid', gen=gen), Act('maxpool'), Act('relu'),
        Conv('c2', 5, 10, 20, pad='valid', gen=gen), Act('maxpool'), Act('relu'),
        Act('flatten'), Dense('fc1', 320, 50, gen=gen), Act('relu'), Act('dropout', 0.5),
        Dense('fc2', 50, 10, gen=gen),
    ])


def iteration_flops(R, Cr, C0, batch, critic_steps):
    """src/train/flops.ts iterationFlops."""
    def train_weights(c):
        return c['fwd'] + c['heavy'] + (c['heavy'] - c['first']) + c['light']

    def through_input(c):
        return c['fwd'] + c['heavy'] + c['light']
    r, cr, c0 = R.cost(), Cr.cost(), C0.cost()
    crit = critic_steps * batch * (r['fwd'] + 2 * train_weights(cr))
    rest = batch * (train_weights(r) + through_input(cr) + through_input(c0))
    return crit + rest


# ---------------------------------------------------------------- training

class Adam:
    """src/train/adam.ts: stepSize = lr sqrt(1 - b2^t) / (1 - b1^t); p -= stepSize m / (sqrt(v) + eps)."""

    def __init__(self, params, lr, beta1, beta2, eps=1e-8):
        self.params, self.lr, self.b1, self.b2, self.eps = params, lr, beta1, beta2, eps
        self.m = [torch.zeros_like(p) for p in params]
        self.v = [torch.zeros_like(p) for p in params]
        self.t = 0

    @torch.no_grad()
    def apply(self, grads, lr=None):
        lr = self.lr if lr is None else lr
        self.t += 1
        step = lr * math.sqrt(1 - self.b2 ** self.t) / (1 - self.b1 ** self.t)
        torch._foreach_mul_(self.m, self.b1)
        torch._foreach_add_(self.m, grads, alpha=1 - self.b1)
        torch._foreach_mul_(self.v, self.b2)
        torch._foreach_addcmul_(self.v, grads, grads, value=1 - self.b2)
        denom = torch._foreach_sqrt(self.v)
        torch._foreach_add_(denom, self.eps)
        torch._foreach_addcdiv_(self.params, self.m, denom, value=-step)


class Trainer:
    def __init__(self, R, Cr, C0, cfg=CFG):
        self.R, self.Cr, self.C0, self.cfg = R, Cr, C0, cfg
        C0.requires_grad(False)
        self.r_adam = Adam(R.params(), cfg['restorer_lr'], cfg['beta1'], cfg['beta2'])
        self.c_adam = Adam(Cr.params(), cfg['critic_lr'], cfg['beta1'], cfg['beta2'])
        self.iteration = 0
        self.last_grads = None
        self.clip_critic()

    @torch.no_grad()
    def clip_critic(self):
        c = self.cfg['clip']
        for p in self.Cr.params():
            p.clamp_(-c, c)

    def critic_step(self, x, y):
        with torch.no_grad():
            fake = self.R(y, True)
        loss = self.Cr(fake, True).mean() - self.Cr(x, True).mean()
        grads = self.last_grads = torch.autograd.grad(loss, self.Cr.params())
        self.c_adam.apply(grads)
        self.clip_critic()
        return loss.detach()

    def restorer_step(self, x, y, labels):
        cfg, i = self.cfg, self.iteration
        w = cfg['alpha'] if cfg['mse_warmup'] <= 1 else max(cfg['alpha'], 1 - i / (cfg['mse_warmup'] - 1))
        lr = cfg['restorer_lr'] / cfg['lr_decay_factor'] ** (i // cfg['lr_decay_every']) if cfg['lr_decay_every'] > 0 else cfg['restorer_lr']
        assert cfg['beta'] > 0 and cfg['gamma'] > 0  # else the trainer's display-only passes would be missing here
        self.Cr.requires_grad(False)  # no critic weight gradients in the restorer step
        try:
            xh = self.R(y, True, update=True)
            mse = torch.mean((xh - x) ** 2)
            adv = -torch.mean(self.Cr(xh, True))
            ce = F.cross_entropy(self.C0(xh, False), labels)
            total = mse * w + adv * cfg['beta'] + ce * cfg['gamma']
            grads = self.last_grads = torch.autograd.grad(total, self.R.params())
        finally:
            self.Cr.requires_grad(True)
        self.r_adam.apply(grads, lr)
        self.iteration += 1
        return dict(mse=mse.detach(), adv=adv.detach(), ce=ce.detach(), total=total.detach())


def build(preset, seed):
    gen = torch.Generator().manual_seed(seed)
    return denoiser(preset, gen), critic(preset, gen), cnn1(gen)


def bench(preset, batch, reps, warmup, threads):
    R, Cr, C0 = build(preset, 1)
    tr = Trainer(R, Cr, C0)
    gen = torch.Generator().manual_seed(3)
    n = max(2 * batch, 64)
    images = torch.rand(n, 1, 28, 28, generator=gen)
    labels_all = torch.randint(0, 10, (n,), generator=gen)

    def draw():
        idx = torch.randperm(n, generator=gen)[:batch]
        x = images[idx]
        return x, x + CFG['sigma'] * torch.randn(x.shape, generator=gen), labels_all[idx]

    def iteration():
        losses = [tr.critic_step(*draw()[:2]) for _ in range(CFG['critic_steps'])]
        r = tr.restorer_step(*draw())
        return [float(v) for v in losses + list(r.values())]  # the read-back

    times = []
    for i in range(warmup + reps):
        t0 = time.perf_counter()
        iteration()
        dt = (time.perf_counter() - t0) * 1000
        if i >= warmup:
            times.append(dt)
    costs = {k: v.cost()['fwd'] for k, v in (('restorer', R), ('critic', Cr), ('classifier', C0))}
    return dict(preset=preset, threads=threads, batch=batch, ms=statistics.median(times), ms_all=times, warmup=warmup, reps=reps,
                torch=torch.__version__, omp_wait_policy=os.environ.get('OMP_WAIT_POLICY', 'unset (default)'),
                params=dict(restorer=R.param_count(), critic=Cr.param_count(), classifier=C0.param_count()),
                fwd_flops=costs, flops=iteration_flops(R, Cr, C0, batch, CFG['critic_steps']))


# ---------------------------------------------------------------- loss-conditional (--conditional)
# The twin of `npm run bench:conditional` (scripts/bench/conditional.ts): per
# MNIST conditional preset, one iteration of the fixed-weight trainer above and
# one of the loss-conditional trainer (src/train/conditional/trainer.ts), timed
# alternately in one process, in PyTorch's default configuration (no
# OMP_WAIT_POLICY set here).

def sr(preset, gen, c=1):
    """src/models/zoo.ts restorerSpec('sr', preset)."""
    k1, k2 = (9, 5) if preset == 'paper' else (3, 3)
    a, b = {'paper': (64, 32), 'fast': (32, 16), 'tiny': (8, 4)}[preset]
    return Net(f'sr-{preset}', (c, 28, 28), [
        Conv('c1', k1, c, a, gen=gen), Act('relu'),
        Conv('c2', k2, a, b, gen=gen), Act('relu'),
        Conv('c3', k2, b, c, gen=gen), Act('clip'),
    ])


def logistic(gen):
    return Net('logistic', (1, 28, 28), [Act('flatten'), Dense('fc', 784, 10, gen=gen)])


def cnn2(gen):
    layers, c = [], 1
    for b in (1, 2, 3):
        layers += [Conv(f'b{b}c1', 3, c, 64, gen=gen), Act('relu'), Conv(f'b{b}c2', 3, 64, 64, gen=gen), Act('relu'), Act('maxpool')]
        c = 64
    return Net('cnn2', (1, 28, 28), layers + [
        Act('flatten'), Dense('fc1', 576, 256, gen=gen), Act('relu'), Act('dropout', 0.5), Dense('fc2', 256, 10, gen=gen)])


CLASSIFIERS = {'logistic': logistic, 'cnn1': cnn1, 'cnn2': cnn2}

# src/experiments/conditionalPresets.ts CONDITIONAL_PRESETS with their
# experiment presets (src/experiments/presets.ts): fast restorer, weight-clipped
# fast critic, batch 25, 1 critic step; ranges (lo, hi, pZero) of beta/alpha
# and gamma/alpha. scripts/bench/torch.ts compares all of it with the
# TypeScript presets on every run.
DENOISE_RANGES = dict(beta=(1e-3, 1.0, 0.15), gamma=(1e-3, 2.0, 0.15))
COND_PRESETS = {
    'exp1': dict(task='denoise', classifier='logistic', ranges=DENOISE_RANGES),
    'exp2': dict(task='denoise', classifier='cnn1', ranges=DENOISE_RANGES),
    'exp3': dict(task='denoise', classifier='cnn2', ranges=DENOISE_RANGES),
    'exp4': dict(task='sr', classifier='cnn1', ranges=dict(beta=(1e-3, 0.2, 0.15), gamma=(1e-4, 0.02, 0.15))),
}
COND_BATCH = 25
COND_CRITIC_STEPS = 1
FILM_HIDDEN = 32
CONDITION_FEATURES = 2


def fixed_setting(ranges):
    """scripts/bench/conditional.ts fixedSetting: the geometric middle of each range, 2 significant digits."""
    return {k: float(f'{math.sqrt(ranges[k][0] * ranges[k][1]):.2g}') for k in ('beta', 'gamma')}


def ratio_feature(r, lo, hi):
    """src/models/conditioning.ts ratioFeature."""
    eps = lo / 2
    a, b = math.log(eps), math.log(hi + eps)
    return 2 * (torch.log(r.clamp(min=0) + eps) - a) / (b - a) - 1


def draw_weights(ranges, n, gen):
    """src/train/conditional/weightSampler.ts: per example, each ratio 0 with pZero, else log-uniform on [lo, hi]."""
    out = []
    for key in ('beta', 'gamma'):
        lo, hi, p_zero = ranges[key]
        u1, u2 = torch.rand(n, generator=gen), torch.rand(n, generator=gen)
        out.append(torch.where(u1 < p_zero, torch.zeros(n), torch.exp(math.log(lo) + u2 * (math.log(hi) - math.log(lo)))))
    beta, gamma = out
    cond = torch.stack([ratio_feature(beta, *ranges['beta'][:2]), ratio_feature(gamma, *ranges['gamma'][:2])], 1)
    return beta, gamma, cond


class CondNet:
    """src/models/conditional.ts: FiLM h * (1 + s) + t (critic: 1 + tanh(s)) at the output of
    every layer that feeds a relu/lrelu on a conv feature map; s, t per example and channel
    from a 2 -> 32 -> 32 ReLU trunk and one zero-initialised linear head per modulated layer."""

    def __init__(self, base, bounded, gen, features=CONDITION_FEATURES, hidden=FILM_HIDDEN):
        self.base, self.bounded = base, bounded
        self.films = {}
        for i, (l, _, _) in enumerate(base.trace):
            if i > 0 and l.kind in ('relu', 'lrelu') and len(base.trace[i - 1][2]) == 4:
                self.films[i - 1] = base.trace[i - 1][2][1]

        def glorot(nin, nout):
            limit = math.sqrt(6 / (nin + nout))
            return ((torch.rand(nout, nin, generator=gen) * 2 - 1) * limit).requires_grad_()
        self.w1, self.b1 = glorot(features, hidden), torch.zeros(hidden).requires_grad_()
        self.w2, self.b2 = glorot(hidden, hidden), torch.zeros(hidden).requires_grad_()
        self.heads = {i: (torch.zeros(2 * c, hidden).requires_grad_(), torch.zeros(2 * c).requires_grad_()) for i, c in self.films.items()}

    def film_params(self):
        return [self.w1, self.b1, self.w2, self.b2] + [p for w, b in self.heads.values() for p in (w, b)]

    def params(self):
        return self.base.params() + self.film_params()

    def requires_grad(self, flag):
        for p in self.params():
            p.requires_grad_(flag)

    def __call__(self, x, cond, training, update=False):
        code = F.relu(F.linear(F.relu(F.linear(cond, self.w1, self.b1)), self.w2, self.b2))
        for i, l in enumerate(self.base.layers):
            x = l(x, training, update)
            hd = self.heads.get(i)
            if hd is not None:
                st = F.linear(code, *hd)
                c = hd[1].shape[0] // 2
                s, t = st[:, :c], st[:, c:]
                scale = 1 + torch.tanh(s) if self.bounded else 1 + s
                x = x * scale[:, :, None, None] + t[:, :, None, None]
        return x


class CondTrainer:
    """src/train/conditional/trainer.ts: per-example loss MSE_i + b_i (-critic(X^_i | w_i)) + g_i CE_i,
    batch mean; the critic compares x_i and X^_i under the same w_i; clipping on the base critic only."""

    def __init__(self, R, Cr, C0, cfg):
        self.R, self.Cr, self.C0, self.cfg = R, Cr, C0, cfg
        C0.requires_grad(False)
        self.r_adam = Adam(R.params(), cfg['restorer_lr'], cfg['beta1'], cfg['beta2'])
        self.c_adam = Adam(Cr.params(), cfg['critic_lr'], cfg['beta1'], cfg['beta2'])
        self.iteration = 0
        self.clip_critic()

    @torch.no_grad()
    def clip_critic(self):
        c = self.cfg['clip']
        for p in self.Cr.base.params():
            p.clamp_(-c, c)

    def critic_step(self, x, y, cond):
        with torch.no_grad():
            fake = self.R(y, cond, True)
        real_out = self.Cr(x, cond, True)
        loss = self.Cr(fake, cond, True).mean() - real_out.mean()
        grads = torch.autograd.grad(loss, self.Cr.params())
        self.c_adam.apply(grads)
        self.clip_critic()
        return loss.detach()

    def restorer_step(self, x, y, labels, beta, gamma, cond):
        cfg, i = self.cfg, self.iteration
        lr = cfg['restorer_lr'] / cfg['lr_decay_factor'] ** (i // cfg['lr_decay_every']) if cfg['lr_decay_every'] > 0 else cfg['restorer_lr']
        self.Cr.requires_grad(False)
        try:
            xh = self.R(y, cond, True, update=True)
            mse_i = ((xh - x) ** 2).mean(dim=(1, 2, 3))
            adv_i = -self.Cr(xh, cond, True).reshape(-1)
            ce_i = F.cross_entropy(self.C0(xh, False), labels, reduction='none')
            total = (mse_i + beta * adv_i + gamma * ce_i).mean()
            grads = torch.autograd.grad(total, self.R.params())
        finally:
            self.Cr.requires_grad(True)
        self.r_adam.apply(grads, lr)
        self.iteration += 1
        return dict(mse=mse_i.mean().detach(), adv=adv_i.mean().detach(), ce=ce_i.mean().detach(), total=total.detach())


def bench_conditional(pid, batch, reps, warmup, threads, default_threads):
    p = COND_PRESETS[pid]
    fixed = fixed_setting(p['ranges'])
    cfg = dict(CFG, critic_steps=COND_CRITIC_STEPS, mse_warmup=0, **fixed)
    gen = torch.Generator().manual_seed(1)
    restorer = denoiser if p['task'] == 'denoise' else sr
    C0 = CLASSIFIERS[p['classifier']](gen)
    fixed_tr = Trainer(restorer('fast', gen), critic('fast', gen), C0, cfg)
    Rc, Crc = CondNet(restorer('fast', gen), False, gen), CondNet(critic('fast', gen), True, gen)
    cond_tr = CondTrainer(Rc, Crc, C0, cfg)

    dgen = torch.Generator().manual_seed(3)
    n = max(2 * batch, 64)
    images = torch.rand(n, 1, 28, 28, generator=dgen)
    labels_all = torch.randint(0, 10, (n,), generator=dgen)
    # SR: fixed degraded inputs made once (as src/train/taskData.ts), x6 area down and bicubic up.
    degraded = F.interpolate(F.avg_pool2d(F.pad(images, (1, 1, 1, 1)), 6), size=(28, 28), mode='bicubic', align_corners=False).clamp(0, 1)

    def draw():
        idx = torch.randperm(n, generator=dgen)[:batch]
        x = images[idx]
        y = x + CFG['sigma'] * torch.randn(x.shape, generator=dgen) if p['task'] == 'denoise' else degraded[idx]
        return x, y, labels_all[idx]

    def fixed_iteration():
        losses = [fixed_tr.critic_step(*draw()[:2]) for _ in range(COND_CRITIC_STEPS)]
        r = fixed_tr.restorer_step(*draw())
        return [float(v) for v in losses + list(r.values())]  # the read-back

    def cond_iteration():
        losses = []
        for _ in range(COND_CRITIC_STEPS):
            x, y, _ = draw()
            losses.append(cond_tr.critic_step(x, y, draw_weights(p['ranges'], batch, dgen)[2]))
        r = cond_tr.restorer_step(*draw(), *draw_weights(p['ranges'], batch, dgen))
        return [float(v) for v in losses + list(r.values())]

    def timed(f):
        t0 = time.perf_counter()
        f()
        return (time.perf_counter() - t0) * 1000

    for _ in range(max(1, warmup)):
        timed(fixed_iteration)
        timed(cond_iteration)
    ms_fixed, ms_cond = [], []
    for i in range(reps):  # alternating, as scripts/bench/conditional.ts
        if i % 2 == 0:
            ms_fixed.append(timed(fixed_iteration))
            ms_cond.append(timed(cond_iteration))
        else:
            ms_cond.append(timed(cond_iteration))
            ms_fixed.append(timed(fixed_iteration))
    count = lambda ps: sum(q.numel() for q in ps)  # noqa: E731
    return dict(mode='conditional', preset=pid, task=p['task'], classifier=p['classifier'], restorer='fast', critic='clip', batch=batch,
                critic_steps=COND_CRITIC_STEPS, ranges={k: list(v) for k, v in p['ranges'].items()}, fixed=fixed,
                threads=threads, default_threads=default_threads, ms_fixed=statistics.median(ms_fixed), ms_cond=statistics.median(ms_cond),
                ms_fixed_all=ms_fixed, ms_cond_all=ms_cond, warmup=max(1, warmup), reps=reps, torch=torch.__version__,
                omp_wait_policy=os.environ.get('OMP_WAIT_POLICY', 'unset (default)'),
                params=dict(restorer=Rc.base.param_count(), restorer_film=count(Rc.film_params()), critic=Crc.base.param_count(),
                            critic_film=count(Crc.film_params()), classifier=C0.param_count()),
                fwd_flops=dict(restorer=Rc.base.cost()['fwd'], critic=Crc.base.cost()['fwd'], classifier=C0.cost()['fwd']))


# ---------------------------------------------------------------- check against tfjs

def load_dump(d):
    import numpy as np
    man = json.load(open(os.path.join(d, 'manifest.json')))
    raw = np.fromfile(os.path.join(d, 'data.bin'), dtype='<f4')
    t = {e['name']: torch.from_numpy(raw[e['offset']:e['offset'] + math.prod(e['shape'])].reshape(e['shape']).copy()) for e in man['tensors']}
    return man, t


def to_torch_layout(layer, key, v):
    if key.endswith('/kernel') and isinstance(layer, Conv):
        return v.permute(3, 2, 0, 1).contiguous()  # HWIO -> OIHW
    if key.endswith('/kernel') and isinstance(layer, Dense):
        if layer.chw is None:
            return v.t().contiguous()
        c, h, w = layer.chw
        return v.reshape(h, w, c, -1).permute(3, 2, 0, 1).reshape(v.shape[1], -1).contiguous()  # NHWC rows -> NCHW rows
    return v


def owner(net, key):
    name = key.split('/')[0]
    return next(l for l in net.layers if getattr(l, 'name', None) == name)


@torch.no_grad()
def load_net(net, t, prefix):
    for key, p in net.named_params() + net.named_stats():
        p.copy_(to_torch_layout(owner(net, key), key, t[f'{prefix}/{key}']))


@torch.no_grad()
def load_adam(adam, net, t, prefix, steps):
    for i, (key, _) in enumerate(net.named_params()):
        layer = owner(net, key)
        adam.m[i].copy_(to_torch_layout(layer, key, t[f'{prefix}/m/{key}']))
        adam.v[i].copy_(to_torch_layout(layer, key, t[f'{prefix}/v/{key}']))
    adam.t = steps


def rel(a, b):
    return abs(a - b) / max(abs(b), 1e-4)


def compare_step(net, grads, t, pre, post, lr, b1=CFG['beta1']):
    """One Adam step from the same state: the gradient (tfjs's from its Adam
    moment, g = (m1 - b1 m0) / (1 - b1)) and the update p1 - p0. Adam's first
    steps are about lr sign(g), so an entry whose |g| is at float32 noise can
    move the other way: those are counted, with their largest |g|."""
    gn = gd = un = ud = 0.0
    max_abs = gmax = flip_g = 0.0
    flips = count = 0
    differing = []  # tensors whose gradient is off by more than 1e-5 (relative L2)
    for (key, p), g in zip(net.named_params(), grads):
        conv = lambda v: to_torch_layout(owner(net, key), key, v)  # noqa: E731
        g_ts = conv((t[f'{post}/m/{key}'] - b1 * t[f'{pre}/m/{key}']) / (1 - b1))
        before, after = conv(t[f'{pre}/{key}']), conv(t[f'{post}/{key}'])
        du_ts, du_pt = after - before, p.detach() - before
        e2, n2 = float((g - g_ts).pow(2).sum()), float(g_ts.pow(2).sum())
        gn += e2
        gd += n2
        if e2 > 1e-10 * n2:
            differing.append(key)
        un += float((du_pt - du_ts).pow(2).sum())
        ud += float(du_ts.pow(2).sum())
        max_abs = max(max_abs, float((p.detach() - after).abs().max()))
        gmax = max(gmax, float(g_ts.abs().max()))
        bad = (du_pt - du_ts).abs() > 0.1 * lr
        flips += int(bad.sum())
        count += p.numel()
        if bad.any():
            flip_g = max(flip_g, float(g_ts[bad].abs().max()))
    return dict(grad_rel_l2=math.sqrt(gn / max(gd, 1e-300)), update_rel_l2=math.sqrt(un / max(ud, 1e-300)), max_abs=max_abs,
                flips=flips, params=count, flip_max_grad_rel=flip_g / max(gmax, 1e-300), differing=differing)


def check(d):
    global KINKS
    man, t = load_dump(d)
    preset, S = man['preset'], man['criticSteps']
    nchw = lambda a: a.permute(0, 3, 1, 2).contiguous()  # noqa: E731
    batch = lambda s: (nchw(t[f'batch/{s}/x']), nchw(t[f'batch/{s}/y']), t[f'batch/{s}/labels'].long())  # noqa: E731
    out = dict(preset=preset, batch=man['batch'], backend=man['backend'], torch=torch.__version__)

    # Each step from tfjs's state before it (weights, BN statistics, Adam moments).
    R, Cr, C0 = build(preset, 0)
    load_net(R, t, 'init/restorer')
    load_net(C0, t, 'init/classifier')
    tr = Trainer(R, Cr, C0)
    steps = []
    for s in range(S):
        load_net(Cr, t, f's{s}/pre/critic')
        load_adam(tr.c_adam, Cr, t, f's{s}/pre/critic', s)
        x, y, _ = batch(s)
        KINKS = []
        loss = float(tr.critic_step(x, y))
        steps.append(dict(loss=loss, tfjs=man['losses']['critic'][s], rel=rel(loss, man['losses']['critic'][s]), kink=min(KINKS),
                          **compare_step(Cr, tr.last_grads, t, f's{s}/pre/critic', f's{s}/post/critic', CFG['critic_lr'])))
    load_net(Cr, t, f's{S}/pre/critic')
    load_net(R, t, f's{S}/pre/restorer')
    load_adam(tr.r_adam, R, t, f's{S}/pre/restorer', 0)
    KINKS = []
    r = tr.restorer_step(*batch(S))
    kink = min(KINKS)
    KINKS = None
    out['per_step'] = dict(
        critic=steps,
        restorer=dict(kink=kink, losses={k: dict(torch=float(v), tfjs=man['losses'][k], rel=rel(float(v), man['losses'][k])) for k, v in r.items()},
                      bn_stats_max_abs=max(float((v - t[f's{S}/post/restorer/{k}']).abs().max()) for k, v in R.named_stats()),
                      **compare_step(R, tr.last_grads, t, f's{S}/pre/restorer', f's{S}/post/restorer', CFG['restorer_lr'])))

    # The whole iteration from the initial weights alone (float32 differences compound across steps).
    R, Cr, C0 = build(preset, 0)
    for net, name in ((R, 'restorer'), (Cr, 'critic'), (C0, 'classifier')):
        load_net(net, t, f'init/{name}')
    tr = Trainer(R, Cr, C0)
    crit = [float(tr.critic_step(*batch(s)[:2])) for s in range(S)]
    r = tr.restorer_step(*batch(S))
    free = dict(critic_loss_max_rel=max(rel(a, b) for a, b in zip(crit, man['losses']['critic'])),
                restorer_loss_rel={k: rel(float(v), man['losses'][k]) for k, v in r.items()})
    for net, name, last in ((R, 'restorer', f's{S}/post/restorer'), (Cr, 'critic', f's{S}/pre/critic')):
        free[f'{name}_max_abs'] = max(float((p.detach() - to_torch_layout(owner(net, k), k, t[f'{last}/{k}'])).abs().max()) for k, p in net.named_params())
    out['free_run'] = free

    # A relu/leaky-ReLU input within float32 noise of 0 can take the other
    # slope on one side; that step's gradient then differs by one element's
    # slope change, passed to the layers before it only. Losses must agree to
    # 1e-4 (relative, floor 1e-4 for the near-zero critic loss); gradients to
    # 1e-5 on at least half the steps and 5e-2 on all; Adam's first steps move
    # entries with |g| at noise the other way, so on the steps below 1e-5 only
    # entries with |g| < 1e-4 of the net's largest may do so.
    ps = out['per_step']
    rows = ps['critic'] + [ps['restorer']]
    grads = sorted(st['grad_rel_l2'] for st in rows)
    losses = [c['rel'] for c in ps['critic']] + [v['rel'] for v in ps['restorer']['losses'].values()]
    smooth = [st for st in rows if st['grad_rel_l2'] < 1e-5]
    out['worst'] = dict(loss_rel=max(losses), grad_rel_l2_median=statistics.median(grads), grad_rel_l2_max=grads[-1],
                        smooth_steps=len(smooth), steps=len(rows), smooth_grad_rel_l2=max([st['grad_rel_l2'] for st in smooth], default=0.0),
                        smooth_update_rel_l2=max([st['update_rel_l2'] for st in smooth], default=0.0),
                        smooth_flip_max_grad_rel=max([st['flip_max_grad_rel'] for st in smooth], default=0.0),
                        bn_stats_max_abs=ps['restorer']['bn_stats_max_abs'])
    w = out['worst']
    out['ok'] = (w['loss_rel'] < 1e-4 and 2 * len(smooth) >= len(rows) and w['grad_rel_l2_max'] < 5e-2
                 and w['smooth_flip_max_grad_rel'] < 1e-4 and w['bn_stats_max_abs'] < 1e-5)
    print(json.dumps(out))
    return out['ok']


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--threads', type=int, default=os.cpu_count())
    ap.add_argument('--batch', type=int, default=None, help=f'default 50; {COND_BATCH} with --conditional')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('--warmup', type=int, default=1)
    ap.add_argument('--presets', default='fast,paper')
    ap.add_argument('--check', metavar='DIR', help='compare against a tfjs dump written by scripts/bench/torch.ts')
    ap.add_argument('--conditional', metavar='PRESETS', help='time the loss-conditional iteration against the fixed-weight one for these '
                    f'conditional presets ({",".join(COND_PRESETS)}), in PyTorch\'s default configuration')
    a = ap.parse_args()
    default_threads = torch.get_num_threads()
    torch.set_num_threads(a.threads)
    if a.conditional:
        for pid in a.conditional.split(','):
            if pid not in COND_PRESETS:
                ap.error(f'--conditional: no preset {pid}')
            print(json.dumps(bench_conditional(pid, a.batch or COND_BATCH, a.reps, a.warmup, a.threads, default_threads)), flush=True)
        return
    a.batch = a.batch or 50
    if a.check:
        sys.exit(0 if check(a.check) else 1)
    for preset in a.presets.split(','):
        print(json.dumps(bench(preset, a.batch, a.reps, a.warmup, a.threads)), flush=True)


if __name__ == '__main__':
    main()
