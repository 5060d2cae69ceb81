import { useToyStore } from '../../state/toyStore';
import { Tex } from '../Tex';
import { exitTour, moveStep } from './navigation';
import { STEPS, stepById, stepIndex } from './steps';
import { SweepStepStatus } from './SweepStepStatus';
import { texTerms } from './texTerms';
import './tour.css';

/**
 * The current tour step: title, a few sentences, the formula and the
 * navigation. Shown only during the tour; the step's state is already in the
 * store (and the URL), so this only renders and navigates.
 */
export function TourCard() {
  const tour = useToyStore((s) => s.tour);
  const step = stepById(tour);
  if (!step) return null;
  const i = stepIndex(tour);
  const last = i === STEPS.length - 1;
  return (
    <section className="tour-card" aria-labelledby="tour-title" data-testid="tour-card">
      {/* Two blocks: stacked in a control column, side by side above a wide view (tour.css). */}
      <div className="tour-main">
        <p className="tour-progress">
          Guided tour · step {i + 1} of {STEPS.length}
        </p>
        {/* Announced on every step change without moving focus away from the buttons. */}
        <h2 id="tour-title" className="tour-title" aria-live="polite" data-testid="tour-title">
          {step.title}
        </h2>
        <div className="tour-text">
          {step.text.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      </div>
      <div className="tour-side">
        {step.id === 'sweep' && <SweepStepStatus />}
        {/* Lines break between the terms only (texTerms.ts), never inside one. */}
        <div className="tour-formula">
          {texTerms(step.tex).map((t, k) => (
            <span key={k} className="tour-term">
              <Tex tex={`\\displaystyle ${t}`} />
            </span>
          ))}
        </div>
        <div className="tour-nav">
          <button type="button" className="tour-button" data-testid="tour-prev" onClick={() => moveStep(-1)} disabled={i === 0} aria-keyshortcuts="ArrowLeft PageUp">
            ← Previous
          </button>
          {last ? (
            <button type="button" className="tour-button tour-primary" data-testid="tour-finish" onClick={() => exitTour()}>
              Finish
            </button>
          ) : (
            <button type="button" className="tour-button tour-primary" data-testid="tour-next" onClick={() => moveStep(1)} aria-keyshortcuts="ArrowRight PageDown">
              Next →
            </button>
          )}
        </div>
        <button type="button" className="tour-exit" data-testid="tour-exit" onClick={() => exitTour()} aria-keyshortcuts="Escape">
          Leave the tour (Esc)
        </button>
      </div>
    </section>
  );
}
