import type { LossWeights } from './config';
import { evaluatePoint, sampleGrid, type EvalCriticConfig, type EvalInputs, type EvalPoint, type PointKind, type SampleGrid } from './evaluate';
import { eta, mseWeight, restorerLr } from './schedule';
import type { Losses, StepKind, Trainer } from './trainer';

/**
 * The job around a Trainer: start, pause, resume, single steps, stop, reset;
 * progress at about 10 Hz (losses read back only then); evaluation points;
 * a NaN or Inf in any loss stops the job with a message, keeping the points
 * evaluated so far. Everything here runs on the thread that owns the tensors.
 */

export type RunState = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

export interface Progress {
  readonly state: RunState;
  readonly iteration: number;
  readonly total: number;
  readonly criticIterations: number;
  readonly losses: Losses;
  readonly itersPerSecond: number;
  readonly etaSeconds: number | null;
  readonly weights: LossWeights;
  readonly mseWeight: number;
  readonly lr: number;
  readonly message?: string;
}

export interface EvalEvent {
  readonly point: EvalPoint;
  readonly grid: SampleGrid;
}

export interface RunnerHooks {
  onProgress?(p: Progress): void;
  onEval?(e: EvalEvent): void;
  /** The sample grid alone (a forward pass on a few test images), at most every samplesMs while running. */
  onSamples?(grid: SampleGrid): void;
}

export interface RunnerOptions {
  readonly reportMs: number;
  /** webgl/webgpu queue work without blocking: report (and so synchronise) after a few steps at most. */
  readonly asyncBackend: boolean;
  readonly gridCount: number;
  /** Minimum time between live sample grids (0: none between evaluations). */
  readonly samplesMs?: number;
}

const MAX_QUEUED_STEPS = 4;

const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

export class Runner {
  state: RunState = 'idle';
  message: string | undefined;
  readonly points: EvalPoint[] = [];
  private loopDone: Promise<void> = Promise.resolve();
  private lastReport = 0;
  private lastSamples = 0;
  private rateIter = 0;
  private rateTime = 0;
  private ips = 0;
  private lastLosses: Losses = {};
  private evalWaiters: Array<{ resolve: (p: EvalPoint) => void; reject: (e: unknown) => void }> = [];

  constructor(
    readonly trainer: Trainer,
    readonly evalInputs: EvalInputs,
    readonly criticConfig: EvalCriticConfig,
    private readonly hooks: RunnerHooks = {},
    private readonly opts: RunnerOptions = { reportMs: 100, asyncBackend: false, gridCount: 8 },
  ) {}

  setWeights(w: LossWeights): void {
    this.trainer.weights = { ...w };
  }

  /** Starts or continues training in the background; resolves at once. */
  start(): void {
    if (this.state === 'running') return;
    if (this.state === 'failed') throw new Error(`the job failed: ${this.message ?? ''} Reset it first.`);
    this.state = 'running';
    this.message = undefined;
    this.rateIter = this.trainer.iteration;
    this.rateTime = performance.now();
    this.loopDone = this.loop();
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
  }

  resume(): void {
    if (this.state === 'paused') this.start();
  }

  async stop(): Promise<void> {
    if (this.state === 'running' || this.state === 'paused') this.state = 'stopped';
    await this.loopDone;
    this.emitProgress();
  }

  /** Resolves when the background loop has ended (pause, stop, done or failure). */
  whenIdle(): Promise<void> {
    return this.loopDone;
  }

  async reset(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    await this.loopDone;
    this.trainer.reset();
    this.points.length = 0;
    this.lastLosses = {};
    this.ips = 0;
    this.state = 'idle';
    this.message = undefined;
    this.emitProgress();
  }

  /** One step while not running: restorer only, critic only, or both. */
  async step(kind: StepKind): Promise<Progress> {
    if (this.state === 'running') throw new Error('pause the job before stepping');
    if (this.state === 'failed') throw new Error(`the job failed: ${this.message ?? ''} Reset it first.`);
    try {
      this.trainer.step(kind);
    } catch (e) {
      this.fail(`step failed: ${(e as Error).message}`);
      throw e;
    }
    if (this.state === 'idle' || this.state === 'done') this.state = 'paused';
    await this.report();
    return this.progress();
  }

  /** Evaluates the current restorer now (between steps when running). */
  evaluate(): Promise<EvalPoint> {
    if (this.state === 'running') {
      return new Promise((resolve, reject) => this.evalWaiters.push({ resolve, reject }));
    }
    return this.evaluateNow('restorer');
  }

  /** The identity (degraded input) and clean-input reference points. */
  async baselines(): Promise<EvalPoint[]> {
    if (this.state === 'running') throw new Error('pause the job before computing baselines');
    const out: EvalPoint[] = [];
    for (const kind of ['identity', 'clean'] as const) out.push(await this.evaluateNow(kind, false));
    return out;
  }

