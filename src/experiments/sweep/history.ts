import { MAX_HISTORY, MAX_TRAIL, type LossHistory, type TrailEntry } from '../records';

/**
 * Bounded recorders for a point's loss history and evaluation trail. When
 * full they drop every other entry and double their stride, so a record of
 * any length keeps an evenly thinned view of the whole run, first entry
 * included.
 */

export class HistoryRecorder {
  private iteration: number[] = [];
  private series = new Map<string, (number | null)[]>();
  private stride = 1;
  private count = 0;

  constructor(private readonly max = MAX_HISTORY) {}

  add(iteration: number, losses: Readonly<Record<string, number>>): void {
    if (this.iteration.length > 0 && iteration <= this.iteration[this.iteration.length - 1]) return;
    this.count++;
    if ((this.count - 1) % this.stride !== 0) return;
    if (this.iteration.length >= this.max) this.halve();
    const n = this.iteration.length;
    this.iteration.push(iteration);
    for (const [name, v] of Object.entries(losses)) {
      if (!this.series.has(name)) {
        if (this.series.size >= 12 || !/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name)) continue;
        this.series.set(name, new Array<number | null>(n).fill(null));
      }
      this.series.get(name)!.push(Number.isFinite(v) ? v : null);
    }
    for (const s of this.series.values()) if (s.length < n + 1) s.push(null);
  }

  private halve(): void {
    const keep = (_: unknown, i: number) => i % 2 === 0;
    this.iteration = this.iteration.filter(keep);
    for (const [k, s] of this.series) this.series.set(k, s.filter(keep));
    this.stride *= 2;
  }

  snapshot(): LossHistory {
    return { iteration: [...this.iteration], series: Object.fromEntries([...this.series].map(([k, s]) => [k, [...s]])) };
  }
}

export class TrailRecorder {
  private entries: TrailEntry[] = [];
  constructor(private readonly max = MAX_TRAIL) {}

  add(e: { iteration: number; D: number; P: number; C: number }): void {
    if (!Number.isFinite(e.D) || !Number.isFinite(e.C)) return;
    if (this.entries.length >= this.max) this.entries = this.entries.filter((_, i) => i % 2 === 0 || i === this.entries.length - 1);
    this.entries.push({ iteration: e.iteration, D: e.D, P: Number.isFinite(e.P) ? e.P : null, C: e.C });
  }

  snapshot(): TrailEntry[] {
    return [...this.entries];
  }
}
