/** A cell of an exported table: numbers at full precision, null/non-finite as empty. */
export type Cell = number | string | null | undefined;

function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  // RFC 4180: quote fields holding separators, quotes or line breaks.
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** RFC 4180 CSV text (CRLF line ends) from a header and rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(cell).join(',')];
  for (const row of rows) lines.push(row.map(cell).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Rows of a long-format table for one x array and several named y arrays. */
export function* seriesRows(
  series: readonly { name: string; x: ArrayLike<number>; y: ArrayLike<number | null> }[],
): Generator<Cell[]> {
  for (const s of series) {
    for (let i = 0; i < s.x.length; i++) yield [s.name, s.x[i], s.y[i]];
  }
}
