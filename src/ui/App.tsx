import { lazy, Suspense, useState, type ReactNode } from 'react';
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

// The training views pull in the worker clients and their stores: split them
// off so the toy view's first paint does not wait for them.
const TrainView = lazy(() => import('./train/TrainView').then((m) => ({ default: m.TrainView })));
const ExperimentsView = lazy(() =>
  import('./experiments/ExperimentsView').then((m) => ({ default: m.ExperimentsView })),
);

function Loading() {
  return <p className="view-loading" role="status">Loading…</p>;
}

// One entry per view that exists. Later views add a line here.
const TABS: readonly Tab[] = [
  { view: 'toy', label: 'Toy explorer', render: () => <ToyView lead={<TourCard />} exactSection={<ExactBoundSection />} /> },
  { view: 'data', label: 'Data', render: () => <DataView /> },
  {
    view: 'train',
    label: 'Train',
    render: () => (
      <Suspense fallback={<Loading />}>
        <TrainView />
      </Suspense>
    ),
  },
  {
    view: 'experiments',
    label: 'Experiments',
    render: () => (
      <Suspense fallback={<Loading />}>
        <ExperimentsView />
      </Suspense>
    ),
  },
];

export function App() {
  const view = useToyStore((s) => s.view);
  const setKey = useToyStore((s) => s.set);
  // A link may name a view this build does not have: show the first one.
  const active = TABS.find((t) => t.view === view) ?? TABS[0];
  const [menuOpen, setMenuOpen] = useState(false);
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
        {/* Phones only (phone.css): the actions fold under one button so the header stays one row. */}
        <button
          type="button"
          className="header-button header-menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="header-actions"
          aria-label="Menu: tour, presentation, presets, link, theme"
          data-testid="header-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span>
        </button>
        <div id="header-actions" className="header-actions" data-open={menuOpen ? '' : undefined}>
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
          {/* The toy view shows the tour card in its control column; other views get it on top. */}
          {active.view !== 'toy' && <TourCard />}
          <PresentPlotScale>{active.render()}</PresentPlotScale>
        </div>
      </main>
      <ClassroomLayer views={TABS.map((t) => t.view)} />
    </div>
  );
}
