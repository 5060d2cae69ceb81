import { HelpButton } from '../help/HelpButton';
import { PresentButton } from '../present/PresentButton';
import { TourButton } from '../tour/TourButton';

/** Header buttons: guided tour, presentation mode, keyboard shortcuts. */
export function ClassroomButtons() {
  return (
    <>
      <TourButton />
      <PresentButton />
      <HelpButton />
    </>
  );
}
