/**
 * The PyTorch anchor of `npm run bench:train`: runs scripts/bench_torch.py
 * (the same iteration as src/train/bench.ts benchIteration, on the CPU with
 * Debian's python3-torch) when `/usr/bin/python3 -c 'import torch'` works, and
 * checks that its networks have the parameter and FLOP counts of ours.
 *
 * `npm run bench:train -- --check-torch [--check-batch 8] [--check-backend cpu|wasm]`
 * (checkTorch) replays one Trainer iteration of each preset in PyTorch from the
 * same initial weights and batches and prints the agreement of the losses and
 * of the weights after the steps; it exits non-zero past the tolerances.
 *
 * runTorchCondBench is the PyTorch row of `npm run bench:conditional`
 * (bench_torch.py --conditional, in PyTorch's default configuration), checked
 * against our conditional presets and nets the same way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { REPO_DIR } from '../../e2e/paths';
import { createRng } from '../../src/data/rng';
import { buildNet, type Net } from '../../src/models/build';
import { forwardFlops, paramCount } from '../../src/models/spec';
import { classifierSpec, criticSpec, restorerSpec, type Preset } from '../../src/models/zoo';
import { benchFlops } from '../../src/train/bench';
import { DEFAULT_CONFIG } from '../../src/train/config';
import { squaresSet } from '../../src/train/fixtures';
import { makeTaskData, type HostBatch } from '../../src/train/taskData';
import { restorerKind, Trainer } from '../../src/train/trainer';
import { CONDITIONAL_PRESETS, type CondPresetId } from '../../src/experiments/conditionalPresets';
import { condSpec, filmParamCount } from '../../src/models/conditional';
import { useBackend } from '../nodeTf';
import { COND_BENCH_INPUT, condBenchConfig, fixedSetting } from './conditional';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(REPO_DIR, 'scripts/bench_torch.py');

/** torch.__version__, or null when the interpreter or torch is missing. */
export function torchVersion(python = PYTHON): string | null {
  const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export interface TorchResult {
  readonly preset: Preset;
  readonly threads: number;
  readonly batch: number;
  /** Median ms per iteration over the reps. */
  readonly ms: number;
  readonly msAll: number[];
  readonly reps: number;
  readonly torch: string;
  readonly params: { restorer: number; critic: number; classifier: number };
  readonly flops: number;
  /** Set when a parameter or FLOP count differs from ours (the row then does not measure the same work). */
  readonly mismatch?: string;
  /** OMP_WAIT_POLICY of the run this result comes from ('unset (default)' for PyTorch's own). */
  readonly waitPolicy: string;
  /** Median ms under each wait policy tried, in the order run. */
  readonly byPolicy: Readonly<Record<string, number>>;
}

interface RawLine {
  omp_wait_policy: string;
  preset: Preset;
  threads: number;
  batch: number;
  ms: number;
  ms_all: number[];
  reps: number;
  torch: string;
  params: { restorer: number; critic: number; classifier: number };
  fwd_flops: { restorer: number; critic: number; classifier: number };
  flops: number;
}

function specs(preset: Preset) {
  const input: [number, number, number] = [28, 28, 1];
  return { restorer: restorerSpec('denoiser', preset, input), critic: criticSpec(preset, 'clip', input), classifier: classifierSpec('cnn1') };
}

/** What differs between the PyTorch nets and ours: parameter counts, forward FLOPs, iteration FLOPs. */
function mismatches(r: RawLine, criticSteps: number): string[] {
  const s = specs(r.preset);
  const out: string[] = [];
  for (const k of ['restorer', 'critic', 'classifier'] as const) {
    if (r.params[k] !== paramCount(s[k])) out.push(`${k} params ${r.params[k]} vs ${paramCount(s[k])}`);
    if (r.fwd_flops[k] !== forwardFlops(s[k])) out.push(`${k} FLOPs ${r.fwd_flops[k]} vs ${forwardFlops(s[k])}`);
  }
  const ours = benchFlops(r.preset, r.batch, criticSteps);
  if (r.flops !== ours) out.push(`iteration FLOPs ${r.flops} vs ${ours}`);
  return out;
}

export interface TorchBenchOptions {
  readonly presets: readonly Preset[];
  readonly batch: number;
  /** The thread count to match (the browser wasm row's). */
  readonly threads: number;
  readonly reps: number;
  readonly warmup?: number;
  readonly python?: string;
}

/**
 * OpenMP wait policies the anchor is run under: PyTorch's default (the
 * variable unset) first, then the two settings users may set. The fastest
 * per preset is the anchor, so no setting ever makes it slower than
 * PyTorch can be.
 */
export const WAIT_POLICIES = [null, 'PASSIVE', 'ACTIVE'] as const;

/**
 * bench_torch.py with `args` under one OpenMP wait policy (null: unset, as
 * PyTorch's users run it; every variable in NON_DEFAULT_OMP_ENV removed
 * otherwise): its JSON lines, or why there are none.
 */
function runUnderPolicy<T>(python: string, args: readonly string[], policy: string | null): T[] | string {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of NON_DEFAULT_OMP_ENV) delete env[k];
  if (policy) env.OMP_WAIT_POLICY = policy;
  const r = spawnSync(python, [SCRIPT, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26, env });
  if (r.status !== 0) return `bench_torch.py exited with ${r.status ?? r.signal} (OMP_WAIT_POLICY ${policy ?? 'unset'})`;
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as T);
}

