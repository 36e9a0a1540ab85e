import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { z } from "zod";
import { DataDirError } from "../../files/data-dir-error.js";
import { makeDirDurably, writeFileDurably } from "../../files/durable.js";
import { isMissing } from "../../files/errors.js";
import { parseJsonWith } from "../../parse-json.js";
import type { InstallationEngine, StoredInstallation } from "./index.js";

/** The file's frame; each installation in it is checked on its own when read. */
const fileSchema = z.object({
  version: z.literal(1),
  installations: z.record(z.string(), z.unknown()),
});

/**
 * Installations in one JSON file under DATA_DIR, for the embedded engine (one process per
 * DATA_DIR): read once at open, kept in memory, and rewritten whole on every install or removal
 * (temp file, fsync, rename), so a crash leaves the old file or the new one. It holds bot tokens,
 * so only its owner may read it.
 */
export async function openFileInstallations(file: string): Promise<InstallationEngine> {
  const records = new Map<string, unknown>();
  let text: string | undefined;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  if (text !== undefined) {
    const parsed = parseJsonWith(fileSchema, text);
    if (!parsed) {
      throw new DataDirError(
        `${file} is not an installations file Credit Desk wrote: restore it from a backup, or move it aside and install the app in each workspace again.`,
      );
    }
    for (const [key, record] of Object.entries(parsed.installations)) records.set(key, record);
  }
  await makeDirDurably(dirname(file));

  // Writes run one at a time, each writing everything kept when it starts.
  let writing: Promise<void> = Promise.resolve();
  const persist = () => {
    const run = writing.then(() => {
      const snapshot = { version: 1, installations: Object.fromEntries(records) };
      return writeFileDurably(file, `${JSON.stringify(snapshot, null, 2)}\n`, { mode: 0o600 });
    });
    writing = run.catch(() => undefined);
    return run;
  };

  return {
    read: async (key) => records.get(key),
    write: async (key: string, record: StoredInstallation) => {
      records.set(key, record);
      await persist();
    },
    delete: async (key) => {
      if (!records.delete(key)) return false;
      await persist();
      return true;
    },
    close: () => writing,
  };
}
