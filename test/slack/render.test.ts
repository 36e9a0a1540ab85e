import type { types } from "@slack/bolt";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { AnswerReply, ClarifyReply, Reply, Suggestion } from "../../src/core/reply.js";
import {
  checkText,
  creditCheckUsage,
  inputKeys,
  keyHint,
  loadRules,
  type Rules,
} from "../../src/rules/index.js";
import { decodeCheckAnswer } from "../../src/slack/check-button.js";
import { renderCheckResult, renderCheckUsage } from "../../src/slack/render/credit-check.js";
import {
  alternatesPartOf,
  alternatesParts,
  editModal,
} from "../../src/slack/render/entry-modal.js";
import { homeView } from "../../src/slack/render/home.js";
import { splitText, truncate, truncateMrkdwn } from "../../src/slack/render/limits.js";
import { creditCheckModal } from "../../src/slack/render/modal.js";
import { markdownToMrkdwn } from "../../src/slack/render/mrkdwn.js";
import { renderReply } from "../../src/slack/render/reply.js";
import { blockKitProblems, blocksText } from "./support/block-kit.js";

const suggestion = (n: number, question = `Question number ${n}?`): Suggestion => ({
  id: `entry-${n}`,
  question,
});

const answer = (overrides: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: "answer",
  entryId: "joint-business-plan",
  question: "What is a Joint Business Plan (JBP) on TikTok?",
  text: "**A JBP is a formal agreement.** See [TikTok](https://ads.tiktok.com/help/a?x=1&y=2).",
  sources: [
    {
      url: "https://getadcredit.com/question/custom-deals/",
      publisher: "GetAdCredit",
      kind: "third_party",
      date: "2026-06-18",
    },
  ],
  confidence: 0.82,
  related: [suggestion(1), suggestion(2)],
  ...overrides,
});

const clarify = (overrides: Partial<ClarifyReply> = {}): ClarifyReply => ({
  kind: "clarify",
  text: "Did you mean?",
  choices: [suggestion(1), suggestion(2)],
  confidence: 0.68,
  considered: [],
  ...overrides,
});

type AnyBlock = {
  type: string;
  block_id?: string;
  elements?: { action_id?: string; value?: string; text?: { text: string } }[];
};
const blocksOf = (reply: Reply) => renderReply(reply).blocks as AnyBlock[];
const actionBlock = (reply: Reply, blockId: string) =>
  blocksOf(reply).find((block) => block.type === "actions" && block.block_id === blockId);

describe("Markdown to Slack mrkdwn", () => {
  it.each([
    ["**bold**", "*bold*"],
    ["__bold__", "*bold*"],
    ["*italic* and _italic_", "_italic_ and _italic_"],
    ["~~gone~~", "~gone~"],
    [
      "[GetAdCredit](https://getadcredit.com/q/?a=1&b=2)",
      "<https://getadcredit.com/q/?a=1&amp;b=2|GetAdCredit>",
    ],
    [
      "see <https://ads.tiktok.com/help>",
      "see <https://ads.tiktok.com/help|https://ads.tiktok.com/help>",
    ],
    ["**read [the page](https://x.test/p)**", "*read <https://x.test/p|the page>*"],
    ["[click](javascript:alert(1))", "click"],
    ["spend < 10k & rising > 5%", "spend &lt; 10k &amp; rising &gt; 5%"],
    ["keys like prior_ads and payment_history", "keys like prior_ads and payment_history"],
    ["`**not bold**` stays code", "`**not bold**` stays code"],
    ["# A heading", "*A heading*"],
    ["> quoted", "&gt; quoted"],
  ])("%s", (markdown, mrkdwn) => {
    expect(markdownToMrkdwn(markdown)).toBe(mrkdwn);
  });

  it("turns list markers into bullets, nested ones indented", () => {
    expect(markdownToMrkdwn("Steps:\n- one\n* two\n  - nested\n+ three\n1. first")).toBe(
      "Steps:\n• one\n• two\n    ◦ nested\n• three\n1. first",
    );
  });

  it("joins lines wrapped inside a paragraph or a list item, and keeps paragraph breaks", () => {
    const markdown =
      "A paragraph wrapped\nat eighty columns.\n\n- an item wrapped\n  onto two lines\n- next";
    expect(markdownToMrkdwn(markdown)).toBe(
      "A paragraph wrapped at eighty columns.\n\n• an item wrapped onto two lines\n• next",
    );
  });

  it("keeps fenced code as it is, escaped", () => {
    expect(markdownToMrkdwn("```yaml\nspend: <25k>\n**x**\n```")).toBe(
      "```\nspend: &lt;25k&gt;\n**x**\n```",
    );
  });

  it("never leaves a raw < outside a link, whatever the input", () => {
    fc.assert(
      fc.property(fc.string(), (markdown) => {
        expect(
          blockKitProblems([
            { type: "section", text: { type: "mrkdwn", text: `x${markdownToMrkdwn(markdown)}` } },
          ]),
        ).toEqual(expect.not.arrayContaining([expect.stringContaining("unescaped")]));
      }),
    );
  });
});

