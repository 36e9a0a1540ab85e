import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Speaker } from "../../src/state/index.js";
import {
  openStateStore,
  type PersonState,
  StateLayoutError,
  StateStoreClosedError,
  StateVersionError,
} from "../../src/state/index.js";
import { personKey, personPaths } from "../../src/state/paths.js";
import { captureLogger, listFiles, manualClock, tempDir } from "./support/helpers.js";

const alice: Speaker = { teamId: "T1", userId: "U1" };
const bob: Speaker = { teamId: "T1", userId: "U2" };
const fileOf = (dataDir: string, speaker: Speaker) => personPaths(dataDir, personKey(speaker)).file;

const said =
  (text: string, at = "2025-01-01T00:00:00.000Z") =>
  (state: PersonState): PersonState => ({
    ...state,
    turns: [...state.turns, { at, role: "user", text }],
  });

async function open(dataDir: string, options: { now?: () => Date; maxTurns?: number } = {}) {
  const logger = captureLogger();
  const store = await openStateStore({ dataDir, logger, ...options });
  return { store, logger };
}

describe("state store", () => {
  it("gives someone new a fresh state and writes nothing for a read", async () => {
    const dataDir = await tempDir();
    const clock = manualClock();
    const { store } = await open(dataDir, clock);
    expect(await store.get(alice)).toEqual({
      version: 1,
      lastAnswer: null,
      turns: [],
      pendingCheck: null,
      feedback: [],
      updatedAt: "2025-01-01T00:00:00.000Z",
    });
    expect(await listFiles(dataDir)).toEqual(["state/meta.json"]);
    await store.close();
  });

  it("writes nothing for an update that leaves the state as it was", async () => {
    const dataDir = await tempDir();
    const clock = manualClock();
    const { store } = await open(dataDir, clock);
    await store.update(alice, said("hello"));
    const before = await readFile(fileOf(dataDir, alice), "utf8");
    clock.set("2025-03-01T00:00:00.000Z");
    const after = await store.update(alice, (state) => state);
    expect(after.updatedAt).toBe("2025-01-01T00:00:00.000Z");
    expect(await readFile(fileOf(dataDir, alice), "utf8")).toBe(before);
    // Edited in place and handed back, the copy has changed: that is written.
    const edited = await store.update(alice, (state) => {
      state.turns.push({ at: "2025-03-01T00:00:00.000Z", role: "user", text: "again" });
      return state;
    });
    expect(edited.turns).toHaveLength(2);
    expect(JSON.parse(await readFile(fileOf(dataDir, alice), "utf8")).turns).toHaveLength(2);
    expect(await listFiles(dataDir)).toEqual([
      "state/meta.json",
      expect.stringMatching(/U1\.json$/),
    ]);
    await store.close();
  });

  it("keeps an acknowledged update across a reopen, stamped with the store's clock", async () => {
    const dataDir = await tempDir();
    const clock = manualClock();
    const { store } = await open(dataDir, clock);
    clock.set("2025-02-03T04:05:06.000Z");
    const written = await store.update(alice, (state) => ({
      ...state,
      lastAnswer: { entryId: "jbp-basics", at: "2025-02-03T04:05:06.000Z" },
    }));
    expect(written.updatedAt).toBe("2025-02-03T04:05:06.000Z");
    const onDisk = JSON.parse(await readFile(fileOf(dataDir, alice), "utf8"));
    expect(onDisk).toEqual(written);
    await store.close();

    const { store: reopened } = await open(dataDir);
    expect(await reopened.get(alice)).toEqual(written);
    await reopened.close();
  });

  it("keeps the last turns and feedback only, and cuts very long texts", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir, { maxTurns: 5 });
    for (let turn = 1; turn <= 8; turn += 1) await store.update(alice, said(`message ${turn}`));
    const state = await store.update(alice, (current) => ({
      ...current,
      turns: [...current.turns, { at: current.updatedAt, role: "user", text: "x".repeat(50_000) }],
      feedback: Array.from({ length: 150 }, (_, index) => ({
        entryId: `entry-${index}`,
        vote: "up" as const,
        at: current.updatedAt,
      })),
    }));
    expect(state.turns.map((turn) => turn.text.slice(0, 9))).toEqual([
      "message 5",
      "message 6",
      "message 7",
      "message 8",
      "xxxxxxxxx",
    ]);
    expect(state.turns.at(-1)?.text).toHaveLength(2000);
    expect(state.feedback).toHaveLength(100);
    expect(state.feedback[0]?.entryId).toBe("entry-50");
    await store.close();
  });

  it("rejects an update that breaks the schema and keeps the state as it was", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await store.update(alice, said("hello"));
    const broken = store.update(alice, (state) => ({ ...state, turns: "lots" }) as never);
    const throwing = store.update(alice, () => {
      throw new Error("bug in a caller");
    });
    const after = store.update(alice, said("still here"));
    await expect(broken).rejects.toThrow();
    await expect(throwing).rejects.toThrow("bug in a caller");
    expect((await after).turns.map((turn) => turn.text)).toEqual(["hello", "still here"]);
    await store.close();
  });

  it("does not let a caller change stored state by mutating what it was given", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    const first = await store.update(alice, said("hello"));
    first.turns.push({ at: first.updatedAt, role: "bot", text: "sneaky" });
    (await store.get(alice)).turns.length = 0;
    expect((await store.get(alice)).turns.map((turn) => turn.text)).toEqual(["hello"]);
    await store.close();
  });

  // Real files for 1,000 people: slow on a loaded machine, so it gets more time than the default.
  it("serves 1,000 people updating at once without cross-talk or loss", {
    timeout: 30_000,
  }, async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir, { maxTurns: 10 });
    // Two teams with the same user ids: the team is part of who someone is.
    const speakers = Array.from({ length: 1000 }, (_, index) => ({
      teamId: `T${index % 2}`,
      userId: `U${Math.floor(index / 2)}`,
    }));
    const marker = (speaker: Speaker, turn: number) =>
      `${speaker.teamId}/${speaker.userId}#${turn}`;
    await Promise.all(
      speakers.flatMap((speaker) =>
        [1, 2, 3].map((turn) => store.update(speaker, said(marker(speaker, turn)))),
      ),
    );
    await store.close();

    const files = (await listFiles(dataDir)).filter((file) => file.endsWith(".json"));
    expect(files).toHaveLength(1000 + 1);
    const { store: reopened } = await open(dataDir);
    for (const speaker of speakers) {
      const onDisk = JSON.parse(await readFile(fileOf(dataDir, speaker), "utf8")) as PersonState;
      expect(onDisk.turns.map((turn) => turn.text)).toEqual(
        [1, 2, 3].map((turn) => marker(speaker, turn)),
      );
      expect(await reopened.get(speaker)).toEqual(onDisk);
    }
    expect(await reopened.usage()).toMatchObject({ people: 1000 });
    await reopened.close();
  });

  it("applies every concurrent update to one person, in order", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir, { maxTurns: 500 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) => store.update(alice, said(`m${index}`))),
    );
    const expected = Array.from({ length: 200 }, (_, index) => `m${index}`);
    expect(results.at(-1)?.turns.map((turn) => turn.text)).toEqual(expected);
    // Each update resolves with the state just after it.
    expect(results[9]?.turns).toHaveLength(10);
    await store.close();
    const { store: reopened } = await open(dataDir);
    expect((await reopened.get(alice)).turns.map((turn) => turn.text)).toEqual(expected);
    await reopened.close();
  });

  it("reads what was acknowledged before, even while writes are pending", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    const writing = store.update(alice, said("one"));
    const read = store.get(alice);
    await writing;
    expect((await read).turns.map((turn) => turn.text)).toEqual(["one"]);
    await store.close();
  });

  it("quarantines a corrupt file, logs it once with ids only, and serves a fresh state", async () => {
    const dataDir = await tempDir();
    const clock = manualClock("2025-05-06T07:08:09.010Z");
    const first = await open(dataDir, clock);
    await first.store.update(bob, said("bob's words"));
    const file = fileOf(dataDir, alice);
    const secret = '{"version":1,"turns":[{"text":"my client Acme is late on payments"';
    await writeFile(file, secret);

    expect((await first.store.get(alice)).turns).toEqual([]);
    const moved = `${file}.corrupt-20250506T070809.010Z`;
    expect(await readFile(moved, "utf8")).toBe(secret);
    expect(first.logger.lines).toEqual([
      {
        level: "warn",
        message: expect.stringMatching(/moved aside/),
        fields: {
          person: "T1~U1",
          reason: "bad_json",
          movedTo: "T1~U1.json.corrupt-20250506T070809.010Z",
        },
      },
    ]);
    expect(JSON.stringify(first.logger.lines)).not.toMatch(/Acme|late on payments/);
    expect((await first.store.get(bob)).turns).toHaveLength(1);

    await first.store.update(alice, said("fresh start"));
    expect(await readFile(moved, "utf8")).toBe(secret);
    await first.store.close();

    const second = await open(dataDir, clock);
    expect((await second.store.get(alice)).turns.map((turn) => turn.text)).toEqual(["fresh start"]);
    expect(second.logger.lines).toEqual([]);
    await second.store.close();
  });

  it("quarantines a file of the wrong shape, never over an earlier copy", async () => {
    const dataDir = await tempDir();
    const clock = manualClock("2025-05-06T07:08:09.010Z");
    const { store, logger } = await open(dataDir, clock);
    const file = fileOf(dataDir, alice);
    await writeFile(file, '{"version":1,"turns":"many"}');
    await store.get(alice);
    await store.close();
    await writeFile(file, "[]");
    const again = await open(dataDir, clock);
    await again.store.get(alice);
    await again.store.close();
    const names = await readdir(join(file, ".."));
    expect(names.filter((name) => name.includes(".corrupt-")).sort()).toEqual([
      "T1~U1.json.corrupt-20250506T070809.010Z",
      "T1~U1.json.corrupt-20250506T070809.010Z-1",
    ]);
    expect(logger.lines[0]?.fields.reason).toBe("bad_shape");
    expect(again.logger.lines).toHaveLength(1);
  });

  it("reads a version 0 file and writes it back as version 1", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    const at = "2025-01-01T00:00:00.000Z";
    const v0 = { lastEntryId: "jbp-basics", lastAnsweredAt: at, turns: [], updatedAt: at };
    await writeFile(fileOf(dataDir, alice), JSON.stringify(v0));
    expect((await store.get(alice)).lastAnswer).toEqual({ entryId: "jbp-basics", at });
    await store.update(alice, said("hi"));
    const onDisk = JSON.parse(await readFile(fileOf(dataDir, alice), "utf8"));
    expect(onDisk).toMatchObject({ version: 1, lastAnswer: { entryId: "jbp-basics" } });
    await store.close();
  });

  it("refuses a person's file from a newer version, leaving it untouched", async () => {
    const dataDir = await tempDir();
    const { store, logger } = await open(dataDir);
    const file = fileOf(dataDir, alice);
    const future = JSON.stringify({ version: 2, somethingNew: true });
    await writeFile(file, future);
    await expect(store.get(alice)).rejects.toThrow(StateVersionError);
    await expect(store.update(alice, said("hi"))).rejects.toThrow(
      /T1~U1\.json has version 2, but this Credit Desk reads state up to version 1/,
    );
    expect(await readFile(file, "utf8")).toBe(future);
    expect(await store.update(bob, said("hi"))).toMatchObject({ turns: [{ text: "hi" }] });
    expect(logger.lines).toEqual([]);
    await store.close();
  });

  it("refuses to open a state folder laid out by a newer release", async () => {
    const dataDir = await tempDir();
    await (await open(dataDir)).store.close();
    const meta = join(dataDir, "state", "meta.json");
    expect(JSON.parse(await readFile(meta, "utf8"))).toEqual({ layout: 1 });
    await writeFile(meta, '{"layout":2}');
    await expect(open(dataDir)).rejects.toThrow(StateVersionError);
    await expect(open(dataDir)).rejects.toThrow(/meta\.json has version 2.*up to version 1/);
    await writeFile(meta, "garbage");
    await expect(open(dataDir)).rejects.toThrow(StateLayoutError);
    await expect(open(dataDir)).rejects.toThrow(/meta\.json is not valid JSON/);
  });

  it("forgets every trace of a person and nothing of anyone else", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await store.update(alice, (state) => ({
      ...said("alice's secret")(state),
      feedback: [{ entryId: "x", vote: "down", at: state.updatedAt }],
      pendingCheck: {
        fields: { advertiser: "agency" },
        awaiting: "months",
        startedAt: state.updatedAt,
        updatedAt: state.updatedAt,
      },
    }));
    await store.update(bob, said("bob's words"));
    const file = fileOf(dataDir, alice);
    await writeFile(`${file}.corrupt-20240101T000000.000Z`, "alice's secret, quarantined");
    await writeFile(`${file}.tmp`, "{\"alice's secret, half-writ");

    expect(await store.forget(alice)).toBe(true);
    const files = await listFiles(dataDir);
    expect(files.filter((name) => name.includes("U1"))).toEqual([]);
    for (const name of files) {
      expect(await readFile(join(dataDir, name), "utf8")).not.toMatch(/alice/);
    }
    expect(files.some((name) => name.endsWith("T1~U2.json"))).toBe(true);
    expect(await store.get(alice)).toMatchObject({ turns: [], feedback: [], pendingCheck: null });
    expect(await store.forget(alice)).toBe(false);
    await store.close();

    const { store: reopened } = await open(dataDir);
    expect((await reopened.get(alice)).turns).toEqual([]);
    expect((await reopened.get(bob)).turns).toHaveLength(1);
    await reopened.close();
  });

  it("forgets every person of a team, and no one of a team whose id only starts the same", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    const carol: Speaker = { teamId: "T10", userId: "U1" };
    await store.update(alice, said("alice's words"));
    await store.update(bob, said("bob's words"));
    await store.update(carol, said("carol's words"));
    await writeFile(`${fileOf(dataDir, bob)}.corrupt-20240101T000000.000Z`, "bob's, quarantined");
    // An update still queued when the team goes is written, then deleted with the rest.
    const late = store.update(alice, said("late"));

    expect(await store.forgetTeam("T1")).toBe(2);
    await late;
    const files = await listFiles(dataDir);
    expect(files.filter((name) => name.includes("T1~"))).toEqual([]);
    expect(files.some((name) => name.endsWith("T10~U1.json"))).toBe(true);
    expect((await store.get(alice)).turns).toEqual([]);
    expect(await store.forgetTeam("T1")).toBe(0);
    await store.close();
  });

  it("applies updates queued before a forget, then forgets them too", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    const before = store.update(alice, said("before"));
    const forgotten = store.forget(alice);
    const after = store.update(alice, said("after"));
    await before;
    expect(await forgotten).toBe(true);
    expect((await after).turns.map((turn) => turn.text)).toEqual(["after"]);
    await store.close();
  });

  it("prunes people idle past the retention, with their old quarantined copies", async () => {
    const dataDir = await tempDir();
    const clock = manualClock("2025-01-01T00:00:00.000Z");
    const { store } = await open(dataDir, clock);
    await store.update(alice, said("old"));
    const quarantinedBob = `${fileOf(dataDir, bob)}.corrupt-20250101T000000.000Z`;
    clock.set("2025-03-01T00:00:00.000Z");
    await store.update(bob, said("recent"));
    await writeFile(quarantinedBob, "old and broken");
    await writeFile(`${fileOf(dataDir, bob)}.tmp`, "a write cut short");
    clock.set("2025-04-15T00:00:00.000Z");

    const ninetyDaysAgo = new Date("2025-01-15T00:00:00.000Z");
    expect(await store.prune(ninetyDaysAgo)).toBe(1);
    const files = await listFiles(dataDir);
    expect(files.filter((name) => !name.endsWith("meta.json"))).toEqual([
      expect.stringMatching(/\/T1~U2\.json$/),
    ]);
    expect((await store.get(alice)).turns).toEqual([]);
    expect((await store.get(bob)).turns.map((turn) => turn.text)).toEqual(["recent"]);
    expect(await store.prune(ninetyDaysAgo)).toBe(0);
    await store.close();
  });

  it("prunes the others when one person's file is from a newer version", async () => {
    const dataDir = await tempDir();
    const clock = manualClock("2025-01-01T00:00:00.000Z");
    const { store, logger } = await open(dataDir, clock);
    await store.update(alice, said("old"));
    const future = JSON.stringify({ version: 2, updatedAt: "2020-01-01T00:00:00.000Z" });
    await writeFile(fileOf(dataDir, bob), future);
    expect(await store.prune(new Date("2025-02-01T00:00:00.000Z"))).toBe(1);
    expect(await readFile(fileOf(dataDir, bob), "utf8")).toBe(future);
    expect(logger.lines).toEqual([
      {
        level: "warn",
        message: expect.stringMatching(/pruning/),
        fields: { person: "T1~U2", reason: "StateVersionError" },
      },
    ]);
    await store.close();
  });

  it("reloads people it no longer keeps in memory", async () => {
    const dataDir = await tempDir();
    const logger = captureLogger();
    const store = await openStateStore({ dataDir, logger, cachedPeople: 2 });
    const speakers = Array.from({ length: 10 }, (_, index) => ({
      teamId: "T1",
      userId: `U${index}`,
    }));
    for (const round of [1, 2]) {
      for (const speaker of speakers)
        await store.update(speaker, said(`${speaker.userId} ${round}`));
    }
    for (const speaker of speakers) {
      expect((await store.get(speaker)).turns.map((turn) => turn.text)).toEqual([
        `${speaker.userId} 1`,
        `${speaker.userId} 2`,
      ]);
    }
    await store.close();
  });

  it("keeps ids with slashes and dots inside its folder", async () => {
    const root = await tempDir();
    const dataDir = join(root, "data");
    const { store } = await open(dataDir);
    const tricky: Speaker[] = [
      { teamId: "..", userId: ".." },
      { teamId: "../x", userId: "../../escaped" },
      { teamId: "T1/../../..", userId: "/etc/passwd" },
      { teamId: ".", userId: "meta" },
    ];
    for (const speaker of tricky) await store.update(speaker, said(speaker.userId));
    for (const speaker of tricky) {
      expect((await store.get(speaker)).turns.map((turn) => turn.text)).toEqual([speaker.userId]);
    }
    expect(await readdir(root)).toEqual(["data"]);
    const files = await listFiles(dataDir);
    expect(files.filter((name) => name !== "state/meta.json")).toHaveLength(4);
    for (const name of files)
      expect(name).toMatch(/^state\/(meta\.json|people\/[0-9a-f]{2}\/[^/]+\.json)$/);
    expect(JSON.parse(await readFile(join(dataDir, "state", "meta.json"), "utf8"))).toEqual({
      layout: 1,
    });
    await store.close();
  });

  it("finishes pending writes on close and refuses calls after it", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir, { maxTurns: 100 });
    const pending = Array.from({ length: 50 }, (_, index) =>
      store.update(alice, said(`m${index}`)),
    );
    await store.close();
    expect(await Promise.all(pending)).toHaveLength(50);
    await expect(store.get(alice)).rejects.toThrow(StateStoreClosedError);
    await expect(store.update(alice, said("late"))).rejects.toThrow(/state store is closed/);
    await expect(store.forget(alice)).rejects.toThrow(StateStoreClosedError);
    await expect(store.prune(new Date())).rejects.toThrow(StateStoreClosedError);
    const { store: reopened } = await open(dataDir);
    expect((await reopened.get(alice)).turns).toHaveLength(50);
    await reopened.close();
  });
});
