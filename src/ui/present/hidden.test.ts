import { describe, expect, it } from 'vitest';
import { HIDEABLE } from '../../state/schema';
import { STEPS } from '../tour/steps';
import { isControlHidden } from './hidden';

describe('hidden controls', () => {
  it('hides what the link names, nothing else, outside a tour', () => {
    for (const name of HIDEABLE) {
      expect(isControlHidden(name, [], 'off')).toBe(false);
      expect(isControlHidden(name, [name], 'off')).toBe(true);
    }
    expect(isControlHidden('mu2', ['mu1'], 'off')).toBe(false);
    expect(isControlHidden('dataset', [], 'curves')).toBe(false); // not a toy control
  });

  it('in a tour step shows exactly the step controls, minus the link hide list', () => {
    for (const step of STEPS) {
      const shown = HIDEABLE.filter((n) => !isControlHidden(n, [], step.id));
      expect(shown).toEqual(HIDEABLE.filter((n) => step.controls.includes(n)));
      for (const c of step.controls) expect(isControlHidden(c, [c], step.id)).toBe(true);
    }
  });
});
