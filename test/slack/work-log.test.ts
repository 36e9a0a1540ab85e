import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { createInFlight } from "../../src/slack/in-flight.js";
import type { Work, WorkQueue } from "../../src/slack/work.js";
import { minimalBody } from "../../src/slack/work.js";
import { openWorkLog, type WorkLogOptions } from "../../src/slack/work-log.js";
import { tempDir } from "./support/harness.js";
import { directMessage, envelope } from "./support/payloads.js";

let dir: { path: string; remove: () => Promise<void> };
let logs: string[];
const logger = () => createLogger({ level: "debug", write: (line) => logs.push(line) });
const lines = (text: string) => text.split("\n").filter((line) => line !== "");

beforeEach(async () => {
  dir = await tempDir("credit-desk-work-log-");
  logs = [];
});
afterEach(() => dir.remove());

const options = (more: Partial<WorkLogOptions> = {}): WorkLogOptions => ({
  file: join(dir.path, "events.jsonl"),
  undeliveredFile: join(dir.path, "undelivered.jsonl"),
  logger: logger(),
  ...more,
});
const event = (id: string): Work => ({ id, isEvent: true, body: { event_id: id } });

/** The work a freshly opened log hands to `resume`. */
function resumed(queue: WorkQueue): Work[] {
  const handed: Work[] = [];
  queue.resume(async (work) => {
    handed.push(work);
  });
  return handed;
}

