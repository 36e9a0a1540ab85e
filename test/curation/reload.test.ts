import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Reply, Speaker, TurnContext } from "../../src/core/reply.js";
import { createReloader } from "../../src/curation/reload.js";
import { createLogger } from "../../src/logger.js";
import { closeCores, makeCuratedCore } from "../slack/support/core.js";
import { tempDir } from "../slack/support/harness.js";
import { waitFor } from "../slack/support/web-api.js";

const ana: Speaker = { teamId: "T0AGENCY1", userId: "U0ANA0001" };
const turn = (): TurnContext => ({ surface: "dm", now: new Date() });
const entryOf = (reply: Reply) => (reply.kind === "answer" ? reply.entryId : reply.kind);
const newPhrasing = "zebra stripes for our tiktok ad account billing";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  await closeCores();
});

async function setUp() {
  const dir = await tempDir("credit-desk-reload-");
  cleanup.push(dir.remove);
  const knowledgeDir = join(dir.path, "knowledge");
  await cp("knowledge", knowledgeDir, { recursive: true });
  const env = { KNOWLEDGE_DIR: knowledgeDir };
  const curated = await makeCuratedCore(join(dir.path, "data"), env);
  const logs: string[] = [];
  const reloader = createReloader({
    config: loadConfig({ ...env, DATA_DIR: join(dir.path, "data") }),
    knowledge: curated.knowledge,
    logger: createLogger({ level: "debug", write: (line) => logs.push(line) }),
    watch: true,
    debounceMs: 50,
  });
  cleanup.push(() => reloader.close());
  const outcomes: boolean[] = [];
  reloader.onReload((outcome) => outcomes.push(outcome.ok));
  const file = (id: string) => join(knowledgeDir, "entries", `${id}.md`);
  const edit = async (id: string, change: (text: string) => string) =>
    writeFile(file(id), change(await readFile(file(id), "utf8")));
  return { ...curated, reloader, logs, outcomes, edit };
}

const addAlternate = (text: string) =>
  text.replace(/^alternates:\n/m, `alternates:\n  - ${newPhrasing}\n`);

describe("hot reload of the knowledge base", { timeout: 30_000 }, () => {
  it("answers from an edited entry without a restart", async () => {
    const { core, edit, outcomes } = await setUp();
    expect(entryOf(await core.handle(ana, newPhrasing, turn()))).not.toBe("credit-line-overview");
    await edit("credit-line-overview", addAlternate);
    await waitFor("the reload", () => outcomes.includes(true), 20_000);
    expect(entryOf(await core.handle(ana, newPhrasing, turn()))).toBe("credit-line-overview");
  });

  it("keeps the previous base serving after a broken edit, says what is wrong, and takes the fix", async () => {
    const { core, edit, outcomes, reloader, logs } = await setUp();
    await edit("credit-line-overview", (text) =>
      addAlternate(text).replace(/^question: /m, "question: [broken"),
    );
    await waitFor("the refused reload", () => outcomes.includes(false), 20_000);
    expect(reloader.problems().join("\n")).toContain("credit-line-overview.md");
    expect(logs.some((line) => line.includes("knowledge base edit refused"))).toBe(true);
    expect(entryOf(await core.handle(ana, "what is the credit line?", turn()))).toBe(
      "credit-line-overview",
    );
    expect(entryOf(await core.handle(ana, newPhrasing, turn()))).not.toBe("credit-line-overview");

    await edit("credit-line-overview", (text) => text.replace("question: [broken", "question: "));
    await waitFor("the good reload", () => outcomes.at(-1) === true, 20_000);
    expect(reloader.problems()).toEqual([]);
    expect(entryOf(await core.handle(ana, newPhrasing, turn()))).toBe("credit-line-overview");
  });

  it("answers every question asked while it reloads", async () => {
    const { core, reloader } = await setUp();
    const asked = Array.from({ length: 40 }, (_, index) =>
      core.handle({ ...ana, userId: `U0P${index}` }, "what is a JBP?", turn()),
    );
    const reloads = [reloader.reload(), reloader.reload()];
    const replies = await Promise.all(asked);
    expect(replies.map(entryOf)).toEqual(asked.map(() => "joint-business-plan"));
    expect((await Promise.all(reloads)).every((outcome) => outcome.ok)).toBe(true);
  });
});
