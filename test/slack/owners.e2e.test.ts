import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReminderLog } from "../../src/curation/reminders.js";
import { startCuratedApp } from "./support/curated-app.js";
import { tearDown } from "./support/harness.js";
import {
  appHomeOpened,
  blockAction,
  directMessage,
  dmChannelId,
  envelope,
  slackTs,
  viewSubmission,
} from "./support/payloads.js";
import { sendEvent, sendInteraction } from "./support/requests.js";
import { type RecordedCall, teamId, waitFor } from "./support/web-api.js";

const owner = "U0OWNER";
const curator = "U0CURATOR";
const entryId = "joint-business-plan";
const today = new Date().toISOString().slice(0, 10);

let ctx: Awaited<ReturnType<typeof startCuratedApp>>;
const entryFile = () => join(ctx.knowledgeDir, "entries", `${entryId}.md`);

beforeAll(async () => {
  ctx = await startCuratedApp("credit-desk-owners-", { CURATORS: curator }, async (dir) => {
    const file = join(dir, "entries", `${entryId}.md`);
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace(/^checked: .*$/m, `checked: 2025-01-10\nowner: ${owner}\nverify_every_days: 90`),
    );
  });
});
afterAll(() => tearDown({ app: ctx.app, webApi: ctx.webApi, dir: ctx.dir }));

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { text?: unknown; value?: string; action_id?: string }[];
};
const reminders = () =>
  ctx.webApi.calls.filter(
    (call) =>
      call.method === "chat.postMessage" &&
      call.params.channel === owner &&
      (call.params.metadata as { event_type: string }).event_type === "verification_reminder",
  );
const blocksText = (blocks: Block[]) => JSON.stringify(blocks);

async function ask(text: string): Promise<RecordedCall> {
  const from = ctx.webApi.calls.length;
  await sendEvent(ctx.app.url, envelope(directMessage(text, { ts: slackTs() })));
  return waitFor(`the reply to "${text}"`, () =>
    ctx.webApi.calls
      .slice(from)
      .find((call) => call.method === "chat.postMessage" && call.params.channel === dmChannelId),
  );
}

/** Clicks a button of the owner's reminder DM, as Slack sends the click. */
async function clickReminder(actionId: string, text: string): Promise<void> {
  const [reminder] = reminders();
  const click = blockAction(
    { actionId, blockId: "verify", value: entryId, text },
    {
      ts: String(reminder?.result?.ts),
      text: String(reminder?.params.text),
      blocks: reminder?.params.blocks as unknown[],
      channel: "D0OWNER",
    },
  );
  await sendInteraction(ctx.app.url, {
    ...click,
    user: { id: owner, username: "o", name: "o", team_id: teamId },
  });
}

