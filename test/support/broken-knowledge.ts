import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * A copy of knowledge/ in `dir` with one entry's front matter broken (ad-formats.md) and one
 * rules field of the wrong type (credit_line_min_months), to show both are reported together.
 */
export async function copyWithBrokenEntryAndRules(dir: string): Promise<void> {
  await cp("knowledge", dir, { recursive: true });
  const edit = async (file: string, change: (text: string) => string) =>
    writeFile(file, change(await readFile(file, "utf8")));
  await edit(join(dir, "entries", "ad-formats.md"), (text) =>
    text.replace(/^question: /m, "question: [x"),
  );
  await edit(join(dir, "credit-check.yml"), (text) =>
    text.replace(/credit_line_min_months: \d+/, "credit_line_min_months: six"),
  );
}
