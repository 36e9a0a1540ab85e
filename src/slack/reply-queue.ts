/**
 * Slack times the ack, not the reply. Reply work (the core, rendering, the Web API call) therefore
 * waits its turn here: at most `concurrency` replies are worked on at once, and each starts from a
 * setImmediate, after the event loop has taken in the requests already waiting on its sockets. In
 * a burst, every request is acked as soon as it arrives and the replies follow in arrival order,
 * instead of each ack waiting behind all the replies started before it.
 */
export interface ReplyQueue {
  /** Runs the job when its turn comes; settles as the job does. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs waiting for their turn (not counting those running). */
  readonly waiting: number;
}

export function createReplyQueue(concurrency: number): ReplyQueue {
  const queue: (() => void)[] = [];
  let running = 0;

  const startNext = () => {
    if (running >= concurrency) return;
    const next = queue.shift();
    if (!next) return;
    running += 1;
    setImmediate(next);
  };

  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          job()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              startNext();
            });
        });
        startNext();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}
