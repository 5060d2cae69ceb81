// The CDP and perception-distortion problems of a discretized toy as linear programs.
//
// Variables are the joint masses z(j, l) = p(y_j) q(x^_l | y_j) rather than q itself:
// every coefficient is then a conditional quantity of order 1 (a conditional MSE or
// error probability) and the tiny tail masses p(y_j) only appear as right-hand sides,
// where HiGHS never drops them as "small matrix values".
//
//   rows y_j :  sum_l z(j,l) = p(y_j)                      (q is a conditional law)
//   rows m_l :  r_l - sum_j z(j,l) = 0                     (r = p_X^)
//   row  mse :  sum E[(X-x^_l)^2 | y_j] z(j,l) <= D
//   TV    : s_l + r_l >= p_X(l), s_l >= 0; row perc: sum_l s_l <= P
//           (sum of the positive parts of p_X - p_X^ is TV because both sum to 1)
//   W1    : u_l >= +-(F_X(l) - sum_{l'<=l} r_l'), l < n-1; row perc: h sum_l u_l <= P
//   objective: error rate sum P(c0(x^_l) != w | y_j) z(j,l)  (CDP)
//          or  the perception expression                   (perception-distortion)

import type { DiscreteToy } from './grid';
import { conditionalCosts } from './restorer';

export type Perception = 'tv' | 'w1';
export type LpObjective = 'error' | 'perception';

export interface LpRow {
  name: string;
  lower: number;
  upper: number;
  index: Int32Array;
  value: Float64Array;
}

export interface LpProblem {
  colNames: string[];
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rows: LpRow[];
  /** number of z columns (n * n, first in column order) */
  numZ: number;
}

export const ROW_MSE = 'mse';
export const ROW_PERCEPTION = 'perc';

function row(name: string, lower: number, upper: number, entries: Array<[number, number]>): LpRow {
  return {
    name,
    lower,
    upper,
    index: Int32Array.from(entries, (e) => e[0]),
    value: Float64Array.from(entries, (e) => e[1]),
  };
}

export function buildLp(
  toy: DiscreteToy,
  perception: Perception,
  objective: LpObjective,
  bounds: { d: number; p: number } = { d: Infinity, p: Infinity },
): LpProblem {
  const { n, pY, pX, h } = toy;
  const costs = conditionalCosts(toy);
  const names: string[] = [];
  const cost: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let l = 0; l < n; l++) {
      names.push(`z_${j}_${l}`);
      cost.push(objective === 'error' ? costs.error[j * n + l] : 0);
    }
  }
  const numZ = n * n;
  const rIdx = numZ;
  for (let l = 0; l < n; l++) {
    names.push(`r_${l}`);
    cost.push(0);
  }
  const auxIdx = numZ + n;
  const numAux = perception === 'tv' ? n : n - 1;
  const auxWeight = perception === 'tv' ? 1 : h;
  for (let l = 0; l < numAux; l++) {
    names.push(perception === 'tv' ? `s_${l}` : `u_${l}`);
    cost.push(objective === 'perception' ? auxWeight : 0);
  }

  const rows: LpRow[] = [];
  for (let j = 0; j < n; j++) {
    const e: Array<[number, number]> = [];
    for (let l = 0; l < n; l++) e.push([j * n + l, 1]);
    rows.push(row(`y_${j}`, pY[j], pY[j], e));
  }
  for (let l = 0; l < n; l++) {
    const e: Array<[number, number]> = [[rIdx + l, 1]];
    for (let j = 0; j < n; j++) e.push([j * n + l, -1]);
    rows.push(row(`m_${l}`, 0, 0, e));
  }
  const mse: Array<[number, number]> = [];
  for (let k = 0; k < numZ; k++) mse.push([k, costs.mse[k]]);
  rows.push(row(ROW_MSE, -Infinity, bounds.d, mse));

  if (perception === 'tv') {
    for (let l = 0; l < n; l++) rows.push(row(`tv_${l}`, pX[l], Infinity, [[auxIdx + l, 1], [rIdx + l, 1]]));
  } else {
    let F = 0;
    for (let l = 0; l < n - 1; l++) {
      F += pX[l];
      const plus: Array<[number, number]> = [[auxIdx + l, 1]];
      const minus: Array<[number, number]> = [[auxIdx + l, 1]];
      for (let k = 0; k <= l; k++) {
        plus.push([rIdx + k, 1]);
        minus.push([rIdx + k, -1]);
      }
      rows.push(row(`wa_${l}`, F, Infinity, plus));
      rows.push(row(`wb_${l}`, -F, Infinity, minus));
    }
  }
  const perc: Array<[number, number]> = [];
  for (let l = 0; l < numAux; l++) perc.push([auxIdx + l, auxWeight]);
  rows.push(row(ROW_PERCEPTION, -Infinity, objective === 'perception' ? Infinity : bounds.p, perc));

  const numCols = names.length;
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(Infinity);
  return { colNames: names, colCost: Float64Array.from(cost), colLower, colUpper, rows, numZ };
}

