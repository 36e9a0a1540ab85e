import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Speaker } from "../../src/state/index.js";
import { openStateStore, type PersonState } from "../../src/state/index.js";
import { personKey, personPaths } from "../../src/state/paths.js";
import { captureLogger, tempDir } from "./support/helpers.js";

const said = (text: string) => (state: PersonState) => ({
  ...state,
  turns: [...state.turns, { at: state.updatedAt, role: "user" as const, text }],
});

const fileOf = (dataDir: string, speaker: Speaker) => personPaths(dataDir, personKey(speaker)).file;

/**
 * Runs the write loop in a child process and kills it (SIGKILL: no exit handlers, no flush)
 * once it has acknowledged `acks` updates; returns the last acknowledged number per person.
 */
function runAndKill(dataDir: string, people: number, acks: number): Promise<Map<number, number>> {
  const script = join(import.meta.dirname, "support", "write-loop.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, dataDir, String(people)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const acknowledged = new Map<number, number>();
  let seen = 0;
  let buffered = "";
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve(acknowledged);
      else reject(new Error(`write loop ended by itself (code ${code})`));
    });
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) {
        const [person, n] = line.split(" ").map(Number);
        if (person === undefined || n === undefined) continue;
        acknowledged.set(person, n);
        seen += 1;
        if (seen === acks) child.kill("SIGKILL");
      }
    });
  });
}

describe("durability", () => {
  it("keeps every acknowledged update when the process is killed mid-write", async () => {
    const dataDir = await tempDir();
    const people = 8;
    const everAcknowledged = new Map<number, number>();
    for (const acks of [150, 400]) {
      for (const [person, n] of await runAndKill(dataDir, people, acks)) {
        everAcknowledged.set(person, n);
      }
      const logger = captureLogger();
      const store = await openStateStore({ dataDir, logger, maxTurns: 3 });
      for (const [person, acked] of everAcknowledged) {
        const state = await store.get({ teamId: "T1", userId: `U${person}` });
        // The write in flight at the kill may have landed without being acknowledged: n or n + 1.
        const stored = state.feedback.length;
        expect(stored).toBeGreaterThanOrEqual(acked);
        expect(stored).toBeLessThanOrEqual(acked + 1);
        expect(state.lastAnswer?.entryId).toBe(`entry-${stored}`);
      }
      expect(logger.lines).toEqual([]);
      await store.close();
    }
  }, 60_000);

  it("ignores a half-written temp file left by a crash, then replaces it", async () => {
    const dataDir = await tempDir();
    const alice = { teamId: "T1", userId: "U1" };
    const first = await openStateStore({ dataDir, logger: captureLogger() });
    const acknowledged = await first.update(alice, said("acknowledged"));
    await first.close();
    const file = fileOf(dataDir, alice);
    await writeFile(`${file}.tmp`, '{"version":1,"lastAnswer":nu');

    const logger = captureLogger();
    const store = await openStateStore({ dataDir, logger });
    expect(await store.get(alice)).toEqual(acknowledged);
    await store.update(alice, said("next"));
    const names = await readdir(dirname(file));
    expect(names).toEqual([basename(file)]);
    expect(JSON.parse(await readFile(file, "utf8")).turns).toHaveLength(2);
    expect(logger.lines).toEqual([]);
    await store.close();
  });
});
