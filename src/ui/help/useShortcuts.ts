import { useEffect, useRef } from 'react';
import { permalinkUrl } from '../../state/permalink';
import type { View } from '../../state/schema';
import { useThemeStore } from '../../state/theme';
import { selectToyState, useToyStore } from '../../state/toyStore';
import { exitTour, goToStep, moveStep, startTour } from '../tour/navigation';
import { STEPS } from '../tour/steps';
import { hasViewAction, runViewAction } from './actions';
import { useHelpStore } from './helpStore';
import { focusKind, matchShortcut, type ShortcutId } from './shortcuts';

async function copyLink(): Promise<void> {
  const { announce } = useHelpStore.getState();
  const link = permalinkUrl(selectToyState(useToyStore.getState()), window.location.href);
  try {
    if (!navigator.clipboard?.writeText) throw new Error('no clipboard access');
    await navigator.clipboard.writeText(link);
    announce('Link copied to the clipboard.');
  } catch {
    announce('Could not copy: use the Copy link button.');
  }
}

function run(id: ShortcutId, key: string, views: readonly View[]): void {
  const toy = useToyStore.getState();
  switch (id) {
    case 'help':
      useHelpStore.getState().setOpen(!useHelpStore.getState().open);
      return;
    case 'tour':
      if (toy.tour === 'off') startTour();
      else exitTour();
      return;
    case 'next':
      return moveStep(1);
    case 'prev':
      return moveStep(-1);
    case 'first':
      return goToStep(STEPS[0].id);
    case 'last':
      return goToStep(STEPS[STEPS.length - 1].id);
    case 'leave':
      if (toy.tour !== 'off') exitTour();
      else toy.set('present', false);
      return;
    case 'playPause':
      runViewAction('playPause');
      return;
    case 'present':
      toy.set('present', !toy.present);
      return;
    case 'theme':
      useThemeStore.getState().cycle();
      return;
    case 'copyLink':
      void copyLink();
      return;
    case 'view': {
      const v = views[Number(key) - 1];
      if (v) toy.set('view', v);
      return;
    }
  }
}

/** Installs the global shortcuts of SHORTCUTS while mounted. */
export function useShortcuts(views: readonly View[]): void {
  const viewsRef = useRef(views);
  viewsRef.current = views;
  useEffect(() => {
    // Browsers press a focused button on Space's keyup: the keyup of a Space we took is ours too.
    let spaceTaken = false;
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' || !spaceTaken) return;
      spaceTaken = false;
      e.preventDefault();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const toy = useToyStore.getState();
      const s = matchShortcut(e, {
        focus: focusKind(document.activeElement),
        touring: toy.tour !== 'off',
        present: toy.present,
        dialogOpen: document.querySelector('dialog[open]') !== null,
        canPlayPause: hasViewAction('playPause'),
        views: viewsRef.current.length,
      });
      if (!s) return;
      e.preventDefault();
      if (e.key === ' ') spaceTaken = true;
      // A held Space would start and pause over and over.
      if (e.repeat && s.id === 'playPause') return;
      run(s.id, e.key, viewsRef.current);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
