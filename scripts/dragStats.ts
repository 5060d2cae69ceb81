/**
 * The arithmetic of `npm run bench:drag` (scripts/bench-drag.ts), kept apart
 * from the browser so it can be tested: frame gaps in a window, long tasks
 * attributed to the plot redraws they overlap, and when each plot last
 * started showing what it finally shows.
 */

export interface Span {
  start: number;
  duration: number;
}

export interface NamedSpan extends Span {
  name: string;
}

/** One redraw of one plot: when it finished and a digest of what it drew. */
export interface Revision {
  t: number;
  digest: string;
}

/** Nearest-rank quantile (as the other benches print); NaN for no samples. */
export function quantile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
}

/**
 * Gaps between consecutive animation frames inside [from, to], plus the gap
 * from the last frame before `from` to the first one in it: a frame the drag's
 * first event had to wait for counts against the drag.
 */
export function frameGaps(frames: readonly number[], from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = 1; k < frames.length; k++) {
    if (frames[k] < from || frames[k] > to) continue;
    out.push(frames[k] - frames[k - 1]);
  }
  return out;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.start + a.duration, b.start + b.duration) - Math.max(a.start, b.start));

/** Spans that start inside [from, to]. */
export function within<T extends Span>(spans: readonly T[], from: number, to: number): T[] {
  return spans.filter((s) => s.start >= from && s.start <= to);
}

/**
 * The measure (e.g. `plot:surface-contour`) that overlaps each long task the
 * most, or `other` (React, the worker's answer arriving, input handling) when
 * none does.
 */
export function attribute(tasks: readonly Span[], measures: readonly NamedSpan[]): string[] {
  return tasks.map((t) => {
    let best = 'other';
    let most = 0;
    for (const m of measures) {
      const o = overlap(t, m);
      if (o > most) {
        most = o;
        best = m.name;
      }
    }
    return best;
  });
}

/**
 * Milliseconds from `release` until the plot first showed what it shows at
 * the end (the start of the trailing run of revisions with the final
 * digest); 0 when it already showed that at release or never redrew.
 */
export function timeToFinal(revisions: readonly Revision[], release: number): number {
  if (revisions.length === 0) return 0;
  const last = revisions[revisions.length - 1].digest;
  let k = revisions.length - 1;
  while (k > 0 && revisions[k - 1].digest === last) k--;
  return Math.max(0, revisions[k].t - release);
}
