import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { STEPS } from './steps';
import { texTerms } from './texTerms';

describe('formula terms for line breaking', () => {
  it('splits a sum between its terms, never inside a norm, a group or brackets', () => {
    const sweep = STEPS.find((s) => s.id === 'sweep')!.tex;
    const terms = texTerms(sweep);
    expect(terms).toHaveLength(3);
    expect(terms[0]).toContain(String.raw`\|X-G(Y)\|^2`);
    expect(terms[1]).toMatch(/^\\beta/);
    expect(terms[2]).toMatch(/^\\gamma/);
    expect(texTerms(String.raw`\frac{a+b}{c}+f(x+y)+[p+q]`)).toEqual([String.raw`\frac{a+b}{c}+`, 'f(x+y)+', '[p+q]']);
  });

  it('splits a list of formulas after its separators', () => {
    const criteria = STEPS.find((s) => s.tex.startsWith('D(a)'))!.tex;
    expect(texTerms(criteria).map((t) => t.trim().replace(/,\\quad$/, ''))).toEqual([
      String.raw`D(a)=\mathbb E(X-aY)^2`,
      String.raw`P(a)=d(p_X,p_{aY})`,
      String.raw`C(a)=\Pr[c_0(aY)\neq\omega]`,
    ]);
  });

  it('gives back every formula whole when joined, each term valid TeX', () => {
    for (const s of STEPS) {
      const terms = texTerms(s.tex);
      expect(terms.join('')).toBe(s.tex);
      for (const t of terms) expect(() => katex.renderToString(t, { throwOnError: true })).not.toThrow();
    }
  });
});
