/** Counts requests being handled, so stopping can wait for replies already under way. */
export interface InFlight {
  /** Marks one request started; call the returned function when it is done. */
  start(): () => void;
  readonly count: number;
  /** Resolves true when nothing is in flight, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  return {
    start() {
      count += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        count -= 1;
        if (count === 0) {
          for (const wake of waiters) wake();
          waiters = [];
        }
      };
    },
    get count() {
      return count;
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