// Shortest round-trip decimal: the LP reader's strtod gives back the same double.
function num(v: number): string {
  return String(v);
}

function terms(out: string[], index: Int32Array, value: Float64Array, names: string[]): void {
  let line = ' ';
  let first = true;
  for (let k = 0; k < index.length; k++) {
    const v = value[k];
    if (v === 0) continue;
    const sign = v < 0 ? '-' : first ? '' : '+';
    line += `${sign} ${num(Math.abs(v))} ${names[index[k]]} `;
    first = false;
    if (line.length > 200) {
      out.push(line);
      line = ' ';
    }
  }
  if (first) line += `0 ${names[index[0] ?? 0]}`;
  out.push(line);
}

/** The problem as HiGHS's structured input (compressed rows): no text to format or parse. */
export function toModelData(lp: LpProblem): {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: { format: 'csr'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
} {
  const numRows = lp.rows.length;
  const numCols = lp.colNames.length;
  const starts = new Int32Array(numRows + 1);
  let nnz = 0;
  lp.rows.forEach((r, i) => {
    starts[i] = nnz;
    nnz += r.index.length;
  });
  starts[numRows] = nnz;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  lp.rows.forEach((r, i) => {
    indices.set(r.index, starts[i]);
    values.set(r.value, starts[i]);
  });
  return {
    numCols,
    numRows,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: Float64Array.from(lp.rows, (r) => r.lower),
    rowUpper: Float64Array.from(lp.rows, (r) => r.upper),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
  };
}

/** Large finite stand-in for an infinite bound in LP text (HiGHS treats >= 1e20 as infinite). */
const LP_INF = 1e30;

function bound(v: number): string {
  return v === Infinity ? num(LP_INF) : v === -Infinity ? num(-LP_INF) : num(v);
}

/** The problem in CPLEX LP text format, as the HiGHS LP reader accepts it. */
export function toCplexLp(lp: LpProblem): string {
  const out: string[] = ['\\ CDP Lab: exact bound of the discretized toy', 'Minimize', ' obj:'];
  const objIdx: number[] = [];
  const objVal: number[] = [];
  lp.colCost.forEach((c, k) => {
    if (c !== 0) {
      objIdx.push(k);
      objVal.push(c);
    }
  });
  if (objIdx.length === 0) out.push(` 0 ${lp.colNames[0]}`);
  else terms(out, Int32Array.from(objIdx), Float64Array.from(objVal), lp.colNames);
  out.push('Subject To');
  for (const r of lp.rows) {
    const eq = r.lower === r.upper;
    const hasLower = r.lower !== -Infinity;
    const hasUpper = r.upper !== Infinity;
    if (!eq && hasLower && hasUpper) throw new Error(`ranged row ${r.name} is not supported in LP text`);
    out.push(` ${r.name}:`);
    terms(out, r.index, r.value, lp.colNames);
    if (eq) out.push(` = ${num(r.lower)}`);
    else if (hasLower) out.push(` >= ${num(r.lower)}`);
    else out.push(` <= ${bound(r.upper)}`);
  }
  out.push('Bounds');
  lp.colNames.forEach((name, k) => {
    const lo = lp.colLower[k];
    const up = lp.colUpper[k];
    if (lo === 0 && up === Infinity) return; // the LP format's default bound
    out.push(` ${bound(lo)} <= ${name} <= ${bound(up)}`);
  });
  out.push('End', '');
  return out.join('\n');
}
