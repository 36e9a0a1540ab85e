import { setImmediate as afterPendingIo } from "node:timers/promises";
import PQueue from "p-queue";

/**
 * Slack times the ack, not the reply. Reply work (the core, rendering, the Web API call) therefore
 * waits its turn here: at most `concurrency` replies are worked on at once, and each starts after
 * the event loop has taken in the requests already waiting on its sockets. In a burst, every
 * request is acked as soon as it arrives and the replies follow in arrival order, instead of each
 * ack waiting behind all the replies started before it.
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

const ignore = () => {};

/**
 * Settles when the reply does or when its slot time is up, whichever comes first. (p-queue's own
 * `timeout` would do the same, but builds an Error with its stack for every reply it times.)
 */
function endOrSlotTime(reply: Promise<unknown>, slotMs: number): Promise<void> {
  return new Promise((release) => {
    const slot = setTimeout(release, slotMs);
    void reply.then(ignore, ignore).finally(() => {
      clearTimeout(slot);
      release();
    });
  });
}

/** Throws (a TypeError from p-queue) for a concurrency or maxUnderWay below 1. */
export function createReplyQueue(options: ReplyQueueOptions): ReplyQueue {
  // A reply holds a place in `underWay` until it ends, and one in `slots` until it ends or its
  // slot time is up; then the place goes to the next reply and this one goes on by itself.
  const underWay = new PQueue({ concurrency: options.maxUnderWay });
  const slots = new PQueue({ concurrency: options.concurrency });

  return {
    run<T>(job: () => Promise<T>): Promise<T> {
      return underWay.add(
        () =>
          new Promise<T>((resolve, reject) => {
            void slots.add(async () => {
              await afterPendingIo();
              const reply = Promise.resolve().then(job);
              reply.then(resolve, reject);
              await endOrSlotTime(reply, options.slotMs);
            });
          }),
      );
    },
  };
}

/**
 * Where a reply goes. Slack answers (and rate-limits) each Web API method on its own, and a
 * response_url is not the Web API at all, so a slow `chat.postMessage` must not hold up ephemeral
 * results or the Home tab.
 */
export type ReplyLane = "chat.postMessage" | "views.publish" | "response_url";

/** One reply queue per lane, each with the same limits. */
export interface ReplyLanes {
  run<T>(lane: ReplyLane, job: () => Promise<T>): Promise<T>;
}

export function createReplyLanes(options: ReplyQueueOptions): ReplyLanes {
  // Built up front so a bad option stops the start instead of the first reply.
  const lanes: Record<ReplyLane, ReplyQueue> = {
    "chat.postMessage": createReplyQueue(options),
    "views.publish": createReplyQueue(options),
    response_url: createReplyQueue(options),
  };
  return { run: (lane, job) => lanes[lane].run(job) };
}
