import { setTimeout as sleep } from "node:timers/promises";
import { channelId, envelope, mention, newEventId, slackTs } from "./payloads.js";
import { sendEvent } from "./requests.js";
import type { WebApiStandIn } from "./web-api.js";

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