describe("owners and verification", { timeout: 120_000 }, () => {
  it("sends the owner of an overdue entry exactly one reminder, also across reloads and restarts", async () => {
    const [reminder] = await waitFor("the reminder", () => reminders().length > 0 && reminders());
    const blocks = reminder?.params.blocks as Block[];
    expect(blocksText(blocks)).toContain("Last checked 2025-01-10 (every 90 days");
    const buttons = blocks.find((block) => block.block_id === "verify")?.elements ?? [];
    expect(buttons.map((button) => button.action_id)).toEqual([
      "verify_still_correct",
      "verify_needs_change",
    ]);
    await ctx.reloader.reload();
    // Another start on the same DATA_DIR reads what was sent.
    const log = await openReminderLog(ctx.dataDir);
    const entry = ctx.knowledge.engine.kb.byId.get(entryId);
    if (!entry) throw new Error("no entry");
    expect(await log.claim(entry, new Date())).toBe(false);
    expect(reminders()).toHaveLength(1);
  });

  it("an overdue entry's answer says when it was last checked, and App Home lists it for curators", async () => {
    const reply = await ask("what is a JBP?");
    expect(blocksText(reply.params.blocks as Block[])).toContain(
      "Last checked against its sources on 2025-01-10",
    );
    const from = ctx.webApi.calls.length;
    await sendEvent(ctx.app.url, envelope({ ...appHomeOpened(), user: curator }));
    const home = await waitFor("App Home", () =>
      ctx.webApi.calls.slice(from).find((call) => call.method === "views.publish"),
    );
    expect(JSON.stringify(home.params.view)).toContain(`\`${entryId}\` last checked 2025-01-10`);
  });

  it("'Needs a change' opens the entry in a form", async () => {
    const from = ctx.webApi.calls.length;
    await clickReminder("verify_needs_change", "Needs a change");
    const opened = await waitFor("views.open", () =>
      ctx.webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    const view = opened.params.view as { callback_id: string; blocks: Block[] };
    expect(view.callback_id).toBe("entry_edit");
    expect(JSON.stringify(view.blocks)).toContain("What is a Joint Business Plan");

    // Saved with one more phrasing: written back to the file, checked today, served at once.
    const initial = (id: string) =>
      (view.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find(
        (block) => block.block_id === id,
      )?.element?.initial_value ?? "";
    // As Slack submits it: every input with what it holds, here the last of the phrasings' inputs
    // (a long list takes more than one) with one more line.
    const inputs = (view.blocks as { type: string; block_id?: string }[]).flatMap((block) =>
      block.type === "input" && block.block_id ? [block.block_id] : [],
    );
    const lastPart = inputs.filter((id) => id.startsWith("alternates")).at(-1) ?? "alternates";
    const submitted = viewSubmission(
      {
        ...Object.fromEntries(inputs.map((id) => [id, initial(id)])),
        [lastPart]: `${initial(lastPart)}\njbp with tiktok explained for our finance team`,
      },
      {
        callbackId: view.callback_id,
        privateMetadata: String(
          (opened.params.view as { private_metadata: string }).private_metadata,
        ),
        blocks: view.blocks,
      },
    );
    const response = await sendInteraction(ctx.app.url, {
      ...submitted,
      user: { id: owner, username: "o", name: "o", team_id: teamId },
    });
    expect(response.status).toBe(200);
    // Saving runs every phrasing of the knowledge base through the matcher, before and after the
    // change (930 or so on this copy: seconds, more while the other suites share the cores).
    const text = await waitFor(
      "the owner told the changes are saved",
      () =>
        ctx.webApi.calls.find(
          (call) =>
            call.method === "chat.postMessage" &&
            call.params.channel === owner &&
            String(call.params.text).startsWith("Saved your changes"),
        ),
      60_000,
    );
    expect(String(text.params.text)).toContain(`${entryId}.md`);
    const file = await readFile(entryFile(), "utf8");
    expect(file).toContain("  - jbp with tiktok explained for our finance team\n");
    // No phrasing it had was lost, however many inputs they took.
    for (const phrasing of inputs
      .filter((id) => id.startsWith("alternates"))
      .flatMap((id) => initial(id).split("\n"))) {
      expect(file).toContain(phrasing);
    }
    expect(file).toContain(`checked: ${today}\n`);
  });

  it("'Still correct' sets checked to today in the file, and the answer no longer says it is overdue", async () => {
    const from = ctx.webApi.calls.length;
    await clickReminder("verify_still_correct", "Still correct");
    const updated = await waitFor(
      "the reminder updated",
      () => ctx.webApi.calls.slice(from).find((call) => call.method === "chat.update"),
      60_000,
    );
    expect(String(updated.params.text)).toContain(`Marked as still correct on ${today}`);
    const text = await readFile(entryFile(), "utf8");
    expect(text).toContain(`checked: ${today}\nowner: ${owner}\nverify_every_days: 90\n`);
    const reply = await ask("what is a JBP?");
    expect(blocksText(reply.params.blocks as Block[])).not.toContain("Last checked against");
    expect(reminders()).toHaveLength(1);
  });
});
