import { useEffect, useRef, useState } from 'react';
import { permalinkUrl } from '../../state/permalink';
import { selectToyState, useToyStore } from '../../state/toyStore';
import './permalink.css';

type Status = 'idle' | 'copied' | 'manual';

/**
 * Copies the link of the current state. The link is built from the store, not
 * read from the address bar, so a hash write still waiting on its throttle is
 * never missed. Without clipboard access (insecure origin, denied permission)
 * it shows the link in a selected read-only field to copy by hand.
 */
export function CopyLinkButton() {
  const [status, setStatus] = useState<Status>('idle');
  const [url, setUrl] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (status === 'copied') {
      const t = setTimeout(() => setStatus('idle'), 2000);
      return () => clearTimeout(t);
    }
    if (status === 'manual') {
      inputRef.current?.focus();
      inputRef.current?.select();
    }
    return undefined;
  }, [status, url]);

  const copy = async () => {
    const link = permalinkUrl(selectToyState(useToyStore.getState()), window.location.href);
    setUrl(link);
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setStatus('copied');
    } catch {
      setStatus('manual');
    }
  };

  return (
    <span className="copy-link">
      <button type="button" className="copy-link-button" data-testid="copy-link" onClick={() => void copy()}>
        {status === 'copied' ? 'Link copied' : 'Copy link'}
      </button>
      {status === 'manual' && (
        <span className="copy-link-fallback">
          <input
            ref={inputRef}
            readOnly
            value={url}
            aria-label="Link to this state: press Ctrl+C (Cmd+C) to copy"
            data-testid="copy-link-fallback"
            onBlur={() => setStatus('idle')}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setStatus('idle');
            }}
          />
        </span>
      )}
      <span className="visually-hidden" aria-live="polite">
        {status === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
    </span>
  );
}
