/**
 * A formula split into terms that may go on separate lines: KaTeX breaks an
 * inline formula after any top-level relation or operator, which in a narrow
 * column cut "E(X − aY)²" in two. The card sets each term unbreakable and lets
 * lines break only between them: after a top-level ",\quad", "\qquad",
 * ",\ \ " or "\ \ \text{s.t.}\ \ " (a list of formulas), or a top-level "+"
 * (the terms of a sum). "Top-level" is outside braces, (), [] and \|...\|, so
 * a fraction, an argument list or a norm is never cut.
 */
const SEPARATORS = [String.raw`\ \ \text{s.t.}\ \ `, String.raw`,\quad`, String.raw`\qquad`, String.raw`,\ \ `, '+'];

export function texTerms(tex: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let depth = 0;
  let norm = false;
  for (let i = 0; i < tex.length; ) {
    const ch = tex[i];
    if (ch === '\\' && tex[i + 1] === '|') {
      norm = !norm;
      i += 2;
      continue;
    }
    if (depth === 0 && !norm) {
      const sep = SEPARATORS.find((s) => tex.startsWith(s, i));
      // A leading "+" (unary) or one right after another separator is no term boundary.
      if (sep && tex.slice(start, i).trim() !== '') {
        i += sep.length;
        terms.push(tex.slice(start, i));
        start = i;
        continue;
      }
    }
    if (ch === '\\') {
      // A control word or symbol: \{ and \} are not braces; \big( still opens a group via its "(".
      const m = /^\\([a-zA-Z]+|.)/.exec(tex.slice(i));
      i += m ? m[0].length : 1;
      continue;
    }
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    else if ((ch === '}' || ch === ')' || ch === ']') && depth > 0) depth--;
    i++;
  }
  if (start < tex.length) terms.push(tex.slice(start));
  return terms.filter((t) => t.trim() !== '');
}