/** Runs under each policy in turn, one after the other; the lines of every run, or why one failed. */
function runUnderPolicies<T>(python: string, args: readonly string[], policies: readonly (string | null)[]): T[][] | string {
  const runs: T[][] = [];
  for (const policy of policies) {
    const out = runUnderPolicy<T>(python, args, policy);
    if (typeof out === 'string') return out;
    runs.push(out);
  }
  return runs;
}

/**
 * One result per preset, or a note saying why there is none: bench_torch.py
 * under each of `policies` (default WAIT_POLICIES) in turn, the fastest
 * median per preset kept, with what each policy measured.
 */
export function runTorchBench(o: TorchBenchOptions, policies: readonly (string | null)[] = WAIT_POLICIES): { results: TorchResult[] } | { skipped: string } {
  const python = o.python ?? PYTHON;
  if (!torchVersion(python)) return { skipped: `no PyTorch row: \`${python} -c 'import torch'\` fails (sudo apt-get install python3-torch)` };
  const args = ['--threads', String(o.threads), '--batch', String(o.batch), '--reps', String(o.reps), '--warmup', String(o.warmup ?? 1), '--presets', o.presets.join(',')];
  const runs = runUnderPolicies<RawLine>(python, args, policies);
  if (typeof runs === 'string') return { skipped: `no PyTorch row: ${runs}` };
  const results = o.presets.flatMap((preset) => {
    const lines = runs.map((run) => run.find((l) => l.preset === preset)).filter((l): l is RawLine => l !== undefined);
    if (lines.length === 0) return [];
    const best = lines.reduce((a, b) => (b.ms < a.ms ? b : a));
    const bad = mismatches(best, DEFAULT_CONFIG.criticSteps);
    return [
      {
        preset: best.preset,
        threads: best.threads,
        batch: best.batch,
        ms: best.ms,
        msAll: best.ms_all,
        reps: best.reps,
        torch: best.torch,
        params: best.params,
        flops: best.flops,
        mismatch: bad.length ? bad.join('; ') : undefined,
        waitPolicy: best.omp_wait_policy,
        byPolicy: Object.fromEntries(lines.map((l) => [l.omp_wait_policy, l.ms])),
      },
    ];
  });
  return { results };
}

// ------------------------------------------------------------------ the conditional twin (npm run bench:conditional)

export interface TorchCondResult {
  readonly preset: CondPresetId;
  readonly threads: number;
  /** torch.get_num_threads() before the script set --threads. */
  readonly defaultThreads: number;
  readonly batch: number;
  /** Medians over the reps. */
  readonly msFixed: number;
  readonly msCond: number;
  readonly reps: number;
  readonly torch: string;
  /** The wait policy of the fastest conditional iteration (the fixed one is the fastest over the same runs). */
  readonly ompWaitPolicy: string;
  /** Median ms of the conditional iteration under each wait policy tried. */
  readonly condByPolicy: Readonly<Record<string, number>>;
  /** Set when a net, range, task or c0 differs from ours (the row then does not measure the same work). */
  readonly mismatch?: string;
}

interface RawCondLine {
  mode: 'conditional';
  preset: CondPresetId;
  task: string;
  classifier: string;
  restorer: string;
  critic: string;
  batch: number;
  critic_steps: number;
  ranges: { beta: [number, number, number]; gamma: [number, number, number] };
  fixed: { beta: number; gamma: number };
  threads: number;
  default_threads: number;
  ms_fixed: number;
  ms_cond: number;
  reps: number;
  torch: string;
  omp_wait_policy: string;
  params: { restorer: number; restorer_film: number; critic: number; critic_film: number; classifier: number };
  fwd_flops: { restorer: number; critic: number; classifier: number };
}

