import { fmt } from '../../plots/format';

/** "2 h 05 min", "4 min 10 s", "12 s"; "–" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * A value with its standard error: "0.62 ± 0.05", "0.283 ± 0.014". The SE
 * keeps two significant digits when they start with 1 or 2, else one, and
 * the value is rounded to the same decimal place. Without a finite SE, the
 * value alone with `digits` significant digits.
 */
export function formatWithSe(value: number | null | undefined, se: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value) || se === null || se === undefined || !Number.isFinite(se) || se < 0) {
    return fmt(value, digits);
  }
  if (se === 0) return `${fmt(value, digits)} ± 0`;
  const exp = Math.floor(Math.log10(se));
  const sig = se / 10 ** exp < 3 ? 2 : 1;
  const dp = Math.max(0, sig - 1 - exp);
  return `${value.toFixed(dp)} ± ${se.toFixed(dp)}`;
}

/** "512 B", "1.2 MB", "300 GB" (powers of 1000, as browsers report quotas). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '–';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? `${Math.round(v)} B` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
