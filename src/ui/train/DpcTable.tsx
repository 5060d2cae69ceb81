import type { EvalPoint } from '../../train/evaluate';

const f = (v: number, d = 4) => (Number.isFinite(v) ? v.toFixed(d) : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(2)}%` : '–');

/** D / P / C of every evaluation, with the identity and clean reference rows. */
export function DpcTable({ points, baselines }: { points: EvalPoint[]; baselines: EvalPoint[] }) {
  const rows = [...baselines, ...points.slice(-12)];
  if (rows.length === 0) return <p className="field-hint">No evaluation yet: press Evaluate, or let the job reach its evaluation interval.</p>;
  return (
    <table className="train-dpc" data-testid="train-dpc">
      <thead>
        <tr>
          <th scope="col">point</th>
          <th scope="col">iter.</th>
          <th scope="col" title="mean squared error to the clean image">D (MSE)</th>
          <th scope="col" title="Wasserstein estimate of an evaluation critic trained after freezing">P (eval critic)</th>
          <th scope="col" title="the training critic's estimate, as the paper reported">P (train critic)</th>
          <th scope="col" title="error rate of the frozen classifier c0">C (error)</th>
          <th scope="col">alpha, beta, gamma</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((p, i) => (
          <tr key={`${p.kind}-${p.iteration}-${i}`} data-kind={p.kind} data-n={p.n}>
            <th scope="row">{p.kind === 'restorer' ? 'restored' : p.kind === 'identity' ? 'identity (input)' : 'clean'}</th>
            <td>{p.kind === 'restorer' ? p.iteration : ''}</td>
            <td data-metric="D">{f(p.D)}</td>
            <td data-metric="P">{f(p.P, 5)}</td>
            <td data-metric="Ptrain">{f(p.Ptrain, 5)}</td>
            <td data-metric="C">{pct(p.C)}</td>
            <td>{p.kind === 'restorer' ? `${p.alpha}, ${p.beta}, ${p.gamma}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