describe("limits", () => {
  it("truncates to the limit with an ellipsis, without splitting an emoji", () => {
    const cut = truncate(`${"a".repeat(73)}👍👍👍`, 75);
    expect(Array.from(cut)).toHaveLength(75);
    expect(cut).toBe(`${"a".repeat(73)}👍…`);
    expect(truncate("short", 75)).toBe("short");
  });

  it("splits long text at paragraph breaks into pieces within the limit", () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} ${"word ".repeat(30)}`).join(
      "\n\n",
    );
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toBe(text.replace(/\s+/g, " ").trim());
  });

  /** What a piece must be to render: no half link, no half entity, every code fence closed. */
  function pieceProblems(piece: string, max: number): string[] {
    const problems: string[] = [];
    if (Array.from(piece).length > max) problems.push(`${Array.from(piece).length} > ${max}`);
    if (!/^(?:[^<>]|<[^<>]*>)*$/.test(piece)) problems.push("a link cut in two");
    if (/&(?!amp;|lt;|gt;)/.test(piece) || /^[a-z]{1,3};/.test(piece)) {
      problems.push("an entity cut in two");
    }
    if ((piece.match(/```/g) ?? []).length % 2 !== 0) problems.push("an unclosed code fence");
    return problems;
  }

  const link = (n: number) => `<https://example.com/page-${n}?a=1&amp;b=2|the page number ${n}>`;

  it("never cuts a 3,000+ character text inside a link, an entity or a code fence", () => {
    const code = Array.from(
      { length: 60 },
      (_, i) => `spend=&lt;25k&gt; &amp; months=${i} ${"x".repeat(40)}`,
    );
    const text = [
      // One paragraph whose last space before 3,000 characters is inside a link's label.
      `${"word ".repeat(590)}${link(1)} and more words after it ${"word ".repeat(20)}`,
      // A run without spaces whose 3,000th character falls inside an entity.
      `${"a".repeat(2998)}&amp;&amp;${"b".repeat(200)}`,
      // A code block longer than a section, so it has to continue in the next one.
      `\`\`\`\n${code.join("\n")}\n\`\`\``,
      `Read ${link(2)} and ${link(3)}.`,
    ].join("\n\n");
    expect(text.length).toBeGreaterThan(9000);
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.flatMap((piece) => pieceProblems(piece, 3000))).toEqual([]);
    const all = pieces.join("\n");
    for (const n of [1, 2, 3]) expect(all).toContain(link(n));
    for (const line of code) expect(all).toContain(line);
    // Nothing is lost or added but the fence closed at the end of one piece and opened in the next.
    const bare = (mrkdwn: string) => mrkdwn.replace(/```|\s+/g, "");
    expect(bare(all)).toBe(bare(text));
  });

  it("prefers a paragraph break, then a line break, then a space", () => {
    const paragraph = `${"one ".repeat(300)}\n${"two ".repeat(300)}`;
    expect(splitText(`${paragraph}\n\n${"three ".repeat(100)}`, 3000)).toEqual([
      paragraph.trim(),
      "three ".repeat(100).trim(),
    ]);
    expect(splitText(`${"one ".repeat(600)}\n${"two ".repeat(300)}`, 3000)).toEqual([
      "one ".repeat(600).trim(),
      "two ".repeat(300).trim(),
    ]);
  });

  it("keeps every piece whole for any mix of words, links, entities and code", () => {
    const token = fc.oneof(
      fc.constantFrom("word", "a", "&amp;", "&lt;", "&gt;", " ", "\n", "\n\n", "```", "👍"),
      fc.integer({ min: 0, max: 99 }).map((n) => `<https://x.test/${n}|label ${n}>`),
      fc.stringMatching(/^[a-z]{1,12}$/),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 400 }), (tokens) => {
        let text = tokens.join("");
        if ((text.match(/```/g) ?? []).length % 2 !== 0) text += "```";
        for (const piece of splitText(text, 120)) expect(pieceProblems(piece, 120)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("truncates mrkdwn without leaving half a link or entity at the end", () => {
    expect(truncateMrkdwn(`${"a".repeat(10)}${link(1)}`, 20)).toBe(`${"a".repeat(10)}…`);
    expect(truncateMrkdwn(`${"a".repeat(17)}&amp;b`, 20)).toBe(`${"a".repeat(17)}…`);
    expect(truncateMrkdwn("short &amp; whole", 20)).toBe("short &amp; whole");
  });
});

describe("answer", () => {
  it("has the answer in mrkdwn, a source line with kind and date, related and feedback buttons", () => {
    const message = renderReply(answer());
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const text = blocksText(message.blocks);
    expect(text).toContain("*A JBP is a formal agreement.*");
    expect(text).toContain("<https://ads.tiktok.com/help/a?x=1&amp;y=2|TikTok>");
    expect(text).toContain(
      "Source: <https://getadcredit.com/question/custom-deals/|GetAdCredit> · third party · 2026-06-18",
    );
    expect(actionBlock(answer(), "related")?.elements?.map((element) => element.value)).toEqual([
      "entry-1",
      "entry-2",
    ]);
    expect(
      actionBlock(answer(), "feedback")?.elements?.map((element) => element.action_id),
    ).toEqual(["feedback:up", "feedback:down"]);
    expect(message.text).toContain("A JBP is a formal agreement.");
    expect(message.metadata).toEqual({
      event_type: "kb_answer",
      event_payload: { entry_id: "joint-business-plan", confidence: 0.82 },
    });
  });

  it("shows at most 3 related buttons, each label within 75 characters", () => {
    const reply = answer({
      related: [1, 2, 3, 4, 5].map((n) =>
        suggestion(n, `${"A very long related question ".repeat(5)}${n}?`),
      ),
    });
    const related = actionBlock(reply, "related")?.elements ?? [];
    expect(related).toHaveLength(3);
    for (const element of related)
      expect(Array.from(element.text?.text ?? "").length).toBeLessThanOrEqual(75);
    expect(blockKitProblems(renderReply(reply).blocks)).toEqual([]);
  });

  it("has no related block when there are none, and lists every source", () => {
    const reply = answer({
      related: [],
      sources: [
        { url: "https://a.test/1", publisher: "TikTok Business Help Center", kind: "official" },
        {
          url: "https://b.test/2",
          publisher: "GetAdCredit",
          kind: "third_party",
          date: "2026-05-14",
        },
      ],
    });
    expect(actionBlock(reply, "related")).toBeUndefined();
    const text = blocksText(renderReply(reply).blocks);
    expect(text).toContain("Sources: <https://a.test/1|TikTok Business Help Center> · official");
    expect(text).toContain("<https://b.test/2|GetAdCredit> · third party · 2026-05-14");
  });

  it("splits a very long answer into sections of at most 3,000 characters and keeps the buttons", () => {
    const long = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i}: ${"credit ".repeat(60)}`,
    ).join("\n\n");
    const message = renderReply(answer({ text: long }));
    expect(blockKitProblems(message.blocks)).toEqual([]);
    expect(message.blocks.filter((block) => block.type === "section").length).toBeGreaterThan(1);
    expect(message.blocks.at(-1)).toMatchObject({ type: "actions", block_id: "feedback" });
    expect(Array.from(message.text).length).toBeLessThanOrEqual(3000);
  });

  it("stays valid Block Kit for any text, question and related titles", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8000 }),
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.array(fc.string({ minLength: 1, maxLength: 200 }), { maxLength: 8 }),
        (text, question, related) => {
          const reply = answer({
            text,
            question,
            related: related.map((q, i) => suggestion(i, q)),
          });
          expect(blockKitProblems(renderReply(reply).blocks)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("other replies", () => {
  const five = [1, 2, 3, 4, 5].map((n) => suggestion(n));

  it("a fallback says there is no answer yet and offers at most 3 suggestions", () => {
    const reply: Reply = {
      kind: "fallback",
      text: "I don't have an answer for that yet.",
      suggestions: five,
      confidence: 0.31,
      considered: [],
    };
    const message = renderReply(reply);
    expect(blockKitProblems(message.blocks)).toEqual([]);
    expect(message.text).toBe("I don't have an answer for that yet.");
    expect(actionBlock(reply, "suggestions")?.elements?.map((element) => element.value)).toEqual([
      "entry-1",
      "entry-2",
      "entry-3",
    ]);
    expect(message.metadata).toEqual({
      event_type: "kb_fallback",
      event_payload: { suggestions: ["entry-1", "entry-2", "entry-3"], confidence: 0.31 },
    });
  });

  it("clarify, intro and notices carry their own event types", () => {
    const clarified = renderReply(clarify());
    expect(clarified.metadata).toEqual({
      event_type: "kb_clarify",
      event_payload: { choices: ["entry-1", "entry-2"], confidence: 0.68 },
    });
    const intro = renderReply({ kind: "intro", text: "Hi! I'm Credit Desk.", examples: five });
    expect(intro.metadata.event_type).toBe("greeting");
    expect(intro.blocks.find((block) => block.type === "actions")).toBeDefined();
    const notice = renderReply({ kind: "notice", event: "forgotten", text: "Done: deleted." });
    expect(notice).toMatchObject({ text: "Done: deleted.", metadata: { event_type: "forgotten" } });
    for (const message of [clarified, intro, notice])
      expect(blockKitProblems(message.blocks)).toEqual([]);
  });

  it("notices carry their event as the metadata type, acknowledged, no_check, too_long, nothing_to_pick and flagged included", () => {
    for (const event of [
      "acknowledged",
      "no_check",
      "too_long",
      "nothing_to_pick",
      "flagged",
    ] as const) {
      const message = renderReply({ kind: "notice", event, text: "Some **notice**." });
      expect(message.metadata).toEqual({ event_type: event, event_payload: { notice: event } });
      expect(blocksText(message.blocks)).toContain("Some *notice*.");
      expect(blockKitProblems(message.blocks)).toEqual([]);
    }
  });

  it("an answer's aside is a context line under the sources", () => {
    const message = renderReply(
      answer({ aside: "Your credit check is still open: say **cancel** to stop it." }),
    );
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const contexts = message.blocks.filter((block) => block.type === "context");
    expect(blocksText(contexts.slice(1, 2))).toBe(
      "Your credit check is still open: say *cancel* to stop it.",
    );
    expect(renderReply(answer()).blocks.filter((block) => block.type === "context")).toHaveLength(
      1,
    );
  });

  it("a Did you mean's aside is a context line under its buttons", () => {
    const message = renderReply(
      clarify({
        aside:
          "Your credit check is still open, waiting on: How many months? Say **cancel** to stop it.",
      }),
    );
    expect(blockKitProblems(message.blocks)).toEqual([]);
    expect(message.blocks.map((block) => block.type)).toEqual(["section", "actions", "context"]);
    expect(blocksText(message.blocks.slice(2))).toBe(
      "Your credit check is still open, waiting on: How many months? Say *cancel* to stop it.",
    );
  });

  const prompt = (text: string): Reply => ({
    kind: "check_prompt",
    checkId: "2026-11-25T09:30:00.000Z",
    key: "payments",
    text,
    options: [
      { value: "good", label: "On time" },
      { value: "late", label: "Sometimes late" },
      { value: "none", label: "No history yet" },
    ],
  });

  it("a guided-check question has a button per option, plus skip and cancel, each naming the check and question", () => {
    const reply = prompt("How has the client paid so far?");
    const message = renderReply(reply);
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const elements = actionBlock(reply, "check_options")?.elements ?? [];
    expect(elements.map((element) => element.text?.text)).toEqual([
      "On time",
      "Sometimes late",
      "No history yet",
      "Skip",
      "Cancel",
    ]);
    expect(elements.map((element) => decodeCheckAnswer(element.value))).toEqual(
      ["good", "late", "none", "skip", "cancel"].map((value) => ({
        checkId: "2026-11-25T09:30:00.000Z",
        key: "payments",
        value,
      })),
    );
    for (const element of elements) expect(element.value?.length).toBeLessThanOrEqual(2000);
    expect(message.metadata).toEqual({
      event_type: "check_prompt",
      event_payload: { key: "payments" },
    });
  });

  it("reads back only a well-formed answer button value", () => {
    expect(decodeCheckAnswer('["2026-11-25T09:30:00.000Z","months","skip"]')).toEqual({
      checkId: "2026-11-25T09:30:00.000Z",
      key: "months",
      value: "skip",
    });
    for (const value of [
      undefined,
      "agency",
      "{}",
      '["c","months"]',
      '["c","Months!","skip"]',
      '["c","months",""]',
      `["c","months","${"x".repeat(101)}"]`,
      '["c","months","skip","extra"]',
    ]) {
      expect(decodeCheckAnswer(value), String(value)).toBeUndefined();
    }
  });

  it("makes nothing the person typed into a live link or mention when a question quotes it", () => {
    const reply = prompt(
      '"[click here](https://evil.example)" is not a whole number. Neither is "<!channel>" or ' +
        '"<https://evil.example>". You can also say **skip** or **cancel**.\n\nHow many months?',
    );
    const message = renderReply(reply);
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const text = blocksText(message.blocks);
    expect(text).not.toMatch(/<https?:|<!/);
    expect(text).toContain("[click here](https://evil.example)");
    expect(text).toContain('"&lt;!channel&gt;"');
    expect(text).toContain("say *skip* or *cancel*");
    expect(message.text).not.toMatch(/<https?:|<!/);
    const section = message.blocks.find((block) => block.type === "section");
    expect(section).toMatchObject({ text: { type: "mrkdwn", verbatim: true } });
  });
});

describe("credit check", () => {
  let rules: Rules;
  beforeAll(async () => {
    rules = await loadRules("knowledge");
  });

  it("leads with one line per program, an emoji and word verdict, each with a Why button", () => {
    const result = checkText(
      "advertiser=agency months=8 spend=40k payments=good partner=yes",
      rules,
    );
    const message = renderCheckResult(result);
    expect(blockKitProblems(message.blocks)).toEqual([]);
    expect(message.blocks[0]?.type).toBe("context");
    const rows = message.blocks.slice(1, 1 + result.programs.length);
    expect(rows.map((row) => (row.type === "section" ? row.text?.text : row.type))).toEqual(
      result.programs.map((program) =>
        expect.stringMatching(
          new RegExp(
            `^\\*${program.name.replace(/[()]/g, "\\$&")}\\*  :[a-z_]+: \\*(Eligible|Likely|Possible|Unlikely|Not eligible|Needs info)\\*$`,
          ),
        ),
      ),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ accessory: { type: "button", text: { text: "Why?" } } });
    }
    expect(blocksText(message.blocks)).not.toContain("*Next step:*");
    expect(message.blocks.at(-1)).toMatchObject({ type: "actions", block_id: "check_share" });
    expect(message.text).toMatch(/^Credit check: /);
    expect(message.metadata).toMatchObject({
      event_type: "credit_check_result",
      event_payload: { status: "ok", verdicts: { agency_credit: "likely" } },
    });
  });

  it("shows how to check a client under an answer, as a context line before the buttons", () => {
    const checkTip =
      "To check this client program by program: `/credit-check spend=80000 advertiser=direct`";
    const blocks = blocksOf(answer({ checkTip }));
    expect(blockKitProblems(blocks)).toEqual([]);
    const tip = blocks.findIndex(
      (block) => block.type === "context" && JSON.stringify(block).includes("/credit-check"),
    );
    expect(tip).toBeGreaterThan(0);
    expect(blocks.findIndex((block) => block.type === "actions")).toBeGreaterThan(tip);
  });

  it("says first what a check run again changed, in Slack's bold", () => {
    const result = checkText("advertiser=agency months=8 spend=25k payments=good", rules);
    const lead = "Again with **Through an agency** (was Directly), everything else as before:";
    const message = renderReply({ kind: "credit_check", result, lead });
    expect(blockKitProblems(message.blocks)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({
      type: "section",
      text: { text: "Again with *Through an agency* (was Directly), everything else as before:" },
    });
    expect(message.blocks[1]?.type).toBe("context");
  });

  it("opens one program's reasons, next step and sources under its line, with a Hide button", () => {
    const result = checkText("advertiser=direct months=0 spend=0", rules);
    const message = renderCheckResult(result, "credit_line");
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const open = message.blocks.find(
      (block) => block.type === "section" && block.text?.text.startsWith("*Credit Line"),
    );
    expect(open).toMatchObject({ accessory: { text: { text: "Hide" } } });
    const text = blocksText([open]);
    expect(text).toContain("• ");
    expect(text).toContain("*Next step:*");
    const hidden = message.blocks.filter(
      (block) => block.type === "section" && block.accessory?.type === "button",
    );
    expect(hidden.filter((block) => blocksText([block]).includes("Why?"))).toHaveLength(
      result.programs.length - 1,
    );
  });

  it("labels each program's sources, once open: publisher, official or third party, and date", () => {
    const result = checkText("advertiser=direct months=8 spend=25k payments=good", rules);
    for (const program of result.programs) {
      const contexts = renderCheckResult(result, program.id).blocks.filter(
        (block) => block.type === "context",
      );
      const line = contexts
        .map((block) => blocksText([block]))
        .find((text) => program.sources.every((source) => text.includes(source.url)));
      expect(line, program.id).toBeDefined();
      for (const source of rules.programs[program.id].sources) {
        const kind = source.kind === "official" ? "official" : "third party";
        expect(line).toContain(
          `<${source.url}|${source.publisher}> · ${kind} · ${source.date ?? "undated"}`,
        );
      }
    }
  });

  it("names each missing key with the exact key=value to add", () => {
    const result = checkText("advertiser=direct", rules);
    expect(result.missing.length).toBeGreaterThan(0);
    const text = blocksText(renderCheckResult(result).blocks);
    for (const key of result.missing)
      expect(text).toContain(`\`${keyHint(key).replace(/</g, "&lt;").replace(/>/g, "&gt;")}\``);
    expect(text).toContain("/credit-check advertiser=direct");
  });

  it("lists every problem of invalid input with the usage, and no verdicts", () => {
    const result = checkText("months=-3 colour=blue", rules);
    const message = renderCheckResult(result);
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const text = blocksText(message.blocks);
    expect(text).toContain("could not run: the input has 2 problems");
    for (const error of result.errors) expect(text).toContain(error.message.replace(/&/g, "&amp;"));
    expect(text).toContain("/credit-check help");
    expect(message.metadata.event_payload).toMatchObject({ status: "invalid", problems: 2 });
  });

  it("escapes what the person typed in the notification text too, and keeps the blocks verbatim", () => {
    const message = renderCheckResult(
      checkText("months=<!channel>& colour=<https://evil.example>", rules),
    );
    expect(message.text).toContain("&lt;!channel&gt;&amp;");
    expect(message.text).not.toMatch(/<!|<https?:|&(?!amp;|lt;|gt;)/);
    for (const block of message.blocks.filter((block) => block.type === "section").slice(0, 1)) {
      expect(block).toMatchObject({ text: { verbatim: true } });
    }
    expect(blockKitProblems(message.blocks)).toEqual([]);
  });

  it("escapes the help's notification text, which writes <whole number>", () => {
    const message = renderCheckUsage(creditCheckUsage);
    expect(creditCheckUsage).toContain("<whole number>");
    expect(message.text).toContain("&lt;whole number&gt;");
    expect(message.text).not.toContain("<");
  });

  it("help lists every key with examples", () => {
    const message = renderCheckUsage("usage text");
    expect(blockKitProblems(message.blocks)).toEqual([]);
    const text = blocksText(message.blocks);
    for (const key of inputKeys) expect(text).toContain(`\`${key}\``);
    expect(text).toContain("/credit-check advertiser=direct months=8 spend=25k payments=good");
    expect(message.text).toBe("usage text");
  });
});

describe("views", () => {
  it("the form has an optional field per key: selects for choices, text inputs for months and spend", () => {
    const view = creditCheckModal('{"channel":"C1"}');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.private_metadata).toBe('{"channel":"C1"}');
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const inputs = view.blocks.filter((block): block is types.InputBlock => block.type === "input");
    expect(inputs.map((block) => block.block_id)).toEqual([...inputKeys]);
    const elementType = (key: string) =>
      inputs.find((block) => block.block_id === key)?.element.type;
    expect(elementType("months")).toBe("plain_text_input");
    expect(elementType("spend")).toBe("plain_text_input");
    for (const key of [
      "advertiser",
      "payments",
      "standing",
      "prior_ads",
      "partner",
      "growth",
      "continuous",
    ]) {
      expect(elementType(key)).toBe("static_select");
    }
    for (const block of inputs) expect(block).toMatchObject({ optional: true });
  });

  it("the edit form keeps every phrasing of a long list, in as many inputs as Slack's limit needs", () => {
    const alternates = Array.from(
      { length: 120 },
      (_, i) => `how does credit expiry work for client number ${i} on a managed account`,
    );
    const view = editModal(
      { id: "credit-expiry", question: "When does credit expire?", alternates, answer: "90 days." },
      "{}",
    );
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const parts = view.blocks.filter(
      (block): block is types.InputBlock =>
        block.type === "input" && String(block.block_id).startsWith("alternates"),
    );
    expect(parts.map((block) => block.block_id)).toEqual([
      "alternates",
      "alternates_2",
      "alternates_3",
    ]);
    const values = parts.map((block) =>
      block.element.type === "plain_text_input" ? (block.element.initial_value ?? "") : "",
    );
    for (const value of values) expect(value.length).toBeLessThanOrEqual(3000);
    expect(values.join("\n").split("\n")).toEqual(alternates);
    expect(alternatesParts([])).toEqual([""]);
    // Saving puts the parts back in the order the form shows them, whatever order Slack sends.
    expect(parts.map((block) => alternatesPartOf(block.block_id ?? ""))).toEqual([0, 1, 2]);
    expect(alternatesPartOf("alternates_10")).toBe(9);
    expect(alternatesPartOf("answer")).toBeUndefined();
  });

  it("App Home explains what it answers, offers popular questions, /credit-check and the sources", () => {
    const view = homeView([1, 2, 3, 4, 5, 6].map((n) => suggestion(n)));
    expect(view.type).toBe("home");
    expect(blockKitProblems(view.blocks, 100)).toEqual([]);
    const popular = view.blocks.find((block) => block.type === "actions");
    expect(popular && "elements" in popular ? popular.elements : []).toHaveLength(5);
    const text = blocksText(view.blocks);
    expect(text).toContain("TikTok ad credits");
    expect(text).toContain("/credit-check");
    expect(text).toContain("Where the answers come from");
  });
});
