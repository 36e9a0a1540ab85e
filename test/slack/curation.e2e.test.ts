import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../support/run.js";
import { blockKitProblems } from "./support/block-kit.js";
import { startCuratedApp } from "./support/curated-app.js";
import { tearDown } from "./support/harness.js";
import {
  appHomeOpened,
  directMessage,
  dmChannelId,
  envelope,
  homeBlockAction,
  messageShortcut,
  slackTs,
  userId,
  viewSubmission,
} from "./support/payloads.js";
import { sendEvent, sendInteraction } from "./support/requests.js";
import { type RecordedCall, teamId, waitFor } from "./support/web-api.js";

const curator = "U0CURATOR";
const outsider = "U0BEN";

let ctx: Awaited<ReturnType<typeof startCuratedApp>>;
beforeAll(async () => {
  ctx = await startCuratedApp("credit-desk-curation-", { CURATORS: curator });
});
afterAll(() => tearDown({ app: ctx.app, webApi: ctx.webApi, dir: ctx.dir }));

type Element = { action_id?: string; value?: string; text?: { text: string } };
type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Element[] };

const mark = () => ctx.webApi.calls.length;
const as = (user: string) => ({
  id: user,
  username: user.toLowerCase(),
  name: "x",
  team_id: teamId,
});

async function ask(text: string): Promise<RecordedCall> {
  const from = mark();
  const ts = slackTs();
  await sendEvent(ctx.app.url, envelope(directMessage(text, { ts })));
  return waitFor(`the reply to "${text}"`, () =>
    ctx.webApi.calls
      .slice(from)
      .find((call) => call.method === "chat.postMessage" && call.params.channel === dmChannelId),
  );
}
const metadataOf = (call: RecordedCall) =>
  call.params.metadata as { event_type: string; event_payload: Record<string, unknown> };

/** Opens App Home as `user` and returns the view published for them. */
async function openHome(user: string): Promise<Block[]> {
  const from = mark();
  await sendEvent(ctx.app.url, envelope({ ...appHomeOpened(), user }));
  const call = await waitFor(`App Home for ${user}`, () =>
    ctx.webApi.calls.slice(from).find((found) => found.method === "views.publish"),
  );
  expect(call.params.user_id).toBe(user);
  const view = call.params.view as { type: string; blocks: Block[] };
  expect(view.type).toBe("home");
  expect(blockKitProblems(view.blocks)).toEqual([]);
  return view.blocks;
}

/** Clicks a button of App Home as `user`; resolves with the App Home published after it. */
async function clickHome(user: string, element: Element, blockId: string): Promise<Block[]> {
  const from = mark();
  const payload = homeBlockAction({
    actionId: element.action_id ?? "",
    blockId,
    value: element.value ?? "",
    text: element.text?.text ?? "",
  });
  const response = await sendInteraction(ctx.app.url, { ...payload, user: as(user) });
  expect(response.status).toBe(200);
  // Validating the change runs every phrasing through the matcher twice (before and after),
  // then the base is reloaded: seconds on this copy's 930 or so phrasings, more on a busy machine.
  const call = await waitFor(
    "App Home after the click",
    () => ctx.webApi.calls.slice(from).find((found) => found.method === "views.publish"),
    60_000,
  );
  return (call.params.view as { blocks: Block[] }).blocks;
}

const textOf = (blocks: Block[]) =>
  blocks
    .map((block) =>
      [block.text?.text ?? "", ...(block.elements ?? []).map((e) => e.text?.text ?? "")].join(" "),
    )
    .join("\n");
const reviewButtons = (blocks: Block[]) =>
  blocks.flatMap((block) =>
    (block.elements ?? [])
      .filter((element) => element.action_id?.startsWith("curate_"))
      .map((element) => ({ element, blockId: block.block_id ?? "" })),
  );

async function kbReview() {
  const { stdout } = await runScript("src/cli/main.ts", ["kb", "review", "--json"], {
    env: ctx.env,
  });
  return JSON.parse(stdout) as {
    groups: { questions: string[]; kind: string; closest: { id: string }[] }[];
  };
}

const missed = "credit on tiktok ads";

