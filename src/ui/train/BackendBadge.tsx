import type { BackendReport } from '../../train/backend';
import { threadsLabel } from '../../workers/wasmThreads';

/** Active backend, its measured speed, and why the others were not chosen. */
export function BackendBadge({ report, note }: { report: BackendReport | null; note: string }) {
  if (!report) {
    return (
      <div className="train-badge pending" data-testid="train-backend" aria-live="polite">
        {note || 'Backend: not started'}
      </div>
    );
  }
  const speed = report.msPerStep !== null ? `${report.msPerStep.toFixed(0)} ms/step` : 'not measured';
  return (
    <details className={`train-badge ${report.active}`} data-testid="train-backend" data-backend={report.active} data-threads={report.threads?.threads} data-conv-threads={report.threads?.convThreads} data-isolated={report.threads ? String(report.threads.isolated) : undefined} data-simd={report.threads?.simd === undefined ? undefined : String(report.threads.simd)}>
      <summary>
        <strong>{report.active}</strong>
        {report.threads ? ` · ${threadsLabel(report.threads)}` : ''} · {speed}
        {report.fromCache ? ' (cached)' : ''}
      </summary>
      <p>{report.reason}.</p>
      {report.threads ? <p>WebAssembly: {report.threads.note}.</p> : null}
      <ul>
        {report.probes.map((p) => (
          <li key={p.name}>
            <strong>{p.name}</strong>: {p.available ? '' : 'unavailable, '}
            {p.note}
            {p.msPerStep !== undefined ? ` (${p.msPerStep.toFixed(0)} ms/step)` : ''}
          </li>
        ))}
      </ul>
      <p className="field-hint">Self-test: 4 MSE steps of the fast denoiser, batch 8. Add ?backend=webgpu|webgl|wasm|cpu to the URL to force one.</p>
    </details>
  );
}
