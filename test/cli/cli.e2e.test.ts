import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { copyWithBrokenEntryAndRules } from "../support/broken-knowledge.js";
import { runScript } from "../support/run.js";
import { copySmallKnowledge } from "../support/small-knowledge.js";

const cli = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  runScript("src/cli/main.ts", args, options);

// The contract scripts rely on, field for field.
const askJson = z
  .object({
    question: z.string(),
    status: z.enum(["answered", "fallback"]),
    answer: z
      .object({
        id: z.string(),
        question: z.string(),
        text: z.string(),
        sources: z.array(
          z
            .object({
              url: z.url(),
              publisher: z.string().min(1),
              kind: z.enum(["official", "third_party"]),
              date: z.iso.date().nullable(),
            })
            .strict(),
        ),
        // For consumers that read only the URLs, as before sources had the rest.
        urls: z.array(z.url()),
      })
      .strict()
      .refine((answer) => answer.urls.join() === answer.sources.map((s) => s.url).join())
      .nullable(),
    confidence: z.number().min(0).max(1),
    suggestions: z.array(z.object({ id: z.string(), question: z.string() }).strict()).max(3),
  })
  .strict()
  .refine((value) => (value.answer === null) === (value.status !== "answered"));

describe("cli ask", { timeout: 30_000 }, () => {
  it("prints one JSON object answering a question, with its sources", async () => {
    const { code, stdout } = await cli(["ask", "what's a JBP?", "--json"]);
    expect(code).toBe(0);
    const result = askJson.parse(JSON.parse(stdout));
    expect(result.status).toBe("answered");
    expect(result.answer?.id).toBe("joint-business-plan");
    expect(result.answer?.sources.length).toBeGreaterThan(0);
    expect(result.answer?.sources[0]).toEqual({
      url: expect.stringMatching(/^https:\/\//),
      publisher: expect.any(String),
      kind: expect.stringMatching(/^(official|third_party)$/),
      date: expect.anything(),
    });
  });

  it("falls back, with answer null, for a question it cannot answer", async () => {
    const { stdout } = await cli(["ask", "what's the weather in Lisbon tomorrow?", "--json"]);
    const result = askJson.parse(JSON.parse(stdout));
    expect(result).toMatchObject({ status: "fallback", answer: null });
  });

  it("reports a 'Did you mean' as no answer, with the choices and how well they fit", async () => {
    const { stdout } = await cli(["ask", "business center credit", "--json"]);
    const result = askJson.parse(JSON.parse(stdout));
    expect(result).toMatchObject({ status: "fallback", answer: null });
    expect(result.suggestions.map((s) => s.id)).toContain("business-center-allocation");
    // Not sure enough of any one entry to answer it, sure enough that one of these is meant.
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThan(1);
  });

  it("answers a batch in order, one line each, on one start", async () => {
    const input = "jbp?\nhow do i top up the ad account\n\nbest pizza near the office\n";
    const { code, stdout } = await cli(["ask", "--batch", "--json"], { input });
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => askJson.parse(JSON.parse(line)));
    expect(lines.map((line) => line.question)).toEqual([
      "jbp?",
      "how do i top up the ad account",
      "",
      "best pizza near the office",
    ]);
    expect(lines.map((line) => line.status)).toEqual([
      "answered",
      "answered",
      "fallback",
      "fallback",
    ]);
  });

  it("reads a question typed without quotes as the one question it is", async () => {
    const { code, stdout } = await cli(["ask", "what's", "a", "JBP?", "--json"]);
    expect(code).toBe(0);
    expect(askJson.parse(JSON.parse(stdout)).answer?.id).toBe("joint-business-plan");
  });

  it("prints readable text without --json", async () => {
    const { stdout } = await cli(["ask", "what is monthly invoicing"]);
    expect(stdout).toMatch(/Sources:\n {2}- .*(official|third party)/);
    expect(stdout).not.toMatch(/\*\*/);
  });
});

