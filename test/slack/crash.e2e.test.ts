import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonWith } from "../../src/parse-json.js";
import { answered, eventually, repliesPerThread, sendBurst } from "./support/burst.js";
import { tempDir } from "./support/harness.js";
import { killInstances, startInstance } from "./support/instances.js";
import { sendEvent } from "./support/requests.js";
import { startWebApi, type WebApiStandIn, waitFor } from "./support/web-api.js";

let webApi: WebApiStandIn;
let dir: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  webApi = await startWebApi();
  dir = await tempDir("credit-desk-crash-");
});

afterAll(async () => {
  killInstances();
  await webApi.close();
  await dir.remove();
});

/** The ids of the work in the log without its done line, as the next start reads them. */
async function unfinished(file: string): Promise<Set<string>> {
  const left = new Set<string>();
  for (const line of (await readFile(file, "utf8")).split("\n")) {
    const parsed = parseJsonWith(logLine, line);
    if (parsed?.done) left.delete(parsed.done);
    else if (parsed?.id && parsed.body) left.add(parsed.id);
  }
  return left;
}
const logLine = z.object({ id: z.string(), done: z.string(), body: z.unknown() }).partial();

describe("the embedded engine, killed mid-burst", () => {
  it("answers every acked event once after kill -9 and a restart on the same DATA_DIR", async () => {
    const first = await startInstance({ webApiUrl: webApi.url, dataDir: dir.path });
    let release = () => {};
    const sent = await sendBurst({
      perSecond: 200,
      after: 100,
      target: () => first.url,
      during: async (sentSoFar) => {
        await sleep(600);
        // From here the replies stay on their way to Slack, and the kill waits until every reply
        // Slack took is marked done: it finds work acked and not answered, and no reply half
        // sent (that window is the README's, not this test's).
        release = webApi.holdEvery("chat.postMessage");
        await waitFor("replies held on their way to Slack", () => webApi.held.length >= 2, 15_000);
        const taken = answered(webApi, sentSoFar);
        await eventually("the replies Slack took to be marked done", async () => {
          const left = await unfinished(join(dir.path, "slack-events.jsonl"));
          return taken.every((item) => !left.has(item.eventId));
        });
        await first.kill();
      },
    });
    release();
    const acked = sent.filter((item) => item.status === 200);
    const unacked = sent.filter((item) => item.status !== 200);
    const answeredBeforeKill = repliesPerThread(webApi);
    expect(acked.length).toBeGreaterThan(100);
    expect(unacked.length).toBeGreaterThan(0);
    expect(acked.filter((item) => !answeredBeforeKill.has(item.ts)).length).toBeGreaterThan(0);

    const second = await startInstance({ webApiUrl: webApi.url, dataDir: dir.path });
    // Slack resends what got no ack; a few acked events are resent too, as after a slow ack.
    await Promise.all(
      [...unacked, ...acked.slice(-5)].map((item) =>
        sendEvent(second.url, item.envelope, { retryNum: 1 }),
      ),
    );
    await waitFor(
      "a reply to every event",
      () => {
        const replies = repliesPerThread(webApi);
        return sent.every((item) => replies.has(item.ts));
      },
      60_000,
    );
    expect(await second.stop()).toBe(0);
    const replies = repliesPerThread(webApi);
    expect(sent.filter((item) => replies.get(item.ts) !== 1)).toEqual([]);
    expect(second.stderr()).toMatch(/unfinished work found count=\d+/);
    expect(second.stderr()).toContain("duplicate event ignored");
    expect(second.stderr()).not.toContain("JBP");
  }, 120_000);
});
