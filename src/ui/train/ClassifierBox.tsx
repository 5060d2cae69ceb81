import { useState } from 'react';
import { CLASSIFIER_INFO, type ClassifierName } from '../../models/zoo';
import { CLASSIFIER_RECIPES } from '../../train/recipes';
import type { ClassifierSummary } from '../../train/service';
import { NumberBox } from '../controls/NumberBox';

interface Props {
  name: ClassifierName;
  summary: ClassifierSummary | null;
  note: string;
  disabled: boolean;
  onRetrain(epochs: number): void;
}

/** The frozen classifier c0: where it comes from, its clean accuracy, and retraining it here. */
export function ClassifierBox({ name, summary, note, disabled, onRetrain }: Props) {
  const [epochs, setEpochs] = useState(Math.min(5, CLASSIFIER_RECIPES[name].epochs));
  const [epochsValid, setEpochsValid] = useState(true);
  const card = summary?.card;
  return (
    <fieldset className="group" data-testid="train-c0">
      <legend>Classifier c0 ({CLASSIFIER_INFO[name].title})</legend>
      {card ? (
        <p className="field-hint" data-testid="train-c0-card">
          {summary?.params.toLocaleString('en-US')} parameters; {(100 * card.testAccuracy).toFixed(2)}% on {card.testCount} held-out clean test images; trained {card.epochs} epochs on {card.trainCount} images ({card.backend}).
        </p>
      ) : (
        <p className="field-hint">{summary ? `${summary.params} parameters` : 'not loaded'}</p>
      )}
      <div className="field-row">
        <NumberBox label="epochs" value={epochs} min={1} max={200} integer testId="train-c0-epochs" onChange={setEpochs} onValidity={setEpochsValid} />
        <button type="button" className="small-button" disabled={disabled || !epochsValid} data-testid="train-c0-retrain" onClick={() => onRetrain(epochs)}>
          Retrain here
        </button>
      </div>
      {note && (
        <p className="field-hint" aria-live="polite">
          {note}
        </p>
      )}
    </fieldset>
  );
}
