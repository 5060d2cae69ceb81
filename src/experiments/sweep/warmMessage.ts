import type { WarmStartSource } from './engine';

/**
 * The sweep's status line about its shared warm start: a shipped base loaded
 * (seconds), or one trained here (minutes) and why no shipped one served.
 */
export function warmStartMessage(w: WarmStartSource): string {
  const its = `${w.iterations.toLocaleString('en-US')} MSE iterations`;
  if (w.source === 'shipped') {
    const mse = w.testMse !== null && Number.isFinite(w.testMse) ? `, test MSE ${w.testMse.toFixed(4)}` : '';
    return `Every point starts from the shipped warm start${w.dir ? ` ${w.dir}` : ''} (${its}${mse}).`;
  }
  return `Every point starts from a warm start trained in this browser (${its})${w.note ? `: ${w.note}` : ''}.`;
}

/** While the warm start trains: what it is and, when a shipped one was looked for, why it did not serve. */
export function warmTrainingMessage(note: string | undefined): string {
  return `Training the shared warm start once for this sweep${note ? ` (${note})` : ''}…`;
}