  progress(): Progress {
    const t = this.trainer;
    return {
      state: this.state,
      iteration: t.iteration,
      total: t.cfg.iterations,
      criticIterations: t.criticIterations,
      losses: this.lastLosses,
      itersPerSecond: this.ips,
      etaSeconds: this.state === 'running' ? (eta(t.iteration, t.cfg.iterations, this.ips) ?? null) : null,
      weights: { ...t.weights },
      mseWeight: mseWeight(t.iteration, t.weights.alpha, t.cfg.mseWarmup),
      lr: restorerLr(t.iteration, t.cfg.restorerLr, t.cfg.lrDecayEvery),
      message: this.message,
    };
  }

  private emitProgress(): void {
    this.hooks.onProgress?.(this.progress());
  }

  private fail(message: string): void {
    this.state = 'failed';
    this.message = message;
    for (const w of this.evalWaiters.splice(0)) w.reject(new Error(message));
  }

  private async report(): Promise<void> {
    const reading = await this.trainer.readLosses();
    const now = performance.now();
    this.lastReport = now;
    if (this.state === 'running' && now > this.rateTime) {
      const inst = ((reading.iteration - this.rateIter) * 1000) / (now - this.rateTime);
      this.ips = this.ips > 0 ? 0.7 * this.ips + 0.3 * inst : inst;
      this.rateIter = reading.iteration;
      this.rateTime = now;
    }
    this.lastLosses = reading.losses;
    if (!reading.finite) {
      const bad = Object.entries(reading.losses)
        .filter(([, v]) => !Number.isFinite(v))
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');
      const kept = this.points.filter((p) => p.kind === 'restorer').length;
      this.fail(
        `NaN or Inf in the losses by iteration ${reading.iteration}${bad ? ` (${bad})` : ''}: training stopped. ` +
          `${kept ? `The last evaluated point (iteration ${this.points.filter((p) => p.kind === 'restorer').at(-1)?.iteration}) is kept.` : 'No point had been evaluated yet.'} ` +
          'Lower the learning rate or the loss weights and reset.',
      );
    }
    this.emitProgress();
  }

  private async evaluateNow(kind: PointKind, record = true): Promise<EvalPoint> {
    const t = this.trainer;
    const point = await evaluatePoint(this.evalInputs, {
      kind,
      iteration: t.iteration,
      weights: { ...t.weights },
      restorer: t.restorer,
      // An untrained critic's estimate would be noise, not a measurement.
      trainingCritic: t.criticIterations > 0 ? t.critic : undefined,
      critic: this.criticConfig,
    });
    if (record) this.points.push(point);
    const grid = await sampleGrid(this.evalInputs, kind === 'restorer' ? t.restorer : null, this.opts.gridCount);
    this.hooks.onEval?.({ point, grid });
    return point;
  }

  private async loop(): Promise<void> {
    const t = this.trainer;
    let stepsSinceReport = 0;
    try {
      while (this.state === 'running') {
        if (t.iteration >= t.cfg.iterations) {
          this.state = 'done';
          await this.report();
          await this.evaluateNow('restorer');
          break;
        }
        t.step('both');
        stepsSinceReport++;
        const now = performance.now();
        // GPU backends queue work without blocking: the report's read-back is
        // the only synchronisation, forced after a few queued steps so the
        // queue (and the memory it holds) stays short.
        const queueFull = this.opts.asyncBackend && stepsSinceReport >= MAX_QUEUED_STEPS;
        if (now - this.lastReport >= this.opts.reportMs || queueFull) {
          stepsSinceReport = 0;
          await this.report();
          const every = this.opts.samplesMs ?? 0;
          if (every > 0 && this.hooks.onSamples && now - this.lastSamples >= every && this.state === 'running') {
            this.lastSamples = now;
            this.hooks.onSamples(await sampleGrid(this.evalInputs, t.restorer, this.opts.gridCount));
          }
          await yieldToEvents();
        }
        // The last iteration's evaluation is the final one, made once the job is done.
        const dueEval = t.cfg.evalEvery > 0 && t.iteration % t.cfg.evalEvery === 0 && t.iteration < t.cfg.iterations;
        if (this.state === 'running' && (dueEval || this.evalWaiters.length > 0)) {
          const waiters = this.evalWaiters.splice(0);
          const p = await this.evaluateNow('restorer');
          waiters.forEach((w) => w.resolve(p));
        }
      }
      if (this.state !== 'failed') await this.report();
    } catch (e) {
      this.fail(`training stopped by an error: ${(e as Error).message}`);
      this.emitProgress();
    }
    // A pause or stop with evaluations still requested: answer them now.
    if (this.evalWaiters.length > 0 && this.state !== 'failed') {
      const waiters = this.evalWaiters.splice(0);
      try {
        const p = await this.evaluateNow('restorer');
        waiters.forEach((w) => w.resolve(p));
      } catch (e) {
        waiters.forEach((w) => w.reject(e));
      }
    }
  }
}
