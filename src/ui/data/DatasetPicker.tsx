import { DATASETS, type DatasetName } from '../../data/catalog';
import type { DatasetSlot } from '../../data/datasetStore';
import { formatMB } from './format';

function stateText(slot: DatasetSlot): string {
  if (slot.load === 'loaded') return 'loaded';
  if (slot.load === 'loading') return 'loading…';
  if (slot.load === 'error') return 'error';
  if (slot.install === 'checking') return 'checking…';
  if (slot.install === 'not-installed') return 'not installed';
  return slot.bytes !== undefined ? `installed, ${formatMB(slot.bytes)}` : 'installed';
}

interface Props {
  selected: DatasetName;
  slots: Readonly<Record<DatasetName, DatasetSlot>>;
  onSelect(name: DatasetName): void;
}

/** One radio per known dataset, with its install state. */
export function DatasetPicker({ selected, slots, onSelect }: Props) {
  return (
    <fieldset className="group data-picker" data-testid="dataset-picker">
      <legend>Dataset</legend>
      {DATASETS.map((d) => (
        <label key={d.name} className="data-choice" data-testid={`dataset-${d.name}`}>
          <input type="radio" name="dataset" value={d.name} checked={selected === d.name} onChange={() => onSelect(d.name)} />
          <span className="data-choice-title">{d.title}</span>
          <span className={`data-state data-state-${slots[d.name].install}`} data-testid={`dataset-state-${d.name}`}>
            {stateText(slots[d.name])}
          </span>
        </label>
      ))}
    </fieldset>
  );
}
