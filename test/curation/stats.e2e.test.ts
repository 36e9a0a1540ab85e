import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Speaker, TurnContext } from "../../src/core/reply.js";
import { closeCores, makeCuratedCore } from "../slack/support/core.js";
import { tempDir } from "../slack/support/harness.js";
import { runScript } from "../support/run.js";

const ana: Speaker = { teamId: "T0AGENCY1", userId: "U0ANA0001" };
const ben: Speaker = { teamId: "T0AGENCY1", userId: "U0BEN0002" };
const daysAgo = (days: number, surface: TurnContext["surface"] = "dm"): TurnContext => ({
  surface,
  now: new Date(Date.now() - days * 24 * 3600_000),
});

let dir: { path: string; remove: () => Promise<void> };
beforeAll(async () => {
  dir = await tempDir("credit-desk-stats-");
  const { core } = await makeCuratedCore(dir.path);
  const answer = await core.handle(ana, "what is a JBP?", daysAgo(1));
  if (answer.kind !== "answer") throw new Error("expected an answer");
  await core.recordFeedback(ana, answer.entryId, "down", daysAgo(1));
  await core.recordFeedback(ben, answer.entryId, "up", daysAgo(1));
  await core.handle(ben, "rebate", daysAgo(2));
  await core.handle(ben, "what is the weather in paris", daysAgo(20));
  await core.creditCheck(
    ana,
    "advertiser=agency months=8 spend=40k payments=good partner=yes",
    daysAgo(3, "channel"),
  );
  await closeCores();
});
afterAll(() => dir.remove());

describe("cli kb stats", { timeout: 30_000 }, () => {
  it("counts the last 7 and 30 days: questions, outcomes, votes by entry, missed groups, check verdicts", async () => {
    const { code, stdout } = await runScript("src/cli/main.ts", ["kb", "stats", "--json"], {
      env: { DATA_DIR: dir.path },
    });
    expect(code).toBe(0);
    const { periods } = JSON.parse(stdout);
    const [week, month] = periods;
    expect(week).toMatchObject({ days: 7, asked: 2, answered: 1, clarified: 1, fell_back: 0 });
    expect(week.votes).toEqual([{ id: "joint-business-plan", up: 1, down: 1 }]);
    expect(week.checks.runs).toBe(1);
    expect(Object.values(week.checks.verdicts).reduce((a: number, b) => a + Number(b), 0)).toBe(5);
    expect(month).toMatchObject({ days: 30, asked: 3, fell_back: 1 });
    expect(month.top_missed.map((group: { kind: string }) => group.kind).sort()).toEqual([
      "clarify",
      "fallback",
      "thumbs_down",
    ]);
    // Figures only: no question text.
    expect(stdout).not.toContain("weather");
    expect(stdout).not.toContain("rebate");
  });

  it("prints the same figures as lines", async () => {
    const { stdout } = await runScript("src/cli/main.ts", ["kb", "stats"], {
      env: { DATA_DIR: dir.path },
    });
    expect(stdout).toContain("Last 7 days: 2 question(s), 1 answered, 1 clarified, 0 fell back");
    expect(stdout).toContain("joint-business-plan 👍1 👎1");
  });
});
