import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A copy of knowledge/ in `dir` keeping each entry's first `kept` phrasings. `kb check`, which
 * every curator save runs twice, matches every phrasing: about 30 s over the real 4,800, a few
 * seconds here. For tests of what a save or a check reports, not of how well the base answers.
 */
export async function copySmallKnowledge(dir: string, kept = 12): Promise<void> {
  await cp("knowledge", dir, { recursive: true });
  const entries = join(dir, "entries");
  for (const name of await readdir(entries)) {
    const file = join(entries, name);
    const lines = (await readFile(file, "utf8")).split("\n");
    const start = lines.indexOf("alternates:");
    if (start === -1) continue;
    let end = start + 1;
    while (lines[end]?.startsWith("  - ")) end += 1;
    lines.splice(start + 1 + kept, Math.max(0, end - start - 1 - kept));
    await writeFile(file, lines.join("\n"));
  }
}