/** What differs between bench_torch.py's conditional preset and ours. */
function condMismatches(r: RawCondLine): string[] {
  const cp = CONDITIONAL_PRESETS.find((p) => p.id === r.preset);
  if (!cp) return [`no conditional preset ${r.preset}`];
  const { cfg, classifier } = condBenchConfig(cp);
  const input = COND_BENCH_INPUT;
  const restorer = condSpec(restorerSpec(restorerKind(cfg.task), cfg.preset, input), { boundedScale: false });
  const critic = condSpec(criticSpec(cfg.preset, cfg.criticMode, input), { boundedScale: true });
  const c0 = classifierSpec(classifier);
  const out: string[] = [];
  const same = (what: string, theirs: unknown, ours: unknown) => {
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) out.push(`${what} ${JSON.stringify(theirs)} vs ${JSON.stringify(ours)}`);
  };
  same('task', r.task, cfg.task);
  same('c0', r.classifier, classifier);
  same('restorer', r.restorer, cfg.preset);
  same('critic', r.critic, cfg.criticMode);
  same('batch', r.batch, cfg.batchSize);
  same('critic steps', r.critic_steps, cfg.criticSteps);
  same('fixed setting', r.fixed, fixedSetting(cp.ranges));
  for (const k of ['beta', 'gamma'] as const) same(`${k} range`, r.ranges[k], [cp.ranges[k].lo, cp.ranges[k].hi, cp.ranges[k].pZero]);
  same('restorer params', r.params.restorer, paramCount(restorer.base));
  same('restorer FiLM params', r.params.restorer_film, filmParamCount(restorer));
  same('critic params', r.params.critic, paramCount(critic.base));
  same('critic FiLM params', r.params.critic_film, filmParamCount(critic));
  same('c0 params', r.params.classifier, paramCount(c0));
  same('restorer FLOPs', r.fwd_flops.restorer, forwardFlops(restorer.base));
  same('critic FLOPs', r.fwd_flops.critic, forwardFlops(critic.base));
  same('c0 FLOPs', r.fwd_flops.classifier, forwardFlops(c0));
  return out;
}

/**
 * Environment variables that change how libgomp waits: removed from the
 * child's environment, so PyTorch runs in its default configuration (issue 23).
 */
export const NON_DEFAULT_OMP_ENV = ['OMP_WAIT_POLICY', 'GOMP_SPINCOUNT', 'KMP_BLOCKTIME'] as const;

/**
 * scripts/bench_torch.py --conditional: per preset, the fixed-weight and the
 * loss-conditional iteration, --threads threads, under PyTorch's default
 * configuration (nothing in NON_DEFAULT_OMP_ENV set) and then each other
 * wait policy in `policies`, the fastest kept.
 */
export function runTorchCondBench(
  o: { presets: readonly CondPresetId[]; threads: number; reps: number; warmup?: number; python?: string },
  policies: readonly (string | null)[] = WAIT_POLICIES,
): { results: TorchCondResult[] } | { skipped: string } {
  const python = o.python ?? PYTHON;
  if (!torchVersion(python)) return { skipped: `no PyTorch row: \`${python} -c 'import torch'\` fails (sudo apt-get install python3-torch)` };
  const args = ['--conditional', o.presets.join(','), '--threads', String(o.threads), '--reps', String(o.reps), '--warmup', String(o.warmup ?? 1)];
  const runs = runUnderPolicies<RawCondLine>(python, args, policies);
  if (typeof runs === 'string') return { skipped: `no PyTorch row: ${runs}` };
  const results = o.presets.flatMap((preset): TorchCondResult[] => {
    const lines = runs.map((run) => run.find((l) => l.preset === preset)).filter((l): l is RawCondLine => l !== undefined);
    if (lines.length === 0) return [];
    // Each iteration's anchor is its fastest policy: never a slower PyTorch than its users can have.
    const best = lines.reduce((a, b) => (b.ms_cond < a.ms_cond ? b : a));
    const bad = condMismatches(best);
    return [
      {
        preset: best.preset,
        threads: best.threads,
        defaultThreads: best.default_threads,
        batch: best.batch,
        msFixed: Math.min(...lines.map((l) => l.ms_fixed)),
        msCond: best.ms_cond,
        reps: best.reps,
        torch: best.torch,
        ompWaitPolicy: best.omp_wait_policy,
        condByPolicy: Object.fromEntries(lines.map((l) => [l.omp_wait_policy, l.ms_cond])),
        mismatch: bad.length ? bad.join('; ') : undefined,
      },
    ];
  });
  return { results };
}

