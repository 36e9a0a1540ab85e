import type * as fs from "node:fs/promises";
import { dirname } from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { openStateStore, type PersonState } from "../../src/state/index.js";
import { personKey, personPaths } from "../../src/state/paths.js";
import { captureLogger, tempDir } from "./support/helpers.js";

/** What the store asks of the file system, in order: fsyncs (by path) and renames. */
const { steps } = vi.hoisted(() => ({ steps: [] as string[] }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = () => {
        steps.push(`fsync ${String(args[0])}`);
        return sync();
      };
      return handle;
    },
    rename: (from: string, to: string) => {
      steps.push(`rename ${from} -> ${to}`);
      return actual.rename(from, to);
    },
  };
});

beforeEach(() => {
  steps.length = 0;
});

const alice = { teamId: "T1", userId: "U1" };
const said = (text: string) => (state: PersonState) => ({
  ...state,
  turns: [...state.turns, { at: state.updatedAt, role: "user" as const, text }],
});

describe("the write path", () => {
  it("writes a temp file, fsyncs it, renames it over the file, then fsyncs the folder", async () => {
    const dataDir = await tempDir();
    const store = await openStateStore({ dataDir, logger: captureLogger() });
    steps.length = 0;
    await store.update(alice, said("hello"));
    const { file } = personPaths(dataDir, personKey(alice));
    expect(steps).toEqual([
      `fsync ${file}.tmp`,
      `rename ${file}.tmp -> ${file}`,
      `fsync ${dirname(file)}`,
    ]);
    await store.close();
  });

  it("resolves an update only after its data is durable", async () => {
    const dataDir = await tempDir();
    const store = await openStateStore({ dataDir, logger: captureLogger() });
    steps.length = 0;
    const { file } = personPaths(dataDir, personKey(alice));
    await store.update(alice, said("hello")).then(() => steps.push("acknowledged"));
    expect(steps.at(-2)).toBe(`fsync ${dirname(file)}`);
    expect(steps.at(-1)).toBe("acknowledged");
    await store.close();
  });

  it("coalesces updates that queue up behind a write into fewer writes", async () => {
    const dataDir = await tempDir();
    const store = await openStateStore({ dataDir, logger: captureLogger(), maxTurns: 500 });
    steps.length = 0;
    const updates = Array.from({ length: 100 }, (_, index) =>
      store.update(alice, said(`m${index}`)),
    );
    const states = await Promise.all(updates);
    const writes = steps.filter((step) => step.startsWith("rename")).length;
    expect(states.at(-1)?.turns).toHaveLength(100);
    expect(writes).toBeGreaterThanOrEqual(1);
    expect(writes).toBeLessThanOrEqual(2);
    await store.close();
  });

  it("lays the state folder out durably on first open", async () => {
    const dataDir = await tempDir();
    const store = await openStateStore({ dataDir, logger: captureLogger() });
    expect(steps).toContain(`fsync ${dataDir}`);
    expect(steps.at(-2)).toBe(
      `rename ${dataDir}/state/meta.json.tmp -> ${dataDir}/state/meta.json`,
    );
    expect(steps.at(-1)).toBe(`fsync ${dataDir}/state`);
    await store.close();
  });
});
