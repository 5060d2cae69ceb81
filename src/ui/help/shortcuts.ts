// The keyboard shortcuts, as data: the key handler and the help overlay both
// read this table, so the list shown is the list that works.

export type ShortcutId =
  | 'help'
  | 'tour'
  | 'next'
  | 'prev'
  | 'first'
  | 'last'
  | 'leave'
  | 'playPause'
  | 'present'
  | 'theme'
  | 'copyLink'
  | 'view';

export interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.key values. */
  keys: readonly string[];
  /** The keys as the help overlay shows them. */
  label: readonly string[];
  description: string;
  /** Keys a focused slider, list or button uses itself; they are left to it. */
  navigation?: boolean;
  /** Active only during the guided tour. */
  tourOnly?: boolean;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'help', keys: ['?'], label: ['?'], description: 'Show or hide this list of shortcuts' },
  { id: 'tour', keys: ['t', 'T'], label: ['T'], description: 'Start the guided tour, or leave it' },
  { id: 'next', keys: ['ArrowRight', 'PageDown'], label: ['→', 'Page Down'], description: 'Next tour step', navigation: true, tourOnly: true },
  { id: 'prev', keys: ['ArrowLeft', 'PageUp'], label: ['←', 'Page Up'], description: 'Previous tour step', navigation: true, tourOnly: true },
  { id: 'first', keys: ['Home'], label: ['Home'], description: 'First tour step', navigation: true, tourOnly: true },
  { id: 'last', keys: ['End'], label: ['End'], description: 'Last tour step', navigation: true, tourOnly: true },
  { id: 'leave', keys: ['Escape'], label: ['Esc'], description: 'Leave the tour; pressed again, leave presentation mode' },
  { id: 'playPause', keys: [' '], label: ['Space'], description: 'Play or pause training (when a training view is open)', navigation: true },
  { id: 'present', keys: ['p', 'P'], label: ['P'], description: 'Presentation mode: large type, high contrast' },
  { id: 'theme', keys: ['d', 'D'], label: ['D'], description: 'Switch the theme: auto, light, dark' },
  { id: 'copyLink', keys: ['c', 'C'], label: ['C'], description: 'Copy a link to exactly what is on screen' },
  { id: 'view', keys: DIGITS, label: ['1', '2', '…'], description: 'Switch view, in the order of the tabs' },
];

/**
 * What kind of element has focus, as far as keys go. A button also answers
 * Enter, so Space can be the play/pause key there; a toggle (checkbox, radio,
 * switch) answers Space alone, so Space stays its own.
 */
export type FocusKind = 'text' | 'widget' | 'button' | 'toggle' | 'none';

/** The parts of a focused element the classification reads (an Element satisfies it). */
export interface FocusLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

const TOGGLE_INPUTS = new Set(['checkbox', 'radio']);
const BUTTON_INPUTS = new Set(['button', 'submit', 'reset', 'color', 'file', 'image']);

export function focusKind(el: FocusLike | null | undefined): FocusKind {
  if (!el || !el.tagName) return 'none';
  const tag = el.tagName.toLowerCase();
  const role = el.getAttribute?.('role') ?? '';
  if (el.isContentEditable || tag === 'textarea' || tag === 'select') return 'text';
  if (tag === 'input') {
    const type = (el.type ?? 'text').toLowerCase();
    if (type === 'range') return 'widget';
    if (TOGGLE_INPUTS.has(type)) return 'toggle';
    return BUTTON_INPUTS.has(type) ? 'button' : 'text';
  }
  if (['slider', 'spinbutton', 'listbox', 'menu', 'menubar', 'tablist', 'grid', 'textbox', 'combobox'].includes(role)) return 'widget';
  if (['checkbox', 'switch', 'radio', 'menuitemcheckbox', 'menuitemradio'].includes(role)) return 'toggle';
  if (tag === 'button' || tag === 'a' || tag === 'summary' || ['button', 'menuitem', 'tab', 'link'].includes(role)) {
    return 'button';
  }
  return 'none';
}

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export interface KeyContext {
  focus: FocusKind;
  touring: boolean;
  present: boolean;
  /** A modal dialog (the help overlay) is open: it handles its own keys. */
  dialogOpen: boolean;
  /** A view has registered play/pause (the training view). */
  canPlayPause: boolean;
  /** Number of views with a tab. */
  views: number;
}

/** The shortcut a key press triggers here, or null to leave the key alone. */
export function matchShortcut(e: KeyInput, ctx: KeyContext): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey || ctx.dialogOpen || ctx.focus === 'text') return null;
  const s = SHORTCUTS.find((x) => x.keys.includes(e.key));
  if (!s) return null;
  if (s.navigation && ctx.focus === 'widget') return null;
  // A focused button still answers Enter, so where a view plays and pauses
  // Space does that even on a button; a checkbox has no other key.
  if (s.id === 'playPause' && ctx.focus === 'toggle') return null;
  if (s.tourOnly && !ctx.touring) return null;
  if (s.id === 'leave' && !ctx.touring && !ctx.present) return null;
  if (s.id === 'playPause' && !ctx.canPlayPause) return null;
  if (s.id === 'view' && Number(e.key) > ctx.views) return null;
  return s;
}
