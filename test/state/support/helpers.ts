import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach } from "vitest";
import type { LogFields } from "../../../src/logger.js";
import type { StateLogger } from "../../../src/state/index.js";

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh folder under the system temp folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "credit-desk-state-"));
  made.push(dir);
  return dir;
}

export interface LogLine {
  level: "info" | "warn" | "error";
  message: string;
  fields: LogFields;
}

export function captureLogger(): StateLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const log =
    (level: LogLine["level"]) =>
    (message: string, fields: LogFields = {}) =>
      lines.push({ level, message, fields });
  return { lines, info: log("info"), warn: log("warn"), error: log("error") };
}

/** Every file under `dir`, as paths relative to it. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** A clock the test moves by hand. */
export function manualClock(start = "2025-01-01T00:00:00.000Z") {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (iso: string) => {
      current = new Date(iso);
    },
  };
}
