import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { openEventDedupe } from "../../src/slack/dedupe.js";
import { createInFlight } from "../../src/slack/in-flight.js";
import { tempDir } from "./support/harness.js";

let dir: { path: string; remove: () => Promise<void> };
let logs: string[];
const logger = () => createLogger("debug", (line) => logs.push(line));

beforeEach(async () => {
  dir = await tempDir("credit-desk-dedupe-");
  logs = [];
});
afterEach(() => dir.remove());

describe("event de-duplication", () => {
  it("claims an event id once, also when the same id arrives concurrently", async () => {
    const dedupe = await openEventDedupe({ file: join(dir.path, "events.json"), logger: logger() });
    const claims = await Promise.all([
      dedupe.claim("Ev1"),
      dedupe.claim("Ev1"),
      dedupe.claim("Ev2"),
    ]);
    expect(claims).toEqual([true, false, true]);
    expect(await dedupe.claim("Ev1")).toBe(false);
  });

  it("remembers claimed ids across a restart, because a claim is on disk before it returns", async () => {
    const file = join(dir.path, "nested", "events.json");
    const first = await openEventDedupe({ file, logger: logger() });
    expect(await first.claim("EvRestart")).toBe(true);
    const second = await openEventDedupe({ file, logger: logger() });
    expect(await second.claim("EvRestart")).toBe(false);
    expect(await second.claim("EvOther")).toBe(true);
  });

  it("forgets ids after the retry window, on disk too", async () => {
    let now = 1_000_000;
    const file = join(dir.path, "events.json");
    const dedupe = await openEventDedupe({ file, logger: logger(), ttlMs: 60_000, now: () => now });
    await dedupe.claim("EvOld");
    now += 61_000;
    await dedupe.claim("EvNew");
    expect(JSON.parse(await readFile(file, "utf8")).events).toEqual({ EvNew: now });
    expect(await dedupe.claim("EvOld")).toBe(true);
  });

  it("keeps at most maxEntries ids, dropping the oldest", async () => {
    let now = 0;
    const file = join(dir.path, "events.json");
    const dedupe = await openEventDedupe({
      file,
      logger: logger(),
      maxEntries: 3,
      now: () => (now += 1),
    });
    for (const id of ["Ev1", "Ev2", "Ev3", "Ev4", "Ev5"]) await dedupe.claim(id);
    expect(Object.keys(JSON.parse(await readFile(file, "utf8")).events)).toEqual([
      "Ev3",
      "Ev4",
      "Ev5",
    ]);
  });

  it("coalesces the writes of many concurrent claims", async () => {
    const file = join(dir.path, "events.json");
    const dedupe = await openEventDedupe({ file, logger: logger() });
    const ids = Array.from({ length: 200 }, (_, i) => `Ev${i}`);
    expect(await Promise.all(ids.map((id) => dedupe.claim(id)))).toEqual(ids.map(() => true));
    await dedupe.close();
    expect(Object.keys(JSON.parse(await readFile(file, "utf8")).events)).toHaveLength(200);
  });

  it("starts empty, with one warning, when the file is unreadable", async () => {
    const file = join(dir.path, "events.json");
    await writeFile(file, "{ not json");
    const dedupe = await openEventDedupe({ file, logger: logger() });
    expect(await dedupe.claim("Ev1")).toBe(true);
    expect(logs.filter((line) => line.includes("event log unreadable"))).toHaveLength(1);
    expect(JSON.parse(await readFile(file, "utf8")).events).toHaveProperty("Ev1");
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
