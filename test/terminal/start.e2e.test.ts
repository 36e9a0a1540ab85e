import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.js";
import { connectRedis } from "../../src/redis/index.js";
import type { PersonState } from "../../src/state/index.js";
import { copyWithBrokenEntryAndRules } from "../support/broken-knowledge.js";
import { startRedis } from "../support/redis.js";
import { runScript } from "../support/run.js";

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "credit-desk-terminal-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Runs `npm start`'s entry point the way a newcomer would, with piped input and no Slack tokens. */
const start = (input: string, env: Record<string, string> = {}) =>
  runScript("src/main.ts", [], { input, env: { DATA_DIR: dataDir, ...env } });

describe("npm start without Slack tokens", { timeout: 30_000 }, () => {
  it("answers each piped line and exits at the end of input", async () => {
    const { code, stdout } = await start("what is a JBP?\nwhat's the weather in Paris?\n");
    expect(code).toBe(0);
    expect(stdout).toMatch(/JBP is a formal commercial agreement/);
    expect(stdout).toMatch(/Sources:\n {2}- .*https:\/\//);
    expect(stdout).toMatch(/I don't have an answer for that\. I only know about TikTok ad credits/);
  });

  it("asks the question before again of what 'same for coupons?' swaps in", async () => {
    const { code, stdout } = await start(
      "is tiktok ad credit transferable between ad accounts\nsame for coupons?\n",
    );
    expect(code).toBe(0);
    const second = stdout.split("(type 1 to 3 to pick one)")[1] ?? "";
    expect(second).toMatch(/From my last answer:[\s\S]*coupons non-transferable/);
  });

  it("runs /credit-check lines through the rules module", async () => {
    const { code, stdout } = await start(
      "/credit-check advertiser=agency months=8 spend=40k payments=good partner=yes\n",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Credit Line/i);
    expect(stdout).toMatch(/LIKELY/);
  });

  it("runs the check again for a 'what if' typed after it, saying what changed", async () => {
    const { code, stdout } = await start(
      "/credit-check advertiser=direct months=8 spend=25k payments=good\nand for agencies?\n",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /Again with Through an agency \(was Directly\), everything else as before\. What changed: /,
    );
    expect(stdout.split("Again with")[1]).toMatch(/advertiser=agency/);
  });

  it("says how to check the client under an eligibility answer, its related questions still numbered", async () => {
    // A data folder of its own: right after a check (the tests above run some) there is no tip.
    const fresh = await mkdtemp(join(tmpdir(), "credit-desk-tip-"));
    const { code, stdout } = await start(
      "our client spends ~80k/mo direct w tiktok, can they get a jbp\n",
      { DATA_DIR: fresh },
    );
    await rm(fresh, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(stdout).toContain(
      "To check this client program by program: /credit-check advertiser=direct spend=80000",
    );
    expect(stdout).toContain("(type 1 to 3 to pick one)");
  });

  it("answers the numbered related question a typed number picks", async () => {
    const { stdout } = await start("what is a JBP?\n2\n");
    expect(stdout).toMatch(/\(type 1 to 3 to pick one\)/);
    const [first, second] = stdout.split("(type 1 to 3 to pick one)");
    const picked = first?.match(/Related:\n(?: {2}\d\. .+\n)*? {2}2\. (.+)\n/)?.[1];
    if (!picked) throw new Error(`no second related question in:\n${first}`);
    // The same question asked in words gets the same answer the number picked.
    const asked = await runScript("src/cli/main.ts", ["ask", picked, "--json"]);
    const answer = JSON.parse(asked.stdout).answer.text as string;
    const opening = answer.replace(/\*\*/g, "").split("\n")[0] ?? "";
    expect(second).toContain(opening);
  });

  it("still picks from a list by number after a nod in between", async () => {
    const { stdout } = await start("what is a JBP?\nok thanks\n7\n");
    expect(stdout).toMatch(/just ask\.\n+Pick 1 to 3, or ask in your own words\./);
    expect(stdout).not.toMatch(/nothing numbered to pick/);
  });

  it("asks for a number in range instead of reading one out of range as a question", async () => {
    const { stdout } = await start("what is a JBP?\n7\n");
    expect(stdout).toMatch(/\(type 1 to 3 to pick one\)\n+Pick 1 to 3, or ask in your own words\./);
    expect(stdout).not.toMatch(/I don't have an answer/);
  });

  it("remembers the conversation across starts for follow-ups, and forgets on request", async () => {
    await start("what is the credit line?\n");
    const followUp = await start("how do we apply for it?\n");
    expect(followUp.stdout).toMatch(/Apply for Monthly Invoicing/i);
    const forgot = await start("forget me\n");
    expect(forgot.stdout).toMatch(/deleted everything I stored about you/);
  });

  it("keeps the conversation in Redis with REDIS_URL, shared by processes on any DATA_DIR", async () => {
    const redis = await startRedis();
    try {
      const env = (folder: string) => ({
        REDIS_URL: redis.url,
        DATA_DIR: join(dataDir, folder),
      });
      // Two processes at once: DATA_DIR's single-process lock is for the embedded engine only.
      const [first, other] = await Promise.all([
        start("what is the credit line?\n", env("instance-a")),
        start("what is a JBP?\n", env("instance-a")),
      ]);
      expect([first.code, other.code]).toEqual([0, 0]);
      // The last answer both wrote was one of theirs; ask again so the follow-up has its context.
      await start("what is the credit line?\n", env("instance-a"));
      const followUp = await start("how do we apply for it?\n", env("instance-b"));
      expect(followUp.stdout).toMatch(/Apply for Monthly Invoicing/i);
      for (const folder of ["instance-a", "instance-b"]) {
        await expect(readdir(join(dataDir, folder))).resolves.not.toContain("state");
      }
      const client = await connectRedis({
        url: redis.url,
        keyPrefix: "credit-desk:",
        logger: silentLogger,
      });
      const kept = async () => {
        const keys: string[] = [];
        for await (const batch of client.client.scanIterator({ MATCH: client.pattern("state") }))
          keys.push(...batch.map(String));
        return keys;
      };
      const [key] = await kept();
      const history = JSON.parse((key && (await client.client.get(key))) ?? "{}") as PersonState;
      // One person's history, written by every process in turn.
      expect(history.turns.filter((turn) => turn.role === "user").map((turn) => turn.text)).toEqual(
        expect.arrayContaining(["what is a JBP?", "how do we apply for it?"]),
      );
      expect(history.turns.filter((turn) => turn.role === "user")).toHaveLength(4);
      const forgot = await start("forget me\n", env("instance-b"));
      expect(forgot.stdout).toMatch(/deleted everything I stored about you/);
      expect(await kept()).toEqual([]);
      await client.close();
    } finally {
      await redis.stop();
    }
  });

  it("stops with one clear line when the configuration is half done", async () => {
    const { code, stderr } = await start("", { SLACK_BOT_TOKEN: "xoxb-1-2-3" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it("stops naming the file and field when the knowledge base is broken", async () => {
    const { code, stderr } = await start("", { KNOWLEDGE_DIR: join(dataDir, "nowhere") });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Credit Desk cannot start\.[\s\S]*nowhere/);
  });

  it("lists every bad variable, one line each", async () => {
    // PORT is not among them: the terminal does not listen.
    const { code, stderr } = await start("", {
      MATCH_THRESHOLD: "abc",
      KB_STALE_DAYS: "0x50",
      PORT: "0x50",
    });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      'Credit Desk cannot start. MATCH_THRESHOLD: expected a number from 0 to 1 (got "abc")',
      'KB_STALE_DAYS: expected a number of days above 0 (got "0x50")',
    ]);
  });

  it("reports a broken entry and a broken rules file together", async () => {
    const knowledge = join(dataDir, "broken-knowledge");
    await copyWithBrokenEntryAndRules(knowledge);
    const { code, stderr } = await start("", {
      KNOWLEDGE_DIR: knowledge,
      DATA_DIR: join(dataDir, "kb"),
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Credit Desk cannot start\./);
    expect(stderr).toMatch(/ad-formats\.md: line \d+: front matter is not valid YAML/);
    expect(stderr).toMatch(/credit-check\.yml: thresholds\.credit_line_min_months: expected/);
  });

  it("stops naming REDIS_URL, without its password, when Redis cannot be reached", async () => {
    const closed = await startRedis();
    await closed.stop();
    const url = `redis://app:pa55word@127.0.0.1:${closed.port}`;
    const { code, stderr } = await start("what is a JBP?\n", { REDIS_URL: url });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Credit Desk cannot start. Cannot reach Redis at REDIS_URL redis://app:***@127.0.0.1:${closed.port} (ECONNREFUSED): start Redis there, correct REDIS_URL, or leave it empty to keep everything in DATA_DIR.`,
    );
  });

  it("stops naming DATA_DIR when it is a file", async () => {
    const file = join(dataDir, "a-file");
    await writeFile(file, "");
    for (const path of [file, join(file, "data")]) {
      const { code, stderr } = await start("", { DATA_DIR: path });
      expect(code).toBe(1);
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).toContain(`Credit Desk cannot start. DATA_DIR ${path} `);
      expect(stderr).toMatch(/file|folder/);
      expect(stderr).not.toMatch(/EEXIST|ENOTDIR|mkdir|at .*\.ts:\d+/);
    }
  });

  // Permissions do not stop root, so this runs as any other user only.
  it.skipIf(process.getuid?.() === 0)(
    "stops naming DATA_DIR when it cannot be written",
    async () => {
      const locked = join(dataDir, "read-only");
      await mkdir(locked);
      await chmod(locked, 0o555);
      try {
        const { code, stderr } = await start("", { DATA_DIR: locked });
        expect(code).toBe(1);
        expect(stderr.trim()).toMatch(
          new RegExp(
            `^Credit Desk cannot start\\. DATA_DIR ${locked} cannot be written by this user`,
          ),
        );
      } finally {
        await chmod(locked, 0o755);
      }
    },
  );
});
