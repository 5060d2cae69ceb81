import { describe, expect, it } from 'vitest';
import { latestWins } from './latestWins';

/** A controllable async job: each call waits until resolved by hand. */
function manualRunner() {
  const calls: { req: number; resolve: (v: string) => void; reject: (e: unknown) => void }[] = [];
  const run = (req: number) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ req, resolve, reject });
    });
  return { calls, run };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latestWins', () => {
  it('runs one at a time and only the newest queued request next', async () => {
    const { calls, run } = manualRunner();
    const results: [string, number][] = [];
    const lw = latestWins(run, (res, req) => results.push([res, req]));
    lw.submit(1);
    lw.submit(2);
    lw.submit(3);
    lw.submit(4);
    expect(calls.map((c) => c.req)).toEqual([1]);
    calls[0].resolve('r1');
    await tick();
    // 2 and 3 were superseded by 4 before they could start.
    expect(calls.map((c) => c.req)).toEqual([1, 4]);
    expect(lw.dropped).toBe(2);
    calls[1].resolve('r4');
    await lw.idle();
    expect(results).toEqual([
      ['r1', 1],
      ['r4', 4],
    ]);
  });

  it('keeps going after an error and reports it', async () => {
    const { calls, run } = manualRunner();
    const errors: number[] = [];
    const results: number[] = [];
    const lw = latestWins(run, (_res, req) => results.push(req), (_e, req) => errors.push(req));
    lw.submit(1);
    lw.submit(2);
    calls[0].reject(new Error('boom'));
    await tick();
    calls[1].resolve('ok');
    await lw.idle();
    expect(errors).toEqual([1]);
    expect(results).toEqual([2]);
  });

  it('delivers nothing after dispose', async () => {
    const { calls, run } = manualRunner();
    const results: number[] = [];
    const lw = latestWins(run, (_r, req) => results.push(req));
    lw.submit(1);
    lw.submit(2);
    lw.dispose();
    calls[0].resolve('late');
    await tick();
    expect(results).toEqual([]);
    expect(calls.length).toBe(1);
  });

  it('idle resolves immediately when nothing is pending', async () => {
    const lw = latestWins(async (x: number) => x, () => {});
    await expect(lw.idle()).resolves.toBeUndefined();
  });
});
