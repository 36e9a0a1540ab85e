import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { openEventDedupe } from "../../src/slack/dedupe.js";
import { createInFlight } from "../../src/slack/in-flight.js";
import { tempDir } from "./support/harness.js";

let dir: { path: string; remove: () => Promise<void> };
let logs: string[];
const logger = () => createLogger({ level: "debug", write: (line) => logs.push(line) });
const lines = (text: string) => text.split("\n").filter((line) => line !== "");

beforeEach(async () => {
  dir = await tempDir("credit-desk-dedupe-");
  logs = [];
});
afterEach(() => dir.remove());

describe("event de-duplication", () => {
  it("claims an event id once, also when the same id arrives concurrently", async () => {
    const dedupe = await openEventDedupe({
      file: join(dir.path, "events.jsonl"),
      logger: logger(),
    });
    const claims = await Promise.all([
      dedupe.claim("Ev1"),
      dedupe.claim("Ev1"),
      dedupe.claim("Ev2"),
    ]);
    expect(claims).toEqual([true, false, true]);
    expect(await dedupe.claim("Ev1")).toBe(false);
    await dedupe.close();
  });

  it("remembers claimed ids across a restart, because a claim is on disk before it returns", async () => {
    const file = join(dir.path, "nested", "events.jsonl");
    const first = await openEventDedupe({ file, logger: logger() });
    expect(await first.claim("EvRestart")).toBe(true);
    const second = await openEventDedupe({ file, logger: logger() });
    expect(await second.claim("EvRestart")).toBe(false);
    expect(await second.claim("EvOther")).toBe(true);
    await Promise.all([first.close(), second.close()]);
  });

  it("after close, still answers from memory but leaves the file as it was closed", async () => {
    const file = join(dir.path, "events.jsonl");
    const dedupe = await openEventDedupe({ file, logger: logger() });
    expect(await dedupe.claim("EvBefore")).toBe(true);
    await dedupe.close();
    const closedWith = await readFile(file, "utf8");

    // A reply still queued when shutdown gave up waiting claims its event late.
    expect(await dedupe.claim("EvLate")).toBe(true);
    expect(await dedupe.claim("EvLate")).toBe(false);
    expect(await dedupe.claim("EvBefore")).toBe(false);
    expect(await readFile(file, "utf8")).toBe(closedWith);
    expect(logs.filter((line) => line.includes("write failed"))).toEqual([]);
  });

  it("forgets ids after the retry window, also after a restart", async () => {
    let now = 1_000_000;
    const file = join(dir.path, "events.jsonl");
    const options = { file, logger: logger(), ttlMs: 60_000, now: () => now };
    const dedupe = await openEventDedupe(options);
    await dedupe.claim("EvOld");
    now += 61_000;
    await dedupe.claim("EvNew");
    await dedupe.close();

    const restarted = await openEventDedupe(options);
    expect(await restarted.claim("EvNew")).toBe(false);
    expect(await restarted.claim("EvOld")).toBe(true);
    await restarted.close();
  });

  it("keeps at most maxEntries ids, dropping the oldest, and keeps its file small", async () => {
    let now = 0;
    const file = join(dir.path, "events.jsonl");
    const options = { file, logger: logger(), maxEntries: 3, now: () => (now += 1) };
    const dedupe = await openEventDedupe(options);
    for (let i = 1; i <= 20; i++) await dedupe.claim(`Ev${i}`);
    await dedupe.close();
    expect(lines(await readFile(file, "utf8")).length).toBeLessThanOrEqual(2 * 3);

    const restarted = await openEventDedupe(options);
    expect(await restarted.claim("Ev20")).toBe(false);
    expect(await restarted.claim("Ev18")).toBe(false);
    expect(await restarted.claim("Ev17")).toBe(true);
    await restarted.close();
  });

  it("appends one short line per claim instead of rewriting every id", async () => {
    const file = join(dir.path, "events.jsonl");
    const dedupe = await openEventDedupe({ file, logger: logger() });
    const ids = Array.from({ length: 200 }, (_, i) => `Ev${i}`);
    expect(await Promise.all(ids.map((id) => dedupe.claim(id)))).toEqual(ids.map(() => true));
    await dedupe.claim("EvLast");
    await dedupe.close();
    const written = lines(await readFile(file, "utf8"));
    expect(written).toHaveLength(201);
    expect(JSON.parse(written.at(-1) ?? "")).toMatchObject({ id: "EvLast" });
  });

  it("skips unreadable lines with one warning, and starts empty on an unreadable file", async () => {
    const file = join(dir.path, "events.jsonl");
    await writeFile(file, `{ not json\n${JSON.stringify({ id: "EvKept", at: Date.now() })}\n`);
    const dedupe = await openEventDedupe({ file, logger: logger() });
    expect(await dedupe.claim("EvKept")).toBe(false);
    expect(await dedupe.claim("Ev1")).toBe(true);
    await dedupe.close();
    expect(logs.filter((line) => line.includes("event log has unreadable lines"))).toHaveLength(1);
    expect(lines(await readFile(file, "utf8")).map((line) => JSON.parse(line).id)).toEqual([
      "EvKept",
      "Ev1",
    ]);
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
