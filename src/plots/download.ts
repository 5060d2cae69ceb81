/** Save text as a file via a blob: URL (same-origin, CSP-clean). */
export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  downloadUrl(url, filename);
  // Let the click's navigation start before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Save what a same-origin, data: or blob: URL holds. */
export function downloadUrl(url: string, filename: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}
