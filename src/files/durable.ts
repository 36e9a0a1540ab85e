import { mkdir, open, rename } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** Makes a folder's entries (a rename, a new or deleted file) survive a power loss. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where the next version of `file` is written before it takes the file's place. */
export const tempFileOf = (file: string) => `${file}.tmp`;

/**
 * Replaces `file` so that after a crash it holds either the old or the new text, never a mix,
 * and the new text is on disk when this resolves. steno's rename alone skips both fsyncs.
 * `mode` sets the permissions of the new file (0o600 for one holding credentials).
 */
export async function writeFileDurably(
  file: string,
  text: string,
  options: { mode?: number } = {},
): Promise<void> {
  const temp = tempFileOf(file);
  const handle = await open(temp, "w", options.mode);
  try {
    // A temp file left by a crash keeps its old permissions when opened again.
    if (options.mode !== undefined) await handle.chmod(options.mode);
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDir(dirname(file));
}

/** Creates `dir` and any missing parents, and makes their entries durable. */
export async function makeDirDurably(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  const top = resolve(first);
  for (let created = resolve(dir); ; created = dirname(created)) {
    await syncDir(dirname(created));
    if (created === top || dirname(created) === created) return;
  }
}