describe("cli credit-check", { timeout: 30_000 }, () => {
  it("prints the evaluation as one JSON line with the documented fields", async () => {
    const { stdout } = await cli([
      "credit-check",
      "advertiser=direct months=8 spend=25k payments=good",
      "--json",
    ]);
    const result = JSON.parse(stdout);
    expect(Object.keys(result).sort()).toEqual([
      "errors",
      "input",
      "missing",
      "programs",
      "status",
    ]);
    expect(result.status).toBe("ok");
    expect(result.programs.map((p: { id: string }) => p.id)).toContain("credit_line");
    for (const program of result.programs as { sources: unknown[] }[]) {
      expect(program.sources.length).toBeGreaterThan(0);
      for (const source of program.sources) expect(source).toMatch(/^https:\/\//);
    }
  });

  it("reads a batch of inputs, one JSON line out per input", async () => {
    const input = "advertiser=agency partner=yes\nmonths=banana\n";
    const { stdout } = await cli(["credit-check", "--batch", "--json"], { input });
    const statuses = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line).status);
    expect(statuses).toEqual(["ok", "invalid"]);
  });
});

describe("cli usage errors", { timeout: 30_000 }, () => {
  it.each([[["frobnicate"]], [["ask", "jbp?", "--jsonn"]], [[]], [["kb", "fix"]], [["kb"]]])(
    "prints the usage and exits 2 for %o",
    async (args) => {
      const { code, stderr } = await cli(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/Usage:/);
    },
  );

  it.each([
    [["kb", "check", "--json"], "--json does not apply to kb check"],
    [["kb", "check", "--batch", "--json"], "--json and --batch do not apply to kb check"],
  ])("says which flags kb check does not take (%o)", async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toContain(message);
    expect(stderr).toMatch(/Usage:/);
  });

  it("reports a mistyped command as such, even with a broken configuration", async () => {
    const { code, stderr } = await cli(["frobnicate"], { env: { MATCH_THRESHOLD: "abc" } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^unknown command "frobnicate"/);
  });

  it("stops on a bad configuration value with one line naming it", async () => {
    const { code, stderr } = await cli(["ask", "jbp?"], { env: { MATCH_THRESHOLD: "0x1" } });
    expect(code).toBe(1);
    expect(stderr).toBe('MATCH_THRESHOLD: expected a number from 0 to 1 (got "0x1")\n');
  });
});

describe("cli help", { timeout: 30_000 }, () => {
  it("lists every command and what the exit status means", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["ask", "ask --batch", "credit-check", "credit-check help", "kb check"]) {
      expect(stdout).toContain(`npm run --silent cli -- ${command} `);
    }
    expect(stdout).toMatch(/Exit status: 0 .*1 .*\n?.*2 /);
  });

  it("runs the examples it shows", async () => {
    const { stdout: help } = await cli(["--help"]);
    const examples = [...help.matchAll(/^ {2}npm run --silent cli -- (\S+) "([^"<]*)"(.*)$/gm)];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const [, command = "", text = "", flags = ""] of examples) {
      const { code, stdout } = await cli([command, text, ...flags.split(" ").filter(Boolean)]);
      expect(code).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
    }
  });

  it("lists every credit-check key with `credit-check help`", async () => {
    const { code, stdout } = await cli(["credit-check", "help"]);
    expect(code).toBe(0);
    for (const key of ["advertiser", "months", "spend", "payments", "partner", "growth"]) {
      expect(stdout).toMatch(new RegExp(`^ {2}${key} `, "m"));
    }
  });
});