// ------------------------------------------------------------------ the value check

interface Dump {
  names: { name: string; shape: number[]; offset: number }[];
  chunks: Float32Array[];
  size: number;
}

function put(d: Dump, name: string, shape: readonly number[], values: ArrayLike<number>): void {
  const a = Float32Array.from(values);
  d.names.push({ name, shape: [...shape], offset: d.size });
  d.chunks.push(a);
  d.size += a.length;
}

function putNet(d: Dump, prefix: string, net: Net): void {
  for (const [key, v] of net.named) put(d, `${prefix}/${key}`, v.shape, v.dataSync());
}

interface AdamState {
  readonly m: tf.Variable[];
  readonly v: tf.Variable[];
}

/** net.weights[i] with its name, in Adam's order. */
function weightNames(net: Net): string[] {
  const byVar = new Map([...net.named].map(([k, v]) => [v, k] as const));
  return net.weights.map((w) => byVar.get(w) as string);
}

function putState(d: Dump, prefix: string, net: Net, adam: AdamState | null): void {
  putNet(d, prefix, net);
  if (!adam) return;
  weightNames(net).forEach((key, i) => {
    put(d, `${prefix}/m/${key}`, adam.m[i].shape, adam.m[i].dataSync());
    put(d, `${prefix}/v/${key}`, adam.v[i].shape, adam.v[i].dataSync());
  });
}

/**
 * Runs one Trainer iteration (criticSteps critic steps, one restorer step)
 * with seed 1 and writes to dir the batches it drew (the noise added on the
 * host, so PyTorch sees the same y), each step's loss, and before and after
 * each step the weights of the net it trains with their Adam moments.
 * Names: init/{restorer,critic,classifier}/KEY, batch/S/{x,y,labels},
 * sS/{pre,post}/NET/KEY and sS/{pre,post}/NET/{m,v}/KEY (S = criticSteps is
 * the restorer step; its sS/pre/critic is the critic it trains against).
 */
export async function dumpIteration(preset: Preset, batch: number, backend: string, dir: string): Promise<void> {
  await useBackend(backend);
  const cfg = { ...DEFAULT_CONFIG, preset, batchSize: batch, iterations: 1_000_000 };
  const train = squaresSet(Math.max(2 * batch, 64), 28, 10, 1);
  const data = makeTaskData(train, squaresSet(16, 28, 10, 2), { task: 'denoise', sigma: cfg.sigma, srPad: 1, srFactor: 6, evalCount: 16 });
  const classifier = buildNet(classifierSpec('cnn1'), 1, false);
  const trainer = new Trainer(cfg, data, classifier);
  const inner = trainer as unknown as { sampler: { next(n: number): HostBatch }; rAdam: AdamState; cAdam: AdamState };
  const d: Dump = { names: [], chunks: [], size: 0 };
  try {
    putNet(d, 'init/restorer', trainer.restorer);
    putNet(d, 'init/critic', trainer.critic);
    putNet(d, 'init/classifier', classifier);
    const { sampler } = inner;
    const next = sampler.next.bind(sampler);
    const rng = createRng(12345);
    let drawn = 0;
    sampler.next = (n: number): HostBatch => {
      const b = next(n);
      const y = b.clean.map((v) => v + cfg.sigma * rng.normal());
      const shape = [b.count, 28, 28, 1];
      put(d, `batch/${drawn}/x`, shape, b.clean);
      put(d, `batch/${drawn}/y`, shape, y);
      put(d, `batch/${drawn}/labels`, [b.count], b.labels);
      drawn++;
      return { ...b, degraded: y };
    };
    const critic: number[] = [];
    for (let s = 0; s < cfg.criticSteps; s++) {
      putState(d, `s${s}/pre/critic`, trainer.critic, inner.cAdam);
      trainer.criticStep();
      critic.push((await trainer.readLosses()).losses.critic as number);
      putState(d, `s${s}/post/critic`, trainer.critic, inner.cAdam);
    }
    const s = cfg.criticSteps;
    putState(d, `s${s}/pre/restorer`, trainer.restorer, inner.rAdam);
    putNet(d, `s${s}/pre/critic`, trainer.critic);
    trainer.restorerStep();
    const { losses } = await trainer.readLosses();
    putState(d, `s${s}/post/restorer`, trainer.restorer, inner.rAdam);
    const all = new Float32Array(d.size);
    d.chunks.forEach((c, i) => all.set(c, d.names[i].offset));
    writeFileSync(join(dir, 'data.bin'), new Uint8Array(all.buffer));
    const manifest = { preset, batch, backend: tf.getBackend(), criticSteps: cfg.criticSteps, losses: { ...losses, critic }, tensors: d.names };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  } finally {
    trainer.dispose();
    classifier.dispose();
  }
}

