import type { ReactNode } from 'react';
import { useToyStore, type View } from '../state';
import { ClassroomButtons } from './classroom/ClassroomButtons';
import { ClassroomLayer } from './classroom/ClassroomLayer';
import { CopyLinkButton, PermalinkNotice, PresetMenu } from './permalink';
import { PresentPlotScale } from './present/PresentPlotScale';
import { TourCard } from './tour/TourCard';
import { ThemeToggle } from './ThemeToggle';
import { DataView } from './data/DataView';
import { ExactBoundSection } from './exact/ExactBoundSection';
import { ToyView } from './toy/ToyView';

interface Tab {
  view: View;
  label: string;
  render(): ReactNode;
}

// One entry per view that exists. Later views add a line here.
const TABS: readonly Tab[] = [
  { view: 'toy', label: 'Toy explorer', render: () => <ToyView lead={<TourCard />} exactSection={<ExactBoundSection />} /> },
  { view: 'data', label: 'Data', render: () => <DataView /> },
];

export function App() {
  const view = useToyStore((s) => s.view);
  const setKey = useToyStore((s) => s.set);
  // A link may name a view this build does not have: show the first one.
  const active = TABS.find((t) => t.view === view) ?? TABS[0];
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">
          <span className="brand-name">CDP Lab</span>
          <span className="brand-tag">classification · distortion · perception</span>
        </h1>
        <nav className="tabs" role="tablist" aria-label="Views">
          {TABS.map((t) => (
            <button
              key={t.view}
              type="button"
              role="tab"
              id={`tab-${t.view}`}
              aria-selected={t === active}
              aria-controls="view-panel"
              data-testid={`tab-${t.view}`}
              className="tab"
              onClick={() => setKey('view', t.view)}
            >
              {t.label}
            </button>
          ))}
        </nav>
        <div className="header-actions">
          <ClassroomButtons />
          <PresetMenu />
          <CopyLinkButton />
          <ThemeToggle />
        </div>
      </header>
      <PermalinkNotice />
      {/* main is the landmark; the tab panel sits inside it (a role on main would replace the landmark). */}
      <main className="view">
        <div id="view-panel" role="tabpanel" aria-labelledby={`tab-${active.view}`}>
          <PresentPlotScale>{active.render()}</PresentPlotScale>
        </div>
      </main>
      <ClassroomLayer views={TABS.map((t) => t.view)} />
    </div>
  );
}
