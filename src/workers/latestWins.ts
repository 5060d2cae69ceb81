/**
 * Latest-wins scheduling for an async computation: at most one call in
 * flight; while it runs, newer submissions replace each other and only the
 * newest one runs next. Every completed result is delivered (they arrive in
 * submission order), so a long drag still shows intermediate states.
 */
export interface LatestWins<Req> {
  submit(req: Req): void;
  /** Requests dropped because a newer one replaced them before they ran. */
  readonly dropped: number;
  /** Resolves when nothing is running or queued (tests, e2e hooks). */
  idle(): Promise<void>;
  dispose(): void;
}

export function latestWins<Req, Res>(
  run: (req: Req) => Promise<Res>,
  onResult: (res: Res, req: Req) => void,
  onError: (err: unknown, req: Req) => void = () => {},
): LatestWins<Req> {
  let running = false;
  let queued: { req: Req } | null = null;
  let dropped = 0;
  let disposed = false;
  let waiters: (() => void)[] = [];

  const settle = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const pump = () => {
    if (running || disposed) return;
    if (!queued) {
      settle();
      return;
    }
    const { req } = queued;
    queued = null;
    running = true;
    run(req).then(
      (res) => {
        running = false;
        if (!disposed) onResult(res, req);
        pump();
      },
      (err: unknown) => {
        running = false;
        if (!disposed) onError(err, req);
        pump();
      },
    );
  };

  return {
    submit(req) {
      if (disposed) return;
      if (queued) dropped++;
      queued = { req };
      pump();
    },
    get dropped() {
      return dropped;
    },
    idle() {
      if (!running && !queued) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    dispose() {
      disposed = true;
      queued = null;
      settle();
    },
  };
}