describe("the embedded work log", () => {
  it("accepts an event id once, also when the same id arrives concurrently", async () => {
    const queue = await openWorkLog(options());
    const verdicts = await Promise.all([
      queue.accept(event("Ev1")),
      queue.accept(event("Ev1")),
      queue.accept(event("Ev2")),
    ]);
    expect(verdicts).toEqual(["accepted", "duplicate", "accepted"]);
    await queue.done("Ev1");
    expect(await queue.accept(event("Ev1"))).toBe("duplicate");
    await queue.close();
  });

  it("hands work a killed process accepted and did not finish to the next one, once, with its id seen", async () => {
    const first = await openWorkLog(options());
    const body = minimalBody(envelope(directMessage("what is a JBP?"), "EvLeft"));
    await first.accept({ id: "EvLeft", isEvent: true, body });
    await first.accept(event("EvDone"));
    await first.done("EvDone");
    await first.accept({ id: "W1", isEvent: false, body: { command: "/credit-check" } });
    // No close: the process died with its file as the OS had it.

    const second = await openWorkLog(options());
    expect(resumed(second)).toEqual([
      { id: "EvLeft", isEvent: true, body },
      { id: "W1", isEvent: false, body: { command: "/credit-check" } },
    ]);
    expect(resumed(second)).toEqual([]);
    // Slack's resend of either event is not answered again: the first was recorded with its work.
    expect(await second.accept(event("EvLeft"))).toBe("duplicate");
    expect(await second.accept(event("EvDone"))).toBe("duplicate");
    await second.done("EvLeft");
    await second.done("W1");
    await second.close();

    const third = await openWorkLog(options());
    expect(resumed(third)).toEqual([]);
    await third.close();
  });

  it("keeps an event's work without its verification token or the blocks repeating its text", () => {
    const body = minimalBody(envelope(directMessage("what is a JBP?"), "EvSmall"));
    expect(body).not.toHaveProperty("token");
    expect(body).not.toHaveProperty("event_context");
    expect(body.event).not.toHaveProperty("blocks");
    expect(body.event).toMatchObject({ text: "what is a JBP?", channel_type: "im" });
    expect(minimalBody({ token: "t", command: "/credit-check", text: "help" })).toEqual({
      command: "/credit-check",
      text: "help",
    });
  });

  it("forgets ids after the retry window but keeps unfinished work whatever its age", async () => {
    let now = 1_000_000;
    const timed = options({ ttlMs: 60_000, now: () => now });
    const queue = await openWorkLog(timed);
    await queue.accept(event("EvOld"));
    await queue.accept(event("EvPending"));
    await queue.done("EvOld");
    now += 61_000;
    await queue.accept(event("EvNew"));
    await queue.done("EvNew");
    await queue.close();

    const restarted = await openWorkLog(timed);
    expect(resumed(restarted).map((work) => work.id)).toEqual(["EvPending"]);
    expect(await restarted.accept(event("EvNew"))).toBe("duplicate");
    expect(await restarted.accept(event("EvPending"))).toBe("duplicate");
    expect(await restarted.accept(event("EvOld"))).toBe("accepted");
    await restarted.close();
  });

  it("keeps at most maxEntries ids and its file small, never dropping unfinished work", async () => {
    let now = 0;
    const small = options({ maxEntries: 3, now: () => (now += 1) });
    const queue = await openWorkLog(small);
    await queue.accept(event("EvStuck"));
    for (let i = 1; i <= 20; i++) {
      await queue.accept(event(`Ev${i}`));
      await queue.done(`Ev${i}`);
    }
    await queue.close();
    expect(lines(await readFile(small.file, "utf8")).length).toBeLessThanOrEqual(2 * 4);

    const restarted = await openWorkLog(small);
    expect(resumed(restarted).map((work) => work.id)).toEqual(["EvStuck"]);
    expect(await restarted.accept(event("Ev20"))).toBe("duplicate");
    expect(await restarted.accept(event("Ev18"))).toBe("duplicate");
    expect(await restarted.accept(event("Ev17"))).toBe("accepted");
    await restarted.close();
  });

  it("appends one short line per accept and per done instead of rewriting the log", async () => {
    const queue = await openWorkLog(options());
    const ids = Array.from({ length: 100 }, (_, i) => `Ev${i}`);
    await Promise.all(ids.map((id) => queue.accept(event(id))));
    await Promise.all(ids.map((id) => queue.done(id)));
    await queue.close();
    const written = lines(await readFile(options().file, "utf8"));
    expect(written).toHaveLength(200);
    expect(JSON.parse(written.at(-1) ?? "")).toEqual({ done: "Ev99" });
  });

  it("reads the older log of ids alone, skips unreadable lines with one warning", async () => {
    const file = options().file;
    await writeFile(file, `{ not json\n${JSON.stringify({ id: "EvKept", at: Date.now() })}\n`);
    const queue = await openWorkLog(options());
    expect(resumed(queue)).toEqual([]);
    expect(await queue.accept(event("EvKept"))).toBe("duplicate");
    expect(await queue.accept(event("Ev1"))).toBe("accepted");
    await queue.close();
    expect(logs.filter((line) => line.includes("event log has unreadable lines"))).toHaveLength(1);
    expect(lines(await readFile(file, "utf8")).map((line) => JSON.parse(line).id)).toEqual([
      "EvKept",
      "Ev1",
    ]);
  });

  it("after close, still answers from memory but leaves the file as it was closed", async () => {
    const file = options().file;
    const queue = await openWorkLog(options());
    await queue.accept(event("EvBefore"));
    await queue.close();
    const closedWith = await readFile(file, "utf8");

    // Work still finishing when shutdown gave up waiting ends late.
    await queue.done("EvBefore");
    expect(await queue.accept(event("EvLate"))).toBe("accepted");
    expect(await queue.accept(event("EvLate"))).toBe("duplicate");
    expect(await readFile(file, "utf8")).toBe(closedWith);
    expect(logs.filter((line) => line.includes("write failed"))).toEqual([]);
  });

  it("keeps undelivered replies with their reason, the latest maxUndelivered of them", async () => {
    const queue = await openWorkLog(options({ maxUndelivered: 2 }));
    for (const id of ["Ev1", "Ev2", "Ev3"]) {
      await queue.keepUndelivered({
        ids: { event_id: id },
        reason: { slack_error: "channel_not_found" },
        channel: "C1",
        text: `reply to ${id}`,
      });
    }
    await queue.close();
    const kept = () =>
      readFile(options().undeliveredFile, "utf8").then((text) =>
        lines(text).map((line) => JSON.parse(line)),
      );
    expect((await kept()).map((letter) => letter.text)).toEqual([
      "reply to Ev1",
      "reply to Ev2",
      "reply to Ev3",
    ]);
    expect((await kept())[0]).toMatchObject({
      reason: { slack_error: "channel_not_found" },
      channel: "C1",
      at: expect.any(String),
    });
    await (await openWorkLog(options({ maxUndelivered: 2 }))).close();
    expect((await kept()).map((letter) => letter.text)).toEqual(["reply to Ev2", "reply to Ev3"]);
  });
});

describe("in-flight tracking", () => {
  it("resolves idle once every started request is done, or false on timeout", async () => {
    const inFlight = createInFlight();
    expect(await inFlight.idle(10)).toBe(true);
    const done = inFlight.start();
    expect(await inFlight.idle(20)).toBe(false);
    const idle = inFlight.idle(1000);
    done();
    done();
    expect(await idle).toBe(true);
    expect(inFlight.count).toBe(0);
  });
});
