// Test-only helpers: a brute-force LP solver by vertex enumeration, small enough to
// be obviously right, used as the independent reference for the HiGHS path.

/** min c.v + c0 s.t. A v <= b, by enumerating every vertex (for bounded polytopes in few dimensions). */
export function enumerateLp(
  c: number[],
  A: number[][],
  b: number[],
  tol = 1e-9,
): { value: number; v: number[] } | null {
  const dim = c.length;
  const m = A.length;
  let best: { value: number; v: number[] } | null = null;
  const pick: number[] = [];
  const visit = (start: number): void => {
    if (pick.length === dim) {
      const v = solveSquare(
        pick.map((r) => A[r]),
        pick.map((r) => b[r]),
      );
      if (!v) return;
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let k = 0; k < dim; k++) s += A[r][k] * v[k];
        if (s > b[r] + tol) return;
      }
      let value = 0;
      for (let k = 0; k < dim; k++) value += c[k] * v[k];
      if (!best || value < best.value) best = { value, v };
      return;
    }
    for (let r = start; r <= m - (dim - pick.length); r++) {
      pick.push(r);
      visit(r + 1);
      pick.pop();
    }
  };
  visit(0);
  return best;
}

/** Gaussian elimination with partial pivoting; null when (numerically) singular. */
export function solveSquare(M: number[][], rhs: number[]): number[] | null {
  const n = rhs.length;
  const a = M.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    if (Math.abs(a[piv][col]) < 1e-12) return null;
    [a[col], a[piv]] = [a[piv], a[col]];
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r][col] / a[col][col];
      if (f === 0) continue;
      for (let k = col; k <= n; k++) a[r][k] -= f * a[col][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}
