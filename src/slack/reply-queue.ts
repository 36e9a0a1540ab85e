/**
 * Slack times the ack, not the reply. Reply work (the core, rendering, the Web API call) therefore
 * waits its turn here: at most `concurrency` replies are worked on at once, and each starts from a
 * setImmediate, after the event loop has taken in the requests already waiting on its sockets. In
 * a burst, every request is acked as soon as it arrives and the replies follow in arrival order,
 * instead of each ack waiting behind all the replies started before it.
 *
 * A reply that is still running after `slotMs` (Slack slow to answer, or a rate limit being
 * waited out) gives up its place and finishes on its own, so one slow call never holds up the
 * replies queued behind it; at most `maxUnderWay` replies are under way, slow ones included.
 */
export interface ReplyQueue {
  /** Runs the job when its turn comes; settles as the job does. */
  run<T>(job: () => Promise<T>): Promise<T>;
}

export interface ReplyQueueOptions {
  concurrency: number;
  slotMs: number;
  maxUnderWay: number;
}

export function createReplyQueue(options: ReplyQueueOptions): ReplyQueue {
  const { concurrency, slotMs, maxUnderWay } = options;
  const queue: (() => void)[] = [];
  /** Replies holding a place. */
  let running = 0;
  /** Replies started and not finished, those that gave up their place included. */
  let underWay = 0;

  const startNext = () => {
    if (running >= concurrency || underWay >= maxUnderWay) return;
    const next = queue.shift();
    if (!next) return;
    running += 1;
    underWay += 1;
    setImmediate(next);
  };

  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          let released = false;
          const release = () => {
            if (released) return;
            released = true;
            clearTimeout(slot);
            running -= 1;
            startNext();
          };
          const slot = setTimeout(release, slotMs);
          Promise.resolve()
            .then(job)
            .then(resolve, reject)
            .finally(() => {
              underWay -= 1;
              if (released) startNext();
              else release();
            });
        });
        startNext();
      });
    },
  };
}
