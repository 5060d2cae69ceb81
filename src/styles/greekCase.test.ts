import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// CSS case transforms turn α, β, γ into Α, Β, Γ, which read as the Latin
// A, B and a different letter (issue 22: point details showed "A=1 B=0.5 Γ=1").
// A rule may transform case only where its text can hold no Greek.

/** Selectors whose text is fixed and Greek-free ("Guided tour · step 2 of 9"). */
const GREEK_FREE = new Set(['.tour-progress']);

const SRC = join(process.cwd(), 'src');

function cssFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return cssFiles(p);
    return p.endsWith('.css') ? [p] : [];
  });
}

/** [selector, declarations] of every innermost rule (those inside @media included). */
function rules(css: string): Array<[string, string]> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => [m[1].trim(), m[2]]);
}

function caseTransforms(): string[] {
  const out: string[] = [];
  for (const f of cssFiles(SRC)) {
    for (const [selector, body] of rules(readFileSync(f, 'utf8'))) {
      if (!/text-transform\s*:\s*(uppercase|capitalize)/.test(body)) continue;
      for (const s of selector.split(',').map((x) => x.trim())) if (!GREEK_FREE.has(s)) out.push(`${relative(SRC, f)}: ${s}`);
    }
  }
  return out;
}

describe('Greek letters keep their case', () => {
  it('the rule reader finds a transform where there is one', () => {
    expect(rules('.a{color:red}\n@media (x) { .b, .c { text-transform: uppercase } }')).toEqual([
      ['.a', 'color:red'],
      ['.b, .c', ' text-transform: uppercase '],
    ]);
  });

  it('no stylesheet upper-cases or capitalises text that can hold α, β or γ', () => {
    expect(caseTransforms()).toEqual([]);
  });
});