interface StepCheck {
  rel: number;
  grad_rel_l2: number;
  /** Smallest non-zero relu/lrelu/clip input over the mean |input| in PyTorch's forward passes. */
  kink: number;
  /** Tensors whose gradient differs by more than 1e-5 (relative L2). */
  differing: string[];
  update_rel_l2: number;
  max_abs: number;
  flips: number;
  params: number;
  flip_max_grad_rel: number;
}

/** What `bench_torch.py --check DIR` prints. */
interface CheckOutput {
  backend: string;
  per_step: {
    critic: StepCheck[];
    restorer: Omit<StepCheck, 'rel'> & { losses: Record<string, { rel: number }>; bn_stats_max_abs: number };
  };
  free_run: { critic_loss_max_rel: number; restorer_loss_rel: Record<string, number>; critic_max_abs: number; restorer_max_abs: number };
  worst: {
    loss_rel: number;
    grad_rel_l2_median: number;
    grad_rel_l2_max: number;
    smooth_steps: number;
    steps: number;
    smooth_update_rel_l2: number;
    bn_stats_max_abs: number;
  };
  ok: boolean;
}

/** Dumps each preset's iteration from tfjs and compares it in PyTorch; true when every preset agrees. */
export async function checkTorch(o: { presets: readonly Preset[]; batch: number; backend: string; python?: string }): Promise<boolean> {
  const python = o.python ?? PYTHON;
  const version = torchVersion(python);
  if (!version) {
    console.log(`check-torch: \`${python} -c 'import torch'\` fails (sudo apt-get install python3-torch)`);
    return false;
  }
  let ok = true;
  for (const preset of o.presets) {
    const dir = mkdtempSync(join(tmpdir(), 'cdp-torch-check-'));
    try {
      await dumpIteration(preset, o.batch, o.backend, dir);
      const r = spawnSync(python, [SCRIPT, '--threads', '1', '--check', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
      if (!line) throw new Error(`bench_torch.py --check exited with ${r.status}`);
      const c = JSON.parse(line) as CheckOutput;
      const e = (x: number) => x.toExponential(1);
      const ps = c.per_step;
      const w = c.worst;
      const flips = [...ps.critic, ps.restorer].reduce((a, st) => a + st.flips, 0);
      // Steps whose gradient is off by more than float32 noise, with the tensors that differ
      // (an activation input at its kink changes only the layers before it).
      const rough = [...ps.critic, ps.restorer].map((st, step) => ({ step, ...st })).filter((st) => st.grad_rel_l2 >= 1e-5);
      console.log(
        `check-torch ${preset} (tfjs ${c.backend} vs PyTorch ${version}, batch ${o.batch}), each of the ${w.steps} steps from tfjs's state before it: ` +
          `critic losses max rel ${e(Math.max(...ps.critic.map((st) => st.rel)))}; restorer ${Object.entries(ps.restorer.losses)
            .map(([k, v]) => `${k} ${e(v.rel)}`)
            .join(', ')} rel; ` +
          `gradients rel L2 median ${e(w.grad_rel_l2_median)}, max ${e(w.grad_rel_l2_max)} (per step ${[...ps.critic, ps.restorer].map((st) => e(st.grad_rel_l2)).join(' ')}; ` +
          `${w.smooth_steps} of ${w.steps} below 1e-5${rough.length ? `; above it only in ${rough.map((r) => `step ${r.step}: ${r.differing.join(' ')}`).join('; ')}` : ''}); ` +
          `on the steps below 1e-5, weights after the Adam step: update rel L2 ${e(w.smooth_update_rel_l2)}; ` +
          `${flips} entries stepped the other way (|g| at noise); BN running stats max abs ${e(w.bn_stats_max_abs)}. ` +
          `Whole iteration from the initial weights: critic losses max rel ${e(c.free_run.critic_loss_max_rel)}, ` +
          `restorer ${Object.entries(c.free_run.restorer_loss_rel)
            .map(([k, v]) => `${k} ${e(v)}`)
            .join(', ')} rel, weights max abs diff critic ${e(c.free_run.critic_max_abs)}, restorer ${e(c.free_run.restorer_max_abs)} -> ${c.ok ? 'ok' : 'MISMATCH'}`,
      );
      ok &&= c.ok === true && r.status === 0;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return ok;
}
