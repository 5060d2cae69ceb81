import { useEffect, useRef } from 'react';
import { decode, encode } from '../../state/permalink';
import { PRESETS } from '../../state/presets';
import { useToyStore } from '../../state/toyStore';
import './permalink.css';

/**
 * Presets are plain links to `#<permalink>`: they can be opened in a new tab
 * or copied like any link. A click also applies the state at once, so it
 * works even when the address bar already holds that very hash (no
 * hashchange would fire).
 */
export function PresetMenu() {
  const ref = useRef<HTMLDetailsElement>(null);
  const replaceAll = useToyStore((s) => s.replaceAll);
  // Presentation mode and hidden controls belong to the lecturer, not to a preset: they carry over.
  const present = useToyStore((s) => s.present);
  const hide = useToyStore((s) => s.hide);

  // <details> stays open on its own; close it on a click elsewhere or Escape like a menu.
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !d.contains(e.target as Node)) {
        d.open = false;
        if (e instanceof KeyboardEvent) d.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  return (
    <details className="preset-menu" data-testid="preset-menu" ref={ref}>
      <summary>Presets</summary>
      <ul>
        {PRESETS.map((p) => {
          const state = { ...decode(p.hash).state, present, hide };
          return (
            <li key={p.id}>
              <a
                href={`#${encode(state)}`}
                data-testid={`preset-${p.id}`}
                title={p.description}
                onClick={() => {
                  replaceAll(state);
                  if (ref.current) ref.current.open = false;
                }}
              >
                <span className="preset-label">{p.label}</span>
                <span className="preset-desc">{p.description}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