describe("the curator loop in Slack", { timeout: 120_000 }, () => {
  it("a fallback appears in kb review and on the curator's App Home, with the review buttons", async () => {
    const reply = await ask(missed);
    expect(metadataOf(reply).event_type).toBe("kb_fallback");
    const review = await kbReview();
    expect(review.groups[0]).toMatchObject({ kind: "fallback", questions: [missed] });

    const home = await openHome(curator);
    expect(textOf(home)).toContain(missed);
    const labels = reviewButtons(home).map(({ element }) => element.text?.text);
    expect(labels).toContain("New entry draft");
    expect(labels).toContain("Dismiss");
    expect(labels.some((label) => label?.startsWith("Add as a phrasing of “"))).toBe(true);
  });

  it("non-curators see none of it", async () => {
    const home = await openHome(outsider);
    expect(reviewButtons(home)).toEqual([]);
    expect(textOf(home)).not.toContain("Curating");
    expect(textOf(home)).not.toContain(missed);
    // A click on a review button by someone not in CURATORS changes nothing.
    const [button] = reviewButtons(await openHome(curator));
    const before = mark();
    const payload = homeBlockAction({
      actionId: button?.element.action_id ?? "",
      blockId: button?.blockId ?? "",
      value: button?.element.value ?? "",
      text: button?.element.text?.text ?? "",
    });
    expect((await sendInteraction(ctx.app.url, { ...payload, user: as(outsider) })).status).toBe(
      200,
    );
    await waitFor("the refusal in the log", () =>
      ctx.app.logs.find((line) => line.includes("curation click ignored")),
    );
    expect(ctx.webApi.calls.slice(before)).toEqual([]);
  });

  it("refuses a phrasing that would lead to another entry, saying why, and leaves the file alone", async () => {
    const home = await openHome(curator);
    const group = home.findIndex((block) => block.text?.text.includes(`> ${missed}`));
    const buttons = reviewButtons(home.slice(group)).filter(({ element }) =>
      element.action_id?.startsWith("curate_phrasing"),
    );
    const entryOf = (element: Element) => (JSON.parse(element.value ?? "{}") as { e: string }).e;
    // The buttons follow the ranking: as a phrasing of the last, least close entry the wording
    // would still lead to the first.
    const [top] = buttons;
    const other = buttons.at(-1);
    if (group < 0 || !top || !other || other === top) throw new Error("no two phrasing buttons");
    const [leader, target] = [entryOf(top.element), entryOf(other.element)];
    const file = join(ctx.knowledgeDir, "entries", `${target}.md`);
    const before = await readFile(file, "utf8");
    const after = await clickHome(curator, other.element, other.blockId);
    expect(textOf(after)).toContain(`Not added: “${missed}” as a phrasing of \`${target}\``);
    expect(textOf(after)).toContain(`leads to ${leader}, not to this entry`);
    expect(await readFile(file, "utf8")).toBe(before);
  });

  it("'Add as a phrasing' writes the file, and the very next identical question is answered from that entry", async () => {
    const home = await openHome(curator);
    const group = home.findIndex((block) => block.text?.text.includes(`> ${missed}`));
    const phrasing = reviewButtons(home.slice(group)).find(({ element }) =>
      element.action_id?.startsWith("curate_phrasing"),
    );
    if (group < 0 || !phrasing) throw new Error("no phrasing button");
    const entryId = (JSON.parse(phrasing.element.value ?? "{}") as { e: string }).e;
    const after = await clickHome(curator, phrasing.element, phrasing.blockId);
    expect(textOf(after)).toContain(`✅ Added “${missed}” as a phrasing of \`${entryId}\``);
    const text = await readFile(join(ctx.knowledgeDir, "entries", `${entryId}.md`), "utf8");
    expect(text).toContain(`  - ${missed}\n`);
    const reply = await ask(missed);
    expect(metadataOf(reply)).toMatchObject({
      event_type: "kb_answer",
      event_payload: { entry_id: entryId },
    });
    expect(
      ctx.app.logs.some(
        (line) => line.includes("curator change") && line.includes(`user="${curator}"`),
      ),
    ).toBe(true);
    // Dealt with: the group left the review.
    expect((await kbReview()).groups.map((group) => group.questions[0])).not.toContain(missed);
  });

  it("'Save as answer draft' on a message opens a prefilled form and saving writes a draft entry", async () => {
    const from = mark();
    const message = {
      type: "message",
      user: "U0COLLEAGUE",
      ts: slackTs(),
      text: "Do agencies get a rebate on TikTok spend? Not by default: rebates are negotiated in the agency agreement, see <https://getadcredit.com/question/agency-rebates|this page>.",
    };
    const shortcut = messageShortcut({
      callbackId: "save_answer_draft",
      user: curator,
      responseUrl: ctx.webApi.responseUrl("shortcut-curator"),
      message,
    });
    expect((await sendInteraction(ctx.app.url, shortcut)).status).toBe(200);
    const opened = await waitFor("views.open", () =>
      ctx.webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    const view = opened.params.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id?: string; element?: { initial_value?: string } }[];
    };
    const initial = (id: string) =>
      view.blocks.find((block) => block.block_id === id)?.element?.initial_value;
    expect(initial("question")).toBe("Do agencies get a rebate on TikTok spend?");
    expect(initial("answer")).toContain("rebates are negotiated in the agency agreement");
    expect(initial("source_url")).toBe("https://getadcredit.com/question/agency-rebates");

    const submitted = viewSubmission(
      {
        question: "Do agencies get a rebate on TikTok spend?",
        answer: "Not by default: rebates are negotiated in the agency agreement.",
        alternates: "",
        source_url: "",
      },
      { callbackId: view.callback_id, privateMetadata: view.private_metadata, blocks: view.blocks },
    );
    const response = await sendInteraction(ctx.app.url, { ...submitted, user: as(curator) });
    expect(response.status).toBe(200);
    const file = join(ctx.knowledgeDir, "entries", "do-agencies-get-a-rebate-on-tiktok-spend.md");
    const told = await waitFor(
      "the curator told where the draft is",
      () =>
        ctx.webApi.calls
          .slice(from)
          .find((call) => call.method === "chat.postMessage" && call.params.channel === curator),
      150_000,
    );
    expect(String(told.params.text)).toContain("do-agencies-get-a-rebate-on-tiktok-spend.md");
    expect(String(told.params.text)).toContain("draft");
    const text = await readFile(file, "utf8");
    expect(text).toMatch(
      /^---\nid: do-agencies-get-a-rebate-on-tiktok-spend\nquestion: Do agencies get a rebate on TikTok spend\?\n/,
    );
    expect(text).not.toContain("sources:");
  });

  it("tells a non-curator privately that the shortcut is for curators, and opens nothing", async () => {
    const from = mark();
    const shortcut = messageShortcut({
      callbackId: "save_answer_draft",
      user: outsider,
      responseUrl: ctx.webApi.responseUrl("shortcut-outsider"),
      message: { type: "message", user: userId, ts: "1760100000.000100", text: "hello" },
    });
    expect((await sendInteraction(ctx.app.url, shortcut)).status).toBe(200);
    const posted = await waitFor("the private note", () =>
      ctx.webApi.responses.find((post) => post.id === "shortcut-outsider"),
    );
    expect(posted.body).toMatchObject({ response_type: "ephemeral" });
    expect(String(posted.body.text)).toMatch(/curators/);
    expect(ctx.webApi.calls.slice(from).filter((call) => call.method === "views.open")).toEqual([]);
  });

  it("a broken hand edit keeps the old base serving and is shown on the curator's App Home", async () => {
    const file = join(ctx.knowledgeDir, "entries", "joint-business-plan.md");
    const good = await readFile(file, "utf8");
    await writeFile(file, good.replace(/^question: /m, "question: [broken"));
    await waitFor("the refused reload", () => ctx.reloader.problems().length > 0, 150_000);
    const reply = await ask("what is a JBP?");
    expect(metadataOf(reply).event_payload).toMatchObject({ entry_id: "joint-business-plan" });
    const home = await openHome(curator);
    expect(textOf(home)).toContain("The last edit of the knowledge base was refused");
    expect(textOf(home)).toContain("joint-business-plan.md");
    await writeFile(file, good);
    await waitFor("the good reload", () => ctx.reloader.problems().length === 0, 150_000);
  });

  it("'New entry draft' opens the draft form prefilled with the missed wording", async () => {
    const wording = "can we get tiktok credit for a charity fundraiser campaign";
    expect(metadataOf(await ask(wording)).event_type).not.toBe("kb_answer");
    const home = await openHome(curator);
    const group = home.findIndex((block) => block.text?.text.includes(`> ${wording}`));
    const draft = reviewButtons(home.slice(group)).find(
      ({ element }) => element.action_id === "curate_draft",
    );
    if (group < 0 || !draft) throw new Error("no New entry draft button for the wording");
    const from = mark();
    const payload = homeBlockAction({
      actionId: draft.element.action_id ?? "",
      blockId: draft.blockId,
      value: draft.element.value ?? "",
      text: draft.element.text?.text ?? "",
    });
    expect((await sendInteraction(ctx.app.url, { ...payload, user: as(curator) })).status).toBe(
      200,
    );
    const opened = await waitFor("the draft form", () =>
      ctx.webApi.calls.slice(from).find((call) => call.method === "views.open"),
    );
    const view = opened.params.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe("modal");
    expect(JSON.stringify(view.blocks)).toContain(wording);
  });

  it("'Dismiss' takes a group of misses out of the review without touching any entry", async () => {
    const wording = "is the office kitchen getting restocked with tiktok credit snacks";
    expect(metadataOf(await ask(wording)).event_type).not.toBe("kb_answer");
    const home = await openHome(curator);
    const group = home.findIndex((block) => block.text?.text.includes(`> ${wording}`));
    const dismiss = reviewButtons(home.slice(group)).find(
      ({ element }) => element.action_id === "curate_dismiss",
    );
    if (group < 0 || !dismiss) throw new Error("no Dismiss button for the wording");
    const after = await clickHome(curator, dismiss.element, dismiss.blockId);
    expect(textOf(after)).toContain("Dismissed 1 missed question");
    expect(textOf(after)).not.toContain(`> ${wording}`);
    expect((await kbReview()).groups.map((found) => found.questions[0])).not.toContain(wording);
  });

  it("'forget me' removes the person's misses", async () => {
    await ask("what is the weather in paris");
    expect(
      (await kbReview()).groups.some((group) =>
        group.questions.includes("what is the weather in paris"),
      ),
    ).toBe(true);
    await ask("forget me");
    expect((await kbReview()).groups).toEqual([]);
  });
});
