import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useMemo } from 'react';

const cache = new Map<string, string>();

function render(tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let html = cache.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
    cache.set(key, html);
  }
  return html;
}

/**
 * A formula typeset by KaTeX. Only for the app's own constant TeX strings:
 * never pass URL or user text here (the output is set as HTML).
 */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(() => render(tex, display), [tex, display]);
  return <span className={display ? 'tex tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}
