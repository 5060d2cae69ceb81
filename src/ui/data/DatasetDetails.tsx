import type { DatasetInfo } from '../../data/catalog';
import type { DatasetSlot } from '../../data/datasetStore';
import { CommandText } from './CommandText';
import { formatCount, formatMB } from './format';

interface Props {
  info: DatasetInfo;
  slot: DatasetSlot;
  onLoad(): void;
}

/** Install state, sizes, the load button, the progress bar and any error. */
export function DatasetDetails({ info, slot, onLoad }: Props) {
  const m = slot.manifest;
  const p = slot.progress;
  return (
    <section className="data-details" aria-labelledby="data-details-title">
      <h2 id="data-details-title" className="data-title">
        {info.title}
      </h2>
      {slot.install === 'checking' && <p className="field-hint">Checking what is installed…</p>}
      {slot.install === 'not-installed' && (
        <p className="data-not-installed" data-testid="data-not-installed">
          Not installed. <CommandText text={info.installHint} />
        </p>
      )}
      {m && (
        <dl className="readouts data-sizes" data-testid="data-sizes">
          <div className="readout">
            <dt>Images</dt>
            <dd>
              {formatCount(m.splits.train)} train + {formatCount(m.splits.test)} test
            </dd>
          </div>
          <div className="readout">
            <dt>Shape</dt>
            <dd>
              {m.imageShape.join(' x ')}, {m.classNames.length} classes
            </dd>
          </div>
          <div className="readout">
            <dt>Shards</dt>
            <dd>
              {m.shards.length}, {formatMB(m.shards.reduce((a, s) => a + s.bytes, 0))}
            </dd>
          </div>
          <div className="readout">
            <dt>Source</dt>
            <dd>{m.source}</dd>
          </div>
        </dl>
      )}
      {slot.install === 'installed' && (
        <div className="data-load-row">
          <button type="button" className="small-button" data-testid="data-load" disabled={slot.load === 'loading'} onClick={onLoad}>
            {slot.load === 'loaded' ? 'Reload' : slot.load === 'error' ? 'Retry' : 'Load'}
          </button>
          {slot.load === 'loading' && p && (
            <span className="data-progress">
              <progress data-testid="data-progress" max={p.totalBytes} value={p.loadedBytes} aria-label="Download progress" />
              <span className="data-progress-text" data-testid="data-progress-text">
                {formatMB(p.loadedBytes)} / {formatMB(p.totalBytes)}, {p.shardsDone}/{p.shardsTotal} shards
              </span>
            </span>
          )}
          {slot.load === 'loaded' && slot.data && (
            <span className="field-hint" data-testid="data-load-summary">
              Loaded and verified in {Math.round(slot.loadMs ?? 0)} ms: {slot.data.downloadedShards} shard(s) downloaded,{' '}
              {slot.data.cachedShards} from the browser cache.
            </span>
          )}
        </div>
      )}
      {slot.error && (
        <p className="data-error" role="alert" data-testid="data-error" data-file={slot.error.file}>
          {slot.error.message}
        </p>
      )}
    </section>
  );
}
