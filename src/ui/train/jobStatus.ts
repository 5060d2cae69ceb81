import type { DatasetName } from '../../data/catalog';
import type { ClassifierName } from '../../models/zoo';
import type { TrainConfig } from '../../train/config';
import type { RunState } from '../../train/runner';

/**
 * The Train view's rules for which job it shows and what it may run, as pure
 * functions: the panel's settings against the job the worker holds, and the
 * run state the view shows.
 */

export interface TrainSetup {
  readonly dataset: DatasetName;
  readonly classifier: ClassifierName;
}

/** A job as the worker was configured with it. */
export interface JobSpec {
  readonly setup: TrainSetup;
  readonly config: TrainConfig;
}

/** What the view says about the run: the worker's state, or the final evaluation still running after 'done'. */
export type ShownState = RunState | 'evaluating';

/** True when the panel shows settings the worker's job was not built from (the loss weights are live, not part of it). */
export function jobChanged(applied: JobSpec | null, shown: JobSpec): boolean {
  if (!applied) return true;
  if (applied.setup.dataset !== shown.setup.dataset || applied.setup.classifier !== shown.setup.classifier) return true;
  return (Object.keys(shown.config) as Array<keyof TrainConfig>).some((k) => applied.config[k] !== shown.config[k]);
}

/**
 * Whether the final evaluation is still owed. The runner reports 'done' and
 * only then evaluates the last restorer, so 'done' arriving opens the wait and
 * the next restorer point closes it.
 */
export function finalEvalPending(pending: boolean, previous: RunState | undefined, event: { progress: RunState } | { evaluated: true }): boolean {
  if ('evaluated' in event) return false;
  if (event.progress === 'done') return previous === 'done' ? pending : true;
  return false;
}

export function shownState(state: RunState, pending: boolean): ShownState {
  return state === 'done' && pending ? 'evaluating' : state;
}

export interface StartInputs {
  readonly ready: boolean;
  readonly busy: boolean;
  readonly state: ShownState;
  /** The panel differs from the job: Start rebuilds it first, so a finished or failed job does not block it. */
  readonly changed: boolean;
  readonly invalid: boolean;
}

/** Whether Start (or Space) may start a run now. */
export function canStart(s: StartInputs): boolean {
  if (!s.ready || s.busy || s.invalid) return false;
  if (s.state === 'running' || s.state === 'paused' || s.state === 'evaluating') return false;
  return s.changed || (s.state !== 'failed' && s.state !== 'done');
}

/** The settings can change only while no run holds the job. */
export function settingsLocked(state: ShownState): boolean {
  return state === 'running' || state === 'paused' || state === 'evaluating';
}
