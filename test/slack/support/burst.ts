import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import { channelId, envelope, mention, newEventId, slackTs } from "./payloads.js";
import { sendEvent } from "./requests.js";
import { type WebApiStandIn, waitFor } from "./web-api.js";

/** One mention of the burst: its thread is where its reply goes, so replies count per event. */
export interface Sent {
  eventId: string;
  ts: string;
  envelope: object;
  /** The HTTP status it was acked with; undefined when no ack came (the process was gone). */
  status?: number;
}

/** A mention from its own person, so the burst spreads over many people's state. */
export function burstMention(index: number): Sent {
  const ts = slackTs();
  const eventId = newEventId();
  const event = mention("what is a JBP?", { ts, user: `U0P${String(index).padStart(5, "0")}` });
  return { eventId, ts, envelope: envelope(event, eventId) };
}

/**
 * Sends signed mentions at `perSecond`, each to the app `target(index)` names, while `during`
 * runs (e.g. a kill) and `after` more once it is done, so the burst goes on past whatever
 * `during` does however slow the machine is; resolves once every one was acked or refused.
 */
export async function sendBurst(options: {
  perSecond: number;
  target: (index: number) => string;
  /** Gets the mentions sent so far, which grows as it runs. */
  during: (sent: Sent[]) => Promise<void>;
  after: number;
}): Promise<Sent[]> {
  const sent: Sent[] = [];
  const requests: Promise<void>[] = [];
  const start = Date.now();
  let remaining = Number.POSITIVE_INFINITY;
  const during = options.during(sent).then(() => {
    remaining = options.after;
  });
  for (let index = 0; remaining > 0; index++, remaining--) {
    const wait = start + (index * 1000) / options.perSecond - Date.now();
    if (wait > 0) await sleep(wait);
    const item = burstMention(index);
    sent.push(item);
    requests.push(
      sendEvent(options.target(index), item.envelope).then(
        (response) => {
          item.status = response.status;
        },
        () => {},
      ),
    );
  }
  await Promise.all([...requests, during]);
  return sent;
}

/** chat.postMessage calls the stand-in took, per thread. */
export function repliesPerThread(webApi: WebApiStandIn): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of webApi.callsTo("chat.postMessage")) {
    if (call.status !== 200 || call.params.channel !== channelId) continue;
    const thread = String(call.params.thread_ts);
    counts.set(thread, (counts.get(thread) ?? 0) + 1);
  }
  return counts;
}

/** Polls an asynchronous check until it holds, or fails after `timeoutMs` naming what it waited for. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** The mentions the stand-in has taken a reply to. */
export function answered(webApi: WebApiStandIn, sent: Sent[]): Sent[] {
  const replies = repliesPerThread(webApi);
  return sent.filter((item) => replies.has(item.ts));
}

/** The burst of a crash test, split by how its mentions were acked before the kill. */
export interface KilledBurst {
  sent: Sent[];
  acked: Sent[];
  unacked: Sent[];
  /** Replies the stand-in took per thread, the held ones let through. */
  answeredBeforeKill: Map<string, number>;
}

/**
 * Sends a burst of mentions at 200 a second and kills an instance in the middle of it. Once
 * `ackedFirst` mentions are acked (counted, not timed, so a slow machine waits longer), the
 * replies stay on their way to Slack, and the kill waits until every reply Slack
 * took is marked done (as `unfinished` reads the work left): it finds work acked and not
 * answered, and no reply half sent (that window is the README's, not the tests'). The held
 * replies are let through once the burst is over.
 */
export async function killMidBurst(options: {
  webApi: WebApiStandIn;
  target: (index: number) => string;
  /** How many mentions must be acked before replies are held. */
  ackedFirst: number;
  /** How many replies must be held before the kill waits for the done marks. */
  held: number;
  /** The event ids of the work not yet marked done. */
  unfinished: () => Promise<ReadonlySet<string | undefined>>;
  kill: () => Promise<unknown>;
}): Promise<KilledBurst> {
  const { webApi } = options;
  let release = () => {};
  const sent = await sendBurst({
    perSecond: 200,
    after: 100,
    target: options.target,
    during: async (sentSoFar) => {
      await waitFor(
        `${options.ackedFirst} mentions acked`,
        () => sentSoFar.filter((item) => item.status === 200).length >= options.ackedFirst,
        15_000,
      );
      release = webApi.holdEvery("chat.postMessage");
      await waitFor(
        "replies held on their way to Slack",
        () => webApi.held.length >= options.held,
        15_000,
      );
      const taken = answered(webApi, sentSoFar);
      await eventually("the replies Slack took to be marked done", async () => {
        const left = await options.unfinished();
        return taken.every((item) => !left.has(item.eventId));
      });
      await options.kill();
    },
  });
  release();
  return {
    sent,
    acked: sent.filter((item) => item.status === 200),
    unacked: sent.filter((item) => item.status !== 200),
    answeredBeforeKill: repliesPerThread(webApi),
  };
}

/**
 * That the kill came mid-work (after the acks `killMidBurst` waits for): some mentions not acked
 * at all, and some acked but not yet answered.
 */
export function expectKilledMidWork(burst: KilledBurst): void {
  expect(burst.unacked.length).toBeGreaterThan(0);
  expect(
    burst.acked.filter((item) => !burst.answeredBeforeKill.has(item.ts)).length,
  ).toBeGreaterThan(0);
}

/**
 * What Slack does after the kill, to the instance left: it resends what got no ack, and the
 * last `resentAcked` acked mentions too (as after a slow ack). Every mention must then be
 * answered exactly once, and the instance stop cleanly.
 */
export async function resendAndExpectEachAnsweredOnce(
  webApi: WebApiStandIn,
  left: { url: string; stop: () => Promise<number | null> },
  burst: KilledBurst,
  resentAcked: number,
): Promise<void> {
  await Promise.all(
    [...burst.unacked, ...burst.acked.slice(-resentAcked)].map((item) =>
      sendEvent(left.url, item.envelope, { retryNum: 1 }),
    ),
  );
  await waitFor(
    "a reply to every event",
    () => {
      const replies = repliesPerThread(webApi);
      return burst.sent.every((item) => replies.has(item.ts));
    },
    60_000,
  );
  expect(await left.stop()).toBe(0);
  const replies = repliesPerThread(webApi);
  expect(burst.sent.filter((item) => replies.get(item.ts) !== 1)).toEqual([]);
}
