import type { Data, Layout } from 'plotly.js-dist-min';

/** What a plot draws plus how to export its numbers. */
export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
  /** CSV of the arrays the traces were built from (built lazily on export). */
  csv: () => string;
}
