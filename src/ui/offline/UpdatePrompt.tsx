import { useOfflineStore } from './offlineStore';
import './offline.css';

/**
 * "A new version is available": shown when a new deployment has installed in
 * the background. Nothing changes under a running lecture until the user
 * chooses to reload.
 */
export function UpdatePrompt() {
  const needRefresh = useOfflineStore((s) => s.needRefresh);
  const update = useOfflineStore((s) => s.update);
  const dismiss = useOfflineStore((s) => s.dismiss);
  return (
    <div role="status" aria-live="polite" className="update-region">
      {needRefresh && (
        <div className="update-prompt" data-testid="update-prompt">
          <span>A new version of CDP Lab is ready.</span>
          <button type="button" className="update-reload" data-testid="update-reload" onClick={update}>
            Reload
          </button>
          <button type="button" className="update-later" data-testid="update-later" onClick={dismiss}>
            Later
          </button>
        </div>
      )}
    </div>
  );
}
