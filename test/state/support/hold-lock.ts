import { createInterface } from "node:readline";
import { DataDirLockedError, lockDataDir } from "../../../src/state/index.js";

/*
 * One of several processes starting together on the same DATA_DIR: loads, says "ready", and on
 * "go" tries the lock, says "locked" or "refused", then holds what it got until stdin ends.
 */
const dataDir = process.argv[2] ?? "";
const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
for await (const line of lines) {
  if (line !== "go") continue;
  try {
    await lockDataDir(dataDir);
    process.stdout.write("locked\n");
  } catch (error) {
    process.stdout.write(error instanceof DataDirLockedError ? "refused\n" : `failed ${error}\n`);
  }
}
