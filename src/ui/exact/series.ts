// Pure reshaping of the exact and linear-family results for the plots.

export type Grid = ArrayLike<number | null | undefined>[];

export interface GapGrid {
  /** C_lin - C_exact where both are feasible */
  gap: (number | null)[][];
  /** 1 where only randomized restorers meet (D, P) (exact feasible, linear not) */
  onlyExact: (number | null)[][];
  /** the largest gap and where it is */
  max: { value: number; i: number; j: number } | null;
}

const num = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function gapGrid(exact: Grid, linear: Grid): GapGrid {
  const gap: (number | null)[][] = [];
  const onlyExact: (number | null)[][] = [];
  let max: GapGrid['max'] = null;
  for (let i = 0; i < exact.length; i++) {
    const g: (number | null)[] = [];
    const o: (number | null)[] = [];
    for (let j = 0; j < exact[i].length; j++) {
      const e = exact[i][j];
      const l = linear[i]?.[j];
      if (num(e) && num(l)) {
        // The LP's tolerance can put it a hair above an equal linear value.
        const v = Math.max(0, l - e);
        g.push(v);
        if (!max || v > max.value) max = { value: v, i, j };
      } else g.push(null);
      o.push(num(e) && !num(l) ? 1 : null);
    }
    gap.push(g);
    onlyExact.push(o);
  }
  return { gap, onlyExact, max };
}

/** k indices spread evenly over [from, len - 1] (distinct, ascending). */
export function sliceIndices(len: number, k: number, from = 0): number[] {
  const out: number[] = [];
  if (len <= from) return out;
  for (let t = 0; t < k; t++) {
    const v = Math.round(from + ((len - 1 - from) * t) / Math.max(1, k - 1));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** Column j of a grid (a profile along the first axis), pending cells as null. */
export function column(grid: Grid, j: number): (number | null)[] {
  return Array.from(grid, (row) => (num(row[j]) ? (row[j] as number) : null));
}

export function row(grid: Grid, i: number): (number | null)[] {
  return Array.from(grid[i] ?? [], (v) => (num(v) ? v : null));
}

/** Plotly heatmaps want z[y][x]; our grids are c[i = D][j = P]. */
export function transpose(grid: Grid): (number | null)[][] {
  const rows = grid.length;
  const cols = rows ? grid[0].length : 0;
  const out: (number | null)[][] = [];
  for (let j = 0; j < cols; j++) {
    const r: (number | null)[] = [];
    for (let i = 0; i < rows; i++) r.push(num(grid[i][j]) ? (grid[i][j] as number) : null);
    out.push(r);
  }
  return out;
}