describe("cli output to a reader that stops early", { timeout: 30_000 }, () => {
  it("exits quietly with 0 once the reader has closed the pipe", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "ask", "--batch", "--json"],
      { env: { PATH: process.env.PATH ?? "" }, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // Like `| head -1`: read the first line, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    child.stdin.on("error", () => {});
    child.stdin.end("what is a JBP?\n".repeat(20_000));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

// kb check runs every phrasing (4,800) through the matcher: about 30 s alone, more while the
// other suites share the cores. Tests of what it reports run it on a copy with fewer phrasings.
describe("cli kb check", { timeout: 120_000 }, () => {
  it("lists the problems of broken entries and of the rules file together", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kb-check-"));
    try {
      await copyWithBrokenEntryAndRules(dir);
      const { code, stderr } = await cli(["kb", "check"], { env: { KNOWLEDGE_DIR: dir } });
      expect(code).toBe(1);
      expect(stderr).toMatch(/entries\/ad-formats\.md: line \d+: front matter is not valid YAML/);
      expect(stderr).toMatch(
        /credit-check\.yml: thresholds\.credit_line_min_months: expected a whole number/,
      );
      expect(stderr).not.toMatch(/at .*\.ts:\d+/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("gives a broken entry's YAML error at its line in the file, and no link errors for it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kb-check-"));
    try {
      await cp("knowledge", dir, { recursive: true });
      const path = join(dir, "entries", "ad-formats.md");
      const lines = (await readFile(path, "utf8")).split("\n");
      const questionLine = lines.findIndex((line) => line.startsWith("question: ")) + 1;
      await writeFile(path, lines.join("\n").replace(/^question: /m, "question: [x"));
      const { code, stderr } = await cli(["kb", "check"], { env: { KNOWLEDGE_DIR: dir } });
      expect(code).toBe(1);
      // YAML finds the unclosed [ on the line after it.
      expect(stderr).toBe(
        `The knowledge base has 1 problem:\n  ${path}: line ${questionLine + 1}: front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("says when a word listed as mixed in from another language is one the entries use in English", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kb-check-"));
    try {
      await copySmallKnowledge(dir);
      const path = join(dir, "vocabulary.yml");
      // German "also" means "so": read so, "does … also work for a solo freelancer" would lose it.
      const text = await readFile(path, "utf8");
      await writeFile(path, text.replace(/^mixed_in:\n/m, "mixed_in:\n  also: so\n"));
      const { code, stdout } = await cli(["kb", "check"], { env: { KNOWLEDGE_DIR: dir } });
      expect(code).toBe(1);
      expect(stdout).toContain(
        `error: ${path}: mixed_in "also" is an English word: entry "freelancer-client-accounts" asks "does the partner submission route agencies use also work for a solo freelancer"; take it out of mixed_in`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names the file in every error and warning, and counts in words", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kb-check-"));
    try {
      await copySmallKnowledge(dir);
      const path = join(dir, "entries", "promotions-page.md");
      const text = await readFile(path, "utf8");
      await writeFile(
        path,
        text
          .replace("alternates:\n", "alternates:\n  - what does a jbp commit us to\n")
          .replace(/^checked: .*$/m, "checked: 2020-01-01"),
      );
      const { stdout } = await cli(["kb", "check"], { env: { KNOWLEDGE_DIR: dir } });
      const reported = stdout.split("\n").filter((line) => /^(error|warning): /.test(line));
      expect(reported.length).toBeGreaterThan(1);
      for (const line of reported) expect(line).toMatch(/^(error|warning): \S+\.md: entry "/);
      expect(stdout).toMatch(/^error: \S+promotions-page\.md: .*what does a jbp commit us to/m);
      expect(stdout).toMatch(/^warning: \S+promotions-page\.md: .*checked 2020-01-01/m);
      // One more phrasing can pull another entry's phrasing over too: the summary counts what
      // was listed, in words.
      const count = (kind: string) => {
        const n = reported.filter((line) => line.startsWith(`${kind}: `)).length;
        return `${n} ${kind}${n === 1 ? "" : "s"}`;
      };
      expect(stdout).toMatch(
        new RegExp(`\\d+ entries: ${count("error")}, ${count("warning")}\\n$`),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names KNOWLEDGE_DIR when the folder is not there", async () => {
    const { code, stderr } = await cli(["kb", "check"], { env: { KNOWLEDGE_DIR: "no-such-dir" } });
    expect(code).toBe(1);
    expect(stderr).toBe(
      "KNOWLEDGE_DIR no-such-dir: folder not found; set KNOWLEDGE_DIR to the folder holding entries/ and credit-check.yml.\n",
    );
  });

  it("passes on the real knowledge base", async () => {
    const { code, stdout } = await cli(["kb", "check"]);
    expect(stdout).toMatch(/\d+ entries: 0 errors, \d+ warnings?\n$/);
    expect(code).toBe(0);
  });

  it("exits 1 listing an alternate that leads to another entry, and warns about stale entries", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kb-check-"));
    try {
      await copySmallKnowledge(dir);
      const path = join(dir, "entries", "promotions-page.md");
      const text = await readFile(path, "utf8");
      await writeFile(
        path,
        text
          .replace("alternates:\n", "alternates:\n  - what does a jbp commit us to\n")
          .replace(/^checked: .*$/m, "checked: 2020-01-01"),
      );
      const { code, stdout } = await cli(["kb", "check"], { env: { KNOWLEDGE_DIR: dir } });
      expect(code).toBe(1);
      expect(stdout).toMatch(
        /error: \S+promotions-page\.md: entry "promotions-page": alternates\[0\] "what does a jbp commit us to" leads to .*, not to this entry/,
      );
      expect(stdout).toMatch(
        /warning: \S+promotions-page\.md: entry "promotions-page": checked 2020-01-01, \d+ days ago/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
