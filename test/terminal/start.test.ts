import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    expect(stdout).toMatch(/I don't have an answer for that yet/);
  });

  it("runs /credit-check lines through the rules module", async () => {
    const { code, stdout } = await start(
      "/credit-check advertiser=agency months=8 spend=40k payments=good partner=yes\n",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/Credit Line/i);
    expect(stdout).toMatch(/LIKELY/);
  });

  it("remembers the conversation across starts for follow-ups, and forgets on request", async () => {
    await start("what is the credit line?\n");
    const followUp = await start("who qualifies for it?\n");
    expect(followUp.stdout).toMatch(/six months|6 months/i);
    const forgot = await start("forget me\n");
    expect(forgot.stdout).toMatch(/deleted everything I stored about you/);
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
});
