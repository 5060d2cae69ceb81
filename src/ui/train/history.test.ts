import { describe, expect, it } from 'vitest';
import { appendHistory, emptyHistory, MAX_POINTS } from './history';

describe('loss history', () => {
  it('appends, replaces a repeated iteration, and stays bounded', () => {
    let h = emptyHistory();
    h = appendHistory(h, { iteration: 1, criticIterations: 5, losses: { mse: 0.5 } });
    h = appendHistory(h, { iteration: 1, criticIterations: 6, losses: { mse: 0.4, critic: -1 } });
    expect(h.iteration).toEqual([1]);
    expect(h.series.mse).toEqual([0.4]);
    expect(h.series.critic).toEqual([-1]);
    expect(h.series.ce).toEqual([null]);
    for (let i = 2; i <= 3 * MAX_POINTS; i++) h = appendHistory(h, { iteration: i, criticIterations: 0, losses: { mse: 1 / i } });
    expect(h.iteration.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(h.iteration.at(-1)).toBe(3 * MAX_POINTS);
    expect(h.series.mse.length).toBe(h.iteration.length);
    // Still increasing and spread over the whole run.
    expect(h.iteration.every((v, i) => i === 0 || v > h.iteration[i - 1])).toBe(true);
    expect(h.iteration[0]).toBe(1);
  });
});
