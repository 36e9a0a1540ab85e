import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Speaker } from "../../src/state/index.js";
import { openStateStore, StateLayoutError, StateVersionError } from "../../src/state/index.js";
import { personKey, personPaths } from "../../src/state/paths.js";
import { captureLogger, listFiles, manualClock, tempDir } from "./support/helpers.js";
import { alice, bob, describeStateStore, said } from "./support/store-contract.js";

const fileOf = (dataDir: string, speaker: Speaker) => personPaths(dataDir, personKey(speaker)).file;

async function open(dataDir: string, options: { now?: () => Date; maxTurns?: number } = {}) {
  const logger = captureLogger();
  const store = await openStateStore({ dataDir, logger, ...options });
  return { store, logger };
}

describeStateStore({
  name: "embedded",
  async place(logger) {
    const dataDir = await tempDir();
    return {
      open: (options = {}) => openStateStore({ dataDir, logger, ...options }),
      stored: (speaker) => readFile(fileOf(dataDir, speaker), "utf8").catch(() => undefined),
      async plant(speaker, text) {
        await mkdir(dirname(fileOf(dataDir, speaker)), { recursive: true });
        await writeFile(fileOf(dataDir, speaker), text);
      },
    };
  },
});

describe("state store in DATA_DIR", () => {
  it("keeps one file per person, written only by a change", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await store.get(alice);
    expect(await listFiles(dataDir)).toEqual(["state/meta.json"]);
    await store.update(alice, said("hello"));
    await store.update(alice, (state) => state);
    expect(await listFiles(dataDir)).toEqual([
      "state/meta.json",
      expect.stringMatching(/^state\/people\/[0-9a-f]{2}\/T1~U1\.json$/),
    ]);
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

  it("forgets a team's quarantined copies with its people", async () => {
    const dataDir = await tempDir();
    const { store } = await open(dataDir);
    await store.update(bob, said("bob's words"));
    await writeFile(`${fileOf(dataDir, bob)}.corrupt-20240101T000000.000Z`, "bob's, quarantined");
    expect(await store.forgetTeam("T1")).toBe(1);
    expect((await listFiles(dataDir)).filter((name) => name.includes("T1~"))).toEqual([]);
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
});
