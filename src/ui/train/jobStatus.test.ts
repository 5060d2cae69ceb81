import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../train/config';
import { canStart, finalEvalPending, jobChanged, settingsLocked, shownState, type JobSpec, type StartInputs } from './jobStatus';

const job: JobSpec = { setup: { dataset: 'mnist', classifier: 'cnn1' }, config: { ...DEFAULT_CONFIG, preset: 'fast', iterations: 2000 } };

describe('the job the Train view shows', () => {
  it('is changed when any setting differs from the built job, or when none is built', () => {
    expect(jobChanged(job, { setup: { ...job.setup }, config: { ...job.config } })).toBe(false);
    expect(jobChanged(job, { ...job, config: { ...job.config, iterations: 150 } })).toBe(true);
    expect(jobChanged(job, { ...job, config: { ...job.config, preset: 'tiny' } })).toBe(true);
    expect(jobChanged(job, { ...job, config: { ...job.config, evalCount: 100 } })).toBe(true);
    expect(jobChanged(job, { ...job, setup: { ...job.setup, classifier: 'cnn2' } })).toBe(true);
    expect(jobChanged(job, { ...job, setup: { ...job.setup, dataset: 'fashion-mnist' } })).toBe(true);
    expect(jobChanged(null, job)).toBe(true);
  });

  it('after "done" the final evaluation is owed until the next restorer point', () => {
    let pending = finalEvalPending(false, 'running', { progress: 'done' });
    expect(pending).toBe(true);
    expect(shownState('done', pending)).toBe('evaluating');
    // A repeated 'done' report (a stop after the end) does not reopen the wait once it closed.
    pending = finalEvalPending(pending, 'done', { evaluated: true });
    expect(pending).toBe(false);
    expect(shownState('done', pending)).toBe('done');
    expect(finalEvalPending(false, 'done', { progress: 'done' })).toBe(false);
    expect(finalEvalPending(true, 'done', { progress: 'done' })).toBe(true);
    // Leaving 'done' (reset, a new run) drops it.
    expect(finalEvalPending(true, 'done', { progress: 'idle' })).toBe(false);
    expect(shownState('running', true)).toBe('running');
  });

  it('Start runs the shown job: a changed panel rebuilds even a finished or failed job, an invalid one runs nothing', () => {
    const base: StartInputs = { ready: true, busy: false, state: 'idle', changed: false, invalid: false };
    expect(canStart(base)).toBe(true);
    expect(canStart({ ...base, state: 'stopped' })).toBe(true);
    expect(canStart({ ...base, state: 'done' })).toBe(false);
    expect(canStart({ ...base, state: 'failed' })).toBe(false);
    expect(canStart({ ...base, state: 'done', changed: true })).toBe(true);
    expect(canStart({ ...base, state: 'failed', changed: true })).toBe(true);
    expect(canStart({ ...base, changed: true, invalid: true })).toBe(false);
    expect(canStart({ ...base, ready: false })).toBe(false);
    expect(canStart({ ...base, busy: true })).toBe(false);
    for (const state of ['running', 'paused', 'evaluating'] as const) expect(canStart({ ...base, state, changed: true })).toBe(false);
  });

  it('locks the settings while a run holds the job', () => {
    expect(settingsLocked('running')).toBe(true);
    expect(settingsLocked('paused')).toBe(true);
    expect(settingsLocked('evaluating')).toBe(true);
    for (const s of ['idle', 'stopped', 'done', 'failed'] as const) expect(settingsLocked(s)).toBe(false);
  });
});
