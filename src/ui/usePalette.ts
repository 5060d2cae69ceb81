import { paletteFor, type Palette } from '../plots/palette';
import { useThemeStore } from '../state';

/** Plot colours for the theme in force (plotly layouts follow the theme). */
export function usePalette(): Palette {
  return paletteFor(useThemeStore((s) => s.resolved));
}
