import { useThemeStore } from '../state';

const NEXT_LABEL = { auto: 'light', light: 'dark', dark: 'auto' } as const;

/** Cycles auto -> light -> dark; "auto" follows the OS preference. */
export function ThemeToggle() {
  const setting = useThemeStore((s) => s.setting);
  const resolved = useThemeStore((s) => s.resolved);
  const cycle = useThemeStore((s) => s.cycle);
  const icon = resolved === 'dark' ? '☾' : '☀';
  return (
    <button
      type="button"
      className="header-button"
      data-testid="theme-toggle"
      onClick={cycle}
      aria-label={`Theme: ${setting}${setting === 'auto' ? ` (${resolved})` : ''}. Switch to ${NEXT_LABEL[setting]}.`}
      title={`Theme: ${setting}. Click for ${NEXT_LABEL[setting]}.`}
    >
      <span aria-hidden="true">{icon}</span> {setting === 'auto' ? `Auto (${resolved})` : setting === 'dark' ? 'Dark' : 'Light'}
    </button>
  );
}
