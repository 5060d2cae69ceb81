import type { LossReading } from '../trainer';
import type { CondTrainer } from './trainer';

/**
 * Runs a CondTrainer to its iteration count: losses read back once per chunk
 * (the only read-back), a NaN or Inf stops it with the iteration where it
 * happened, pause and stop are honoured between chunks, and the event loop
 * gets a turn after each chunk (a worker's messages, a script's timers).
 */

export interface CondControl {
  stopped: boolean;
  paused: boolean;
}

export interface CondProgress {
  readonly iteration: number;
  readonly total: number;
  readonly itersPerSecond: number;
  readonly etaSeconds: number | null;
  readonly reading: LossReading;
}

export async function runCondTraining(
  trainer: CondTrainer,
  opts: { control?: CondControl; chunk?: number; onProgress?: (p: CondProgress) => void | Promise<void> } = {},
): Promise<LossReading> {
  const total = trainer.cfg.iterations;
  const chunk = opts.chunk ?? 10;
  const control = opts.control ?? { stopped: false, paused: false };
  let activeMs = 0;
  let done = 0;
  let reading = await trainer.readLosses();
  while (trainer.iteration < total) {
    if (control.stopped) throw new Error('stopped');
    if (control.paused) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const t0 = performance.now();
    const n = Math.min(chunk, total - trainer.iteration);
    for (let i = 0; i < n; i++) trainer.step();
    reading = await trainer.readLosses();
    activeMs += performance.now() - t0;
    done += n;
    if (!reading.finite) {
      const bad = Object.entries(reading.losses)
        .filter(([, v]) => !Number.isFinite(v))
        .map(([k, v]) => `${k} = ${v}`)
        .join(', ');
      throw new Error(`NaN or Inf in the conditional training losses by iteration ${reading.iteration}${bad ? ` (${bad})` : ''}: training stopped`);
    }
    const ips = activeMs > 0 ? (1000 * done) / activeMs : 0;
    await opts.onProgress?.({ iteration: trainer.iteration, total, itersPerSecond: ips, etaSeconds: ips > 0 ? (total - trainer.iteration) / ips : null, reading });
    await new Promise((r) => setTimeout(r, 0));
  }
  return reading;
}
