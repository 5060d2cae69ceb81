/**
 * The view choices an Experiments link carries beside its config and results:
 * the experiment's name (`xn`), "only admissible" (`xa`) and the selected
 * point (`xs`). Sample images (Fig. 4) never travel in links: one point's
 * thumbnails alone are larger than the whole 4,096-character hash.
 */

/**
 * Names a link may carry: printable text only. Control, format (bidi
 * overrides, zero-width) and line/paragraph separator characters are refused:
 * they can make a title read differently from what it holds; so are lone
 * surrogates, which cannot be percent-encoded. Markup
 * characters are allowed because the name is only ever rendered as text.
 */
export const LINK_NAME_PATTERN = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*$/u;
/** Longest name a link carries, in UTF-16 units (what the codec's maxLength counts). */
export const MAX_LINK_NAME = 80;
/**
 * Longest percent-encoded name written. With the config (2,000) and results
 * (1,500) at their limits and every toy key at its longest, about 130
 * characters of the 4,096 are left (linkView.test.ts measures it): a name of
 * ASCII letters and digits keeps its 80 characters (a space takes 3), one in
 * a script that takes 9 characters per letter is clipped to 13.
 */
export const MAX_LINK_NAME_ENCODED = 120;

// Four digits cover every index a config can have (MAX_POINTS is 256) with room
// to say "out of range" rather than "malformed" for a mistyped one.
/** `xs`: a point's 0-based index in the config, in plain digits, or '' for none. */
export const SELECTED_PATTERN = /^(?:0|[1-9][0-9]{0,3})?$/;
export const MAX_SELECTED_CHARS = 4;

// Lone surrogates (Cs) too: encodeURIComponent throws on them.
const REFUSED = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/**
 * A name as the link writes it: refused characters dropped, blanks trimmed,
 * clipped (whole code points) to MAX_LINK_NAME units and MAX_LINK_NAME_ENCODED
 * encoded characters, so what is written always reads back unchanged.
 */
export function linkNameParam(name: string): string {
  const cleaned = name.replace(REFUSED, '').trim();
  let out = '';
  for (const ch of cleaned) {
    const next = out + ch;
    if (next.length > MAX_LINK_NAME || encodeURIComponent(next).length > MAX_LINK_NAME_ENCODED) break;
    out = next;
  }
  return out.trimEnd();
}

/** `xs` for a selected point of an experiment with `count` points; '' when none or not one of them. */
export function selectedParam(selected: number | null, count: number): string {
  return selected !== null && Number.isInteger(selected) && selected >= 0 && selected < count ? String(selected) : '';
}

export type SelectedFromLink = { ok: true; value: number | null } | { ok: false; reason: string };

/** `xs` read against the config it came with; the codec has already checked its digits. */
export function selectedFromParam(text: string, count: number): SelectedFromLink {
  if (text === '') return { ok: true, value: null };
  const i = Number(text);
  if (!SELECTED_PATTERN.test(text) || !Number.isInteger(i)) return { ok: false, reason: 'not a point index, ignored' };
  if (i >= count) return { ok: false, reason: `point index ${i} is not among the experiment's ${count} points (0 to ${count - 1}), ignored` };
  return { ok: true, value: i };
}

/** The title of results shown from a link. */
export function linkedTitle(name: string): string {
  return name === '' ? 'Results from the link' : `“${name}” (from a link)`;
}

/** Said in Fig. 4's place for results from a link: thumbnails are far larger than a whole link may be. */
export const FIG4_NOT_IN_LINK =
  'Sample images are not in links: import the exported file (Export on the sender’s side, then Import experiment file… here) or run the sweep here.';
