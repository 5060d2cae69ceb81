import { useEffect, useState } from 'react';
import { datasetInfo } from '../../data/catalog';
import { useDataStore } from '../../data/datasetStore';
import { DatasetDetails } from './DatasetDetails';
import { DatasetPicker } from './DatasetPicker';
import { DegradationControls } from './DegradationControls';
import { SampleGrid, type Degradation } from './SampleGrid';
import './data.css';

/**
 * The data panel: which datasets are installed, their sizes, loading with a
 * progress bar (verified shards, cached by the browser), and a grid of clean
 * and degraded samples per class.
 */
export function DataView() {
  const selected = useDataStore((s) => s.selected);
  const slots = useDataStore((s) => s.slots);
  const indexState = useDataStore((s) => s.indexState);
  const indexError = useDataStore((s) => s.indexError);
  const select = useDataStore((s) => s.select);
  const refresh = useDataStore((s) => s.refresh);
  const load = useDataStore((s) => s.load);
  const [sigma, setSigma] = useState(1);
  const [kind, setKind] = useState<Degradation['kind']>('noise');

  useEffect(() => {
    if (indexState === 'idle') void refresh();
  }, [indexState, refresh]);

  const info = datasetInfo(selected);
  const slot = slots[selected];
  const degradation: Degradation = kind === 'noise' ? { kind, sigma } : { kind };

  return (
    <div className="data-view" data-testid="data-view">
      <aside className="controls">
        <DatasetPicker selected={selected} slots={slots} onSelect={select} />
        <DegradationControls info={info} value={degradation} sigma={sigma} onChange={(d) => setKind(d.kind)} onSigma={setSigma} />
      </aside>
      <div className="plots">
        {indexError && (
          <p className="data-error" role="alert" data-testid="data-index-error">
            {indexError.message}
          </p>
        )}
        <DatasetDetails info={info} slot={slot} onLoad={() => void load(selected)} />
        {slot.data && <SampleGrid info={info} data={slot.data} degradation={degradation} />}
      </div>
    </div>
  );
}
