// Output encoders: JSON (non-finite numbers become null) and long-format CSV.

export function toJson(value: unknown): string {
  // JSON.stringify already writes NaN and +-Infinity as null.
  return JSON.stringify(value);
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV with a header row; empty cells for null and non-finite values. */
export function toCsv(columns: string[], rows: unknown[][]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\n');
}
