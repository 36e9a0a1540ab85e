import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KnowledgeBaseError, loadKnowledgeBase } from "../../src/knowledge/loader.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kb-"));
  await cp("knowledge", dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const entryPath = (id: string) => join(dir, "entries", `${id}.md`);

async function problemsOf(): Promise<string[]> {
  try {
    await loadKnowledgeBase(dir);
  } catch (error) {
    if (error instanceof KnowledgeBaseError) return error.problems;
    throw error;
  }
  throw new Error("expected the knowledge base to be rejected");
}

async function edit(id: string, change: (text: string) => string) {
  const path = entryPath(id);
  await writeFile(path, change(await readFile(path, "utf8")));
}

describe("loading the knowledge base", () => {
  it("loads the real knowledge base with every entry valid", async () => {
    const kb = await loadKnowledgeBase("knowledge");
    expect(kb.entries.length).toBeGreaterThanOrEqual(12);
    for (const entry of kb.entries) {
      expect(entry.sources.length).toBeGreaterThan(0);
      expect(entry.alternates.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("names the file, the entry and the field of a bad value", async () => {
    await edit("joint-business-plan", (text) =>
      text.replace(/^checked: .*$/m, "checked: last week"),
    );
    const problems = await problemsOf();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /joint-business-plan\.md: entry "joint-business-plan": checked: expected a date/,
    );
  });

  it("says which field is missing in words, not the schema library's", async () => {
    await edit("joint-business-plan", (text) => text.replace(/^checked: .*\n/m, ""));
    const problems = await problemsOf();
    expect(problems).toEqual([
      expect.stringMatching(
        /joint-business-plan\.md: entry "joint-business-plan": checked: missing: add "checked:"$/,
      ),
    ]);
  });

  it("takes a source date of a month or a year where the page shows no day, and not a checked one", async () => {
    const kb = await loadKnowledgeBase("knowledge");
    const spider = kb.byId
      .get("credit-refund")
      ?.sources.find((source) => source.publisher === "Spider AF");
    expect(spider?.date).toBe("2025");
    await edit("joint-business-plan", (text) =>
      text.replace(/^checked: .*$/m, "checked: 2026-11").replace(/date: \S+/, "date: Sept 2025"),
    );
    const problems = await problemsOf();
    expect(problems).toEqual([
      expect.stringMatching(
        /sources\[\d\]\.date: expected a date written YYYY-MM-DD, or YYYY-MM or YYYY/,
      ),
      expect.stringMatching(/checked: expected a date written YYYY-MM-DD$/),
    ]);
  });

  it("reports a source without a URL by its position", async () => {
    await edit("joint-business-plan", (text) =>
      text.replace(/url: https?:\/\/\S+/, "url: somewhere"),
    );
    expect((await problemsOf())[0]).toMatch(
      /entry "joint-business-plan": sources\[0\]\.url: expected a full http\(s\) URL/,
    );
  });

  it("reports broken YAML with the file name", async () => {
    await edit("joint-business-plan", (text) =>
      text.replace("alternates:", "alternates: [unclosed"),
    );
    expect((await problemsOf())[0]).toMatch(
      /joint-business-plan\.md: line \d+: front matter is not valid YAML: .*[^:]$/,
    );
  });

  it("rejects a missing answer and a missing front matter", async () => {
    await edit("joint-business-plan", (text) => text.replace(/\n---\n[\s\S]*$/, "\n---\n"));
    await writeFile(entryPath("stray-note"), "just some notes, no front matter\n");
    const problems = await problemsOf();
    expect(
      problems.some((p) => /joint-business-plan.*answer: the answer .* is missing/.test(p)),
    ).toBe(true);
    expect(problems.some((p) => /stray-note\.md: expected front matter/.test(p))).toBe(true);
  });

  it("rejects duplicate ids and an alternate phrasing that belongs to two entries", async () => {
    const original = await readFile(entryPath("joint-business-plan"), "utf8");
    await writeFile(entryPath("joint-business-plan-copy"), original);
    await edit("credit-line-overview", (text) =>
      text.replace(
        "alternates:\n",
        "alternates:\n  - What is a Joint Business Plan (JBP) on TikTok?\n",
      ),
    );
    const problems = await problemsOf();
    expect(
      problems.some((p) =>
        /entry "joint-business-plan": id: duplicate id, also used in .*joint-business-plan(-copy)?\.md/.test(
          p,
        ),
      ),
    ).toBe(true);
    expect(
      problems.some((p) =>
        /"What is a Joint Business Plan \(JBP\) on TikTok\?" is also .* of entry "(credit-line-overview|joint-business-plan)"/.test(
          p,
        ),
      ),
    ).toBe(true);
  });

  it("rejects a related id that does not exist", async () => {
    await edit("joint-business-plan", (text) =>
      text.replace(/^related: \[/m, "related: [no-such-entry, "),
    );
    expect((await problemsOf()).join("\n")).toMatch(
      /related\[0\]: no entry has id "no-such-entry"/,
    );
  });

  it("rejects an invalid vocabulary file by field", async () => {
    await writeFile(
      join(dir, "vocabulary.yml"),
      "synonyms: {}\ndomain_terms: [credit]\nout_of_scope: google\nstopwords: []\n",
    );
    expect((await problemsOf()).join("\n")).toMatch(/vocabulary\.yml: out_of_scope: /);
  });
});
