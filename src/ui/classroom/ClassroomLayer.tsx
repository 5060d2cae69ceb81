import type { View } from '../../state/schema';
import { Announcer } from '../help/Announcer';
import { HelpOverlay } from '../help/HelpOverlay';
import { useShortcuts } from '../help/useShortcuts';
import { UpdatePrompt } from '../offline/UpdatePrompt';
import { usePresentationMode } from '../present/usePresentationMode';
import { TourStyle } from '../tour/TourStyle';
import { useTourLinks } from '../tour/useTourLinks';
import '../present/present.css';
import './a11y.css';

/**
 * Everything the lecture-hall features add around the views: keyboard
 * shortcuts and their overlay, presentation mode, tour links and layout, the
 * new-version prompt. Mounted once by App.
 */
export function ClassroomLayer({ views }: { views: readonly View[] }) {
  usePresentationMode();
  useTourLinks();
  useShortcuts(views);
  return (
    <>
      <TourStyle />
      <HelpOverlay />
      <Announcer />
      <UpdatePrompt />
    </>
  );
}
