import {
  type CheckResult,
  describeInput,
  type InputKey,
  inputFields,
  inputKeys,
  keyHint,
  type ProgramId,
  type ProgramResult,
  type Verdict,
} from "../../rules/index.js";
import { checkViewValues } from "../check-button.js";
import { actionIds, blockIds } from "../ids.js";
import {
  actions,
  button,
  capBlocks,
  context,
  header,
  type KnownBlock,
  type SlackMessage,
  sections,
} from "./blocks.js";
import { limits, truncateMrkdwn } from "./limits.js";
import { escapeMrkdwn, markdownToMrkdwn } from "./mrkdwn.js";
import { sourceLines } from "./sources.js";

/** Emoji and word, so a verdict reads at a glance and still makes sense without the emoji. */
export const verdictLabels: Record<Verdict, { emoji: string; word: string }> = {
  eligible: { emoji: ":white_check_mark:", word: "Eligible" },
  likely: { emoji: ":large_green_circle:", word: "Likely" },
  possible: { emoji: ":large_yellow_circle:", word: "Possible" },
  unlikely: { emoji: ":large_orange_circle:", word: "Unlikely" },
  not_eligible: { emoji: ":no_entry:", word: "Not eligible" },
  needs_info: { emoji: ":grey_question:", word: "Needs info" },
};

export const verdictLabel = (verdict: Verdict) =>
  `${verdictLabels[verdict].emoji} *${verdictLabels[verdict].word}*`;

const exampleCheck = "/credit-check advertiser=direct months=8 spend=25k payments=good";

const bullets = (lines: string[]) => lines.map((line) => `• ${escapeMrkdwn(line)}`).join("\n");

/** A program's line of the verdict table, as the terminal prints it: its name, then the verdict. */
const verdictLine = (program: ProgramResult) =>
  `*${escapeMrkdwn(program.name)}*  ${verdictLabel(program.verdict)}`;

/**
 * A program's row: its verdict line with a Why button, or, when open, its reasons, next step and
 * sources under the line and a Hide button.
 */
function programBlocks(
  program: ProgramResult,
  index: number,
  open: boolean,
  buttonValue: (program?: ProgramId) => string,
): KnownBlock[] {
  let text = verdictLine(program);
  if (open && program.reasons.length > 0) text += `\n${bullets(program.reasons)}`;
  if (open && program.next_steps.length > 0) {
    text += `\n*Next step:* ${escapeMrkdwn(program.next_steps.join(" "))}`;
  }
  const blocks: KnownBlock[] = sections(text);
  const first = blocks[0];
  if (first?.type === "section") {
    first.accessory = button(
      open ? "Hide" : "Why?",
      `${actionIds.checkWhy}:${index}`,
      buttonValue(open ? undefined : program.id),
    );
  }
  if (open && program.sources.length > 0) blocks.push(context(sourceLines(program.sources)));
  return blocks;
}

/** The exact `key=value` to add for each missing key, and a complete command to copy. */
function missingBlocks(result: CheckResult): KnownBlock[] {
  if (result.missing.length === 0) return [];
  const given = describeInput(result.input);
  const example = [
    "/credit-check",
    given,
    ...result.missing.map((key: InputKey) => inputFields[key].example),
  ]
    .filter(Boolean)
    .join(" ");
  return [
    ...sections(
      `:memo: To settle the *${verdictLabels.needs_info.word}* verdicts, add: ${result.missing
        .map((key) => `\`${escapeMrkdwn(keyHint(key))}\``)
        .join("  ")}\nFor example: \`${escapeMrkdwn(example)}\``,
    ),
  ];
}

function shortUsage(): string {
  return [
    `Write each detail as \`key=value\`, for example \`${exampleCheck}\``,
    `Keys: ${inputKeys.map((key) => `\`${key}\``).join(", ")}.`,
    "Type `/credit-check help` to see what each key takes, or `/credit-check` alone for a form.",
  ].join("\n");
}

/**
 * The problems quote what the person typed, so they are escaped in the notification text as in
 * the blocks, and Slack takes the blocks verbatim (no typed URL or @mention comes alive).
 */
function renderInvalid(result: CheckResult): SlackMessage {
  const count = result.errors.length === 1 ? "1 problem" : `${result.errors.length} problems`;
  const problems = bullets(result.errors.map((error) => error.message));
  return {
    text: truncateMrkdwn(
      `The credit check could not run: the input has ${count}. ${escapeMrkdwn(
        result.errors.map((error) => error.message).join(" "),
      )}`,
      limits.fallbackText,
    ),
    blocks: [
      ...sections(
        `:warning: The credit check could not run: the input has ${count}.\n${problems}`,
        {
          verbatim: true,
        },
      ),
      ...sections(shortUsage()),
    ],
    metadata: {
      event_type: "credit_check_result",
      event_payload: { status: "invalid", problems: result.errors.length },
    },
  };
}

const summaryText = (result: CheckResult) =>
  truncateMrkdwn(
    `Credit check: ${escapeMrkdwn(
      result.programs
        .map((program) => `${program.name}: ${verdictLabels[program.verdict].word}`)
        .join("; "),
    )}`,
    limits.fallbackText,
  );

/**
 * A `/credit-check` result, led by the verdict table: one row per program with a Why button that
 * opens that program's reasons (`open`), then what to add for the Needs info verdicts, and a
 * button that shares the verdicts in the channel.
 */
export function renderCheckResult(
  result: CheckResult,
  open?: ProgramId,
  lead?: string,
): SlackMessage {
  if (result.status === "invalid") return renderInvalid(result);
  const given = describeInput(result.input);
  const buttonValue = checkViewValues(given);
  const body: KnownBlock[] = [
    ...(lead ? sections(markdownToMrkdwn(lead)) : []),
    context([
      given
        ? `Credit check for: \`${escapeMrkdwn(given)}\``
        : "Credit check for: (no details given)",
    ]),
    ...result.programs.flatMap((program, index) =>
      programBlocks(program, index, program.id === open, buttonValue),
    ),
    ...missingBlocks(result),
  ];
  const share = actions(blockIds.checkShare, [
    button("Share in channel", actionIds.checkShare, buttonValue()),
  ]);
  return {
    text: summaryText(result),
    blocks: [...capBlocks(body, limits.messageBlocks - 1), share],
    metadata: {
      event_type: "credit_check_result",
      event_payload: {
        status: "ok",
        verdicts: Object.fromEntries(
          result.programs.map((program) => [program.id, program.verdict]),
        ),
        missing: result.missing,
      },
    },
  };
}

/**
 * The verdicts shared in the channel: who shared them and one line per program, without the
 * details they were given (a client's figures stay with the person who ran the check).
 */
export function renderSharedCheck(result: CheckResult, userId: string): SlackMessage {
  const who = /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : "Someone";
  return {
    text: summaryText(result),
    blocks: [
      ...sections(
        [`${who} shared a credit check:`, ...result.programs.map(verdictLine)].join("\n"),
      ),
      context([
        "These verdicts read the published criteria; TikTok decides every program. " +
          "`/credit-check` runs your own.",
      ]),
    ],
    metadata: {
      event_type: "credit_check_shared",
      event_payload: {
        verdicts: Object.fromEntries(
          result.programs.map((program) => [program.id, program.verdict]),
        ),
      },
    },
  };
}

function valuesOf(key: InputKey): string {
  const field = inputFields[key];
  return "options" in field ? field.options.join(" | ") : `<${field.placeholder}>`;
}

/**
 * `/credit-check help`: what it does, every key with its values, and examples to copy. `text` is
 * the core's plain-text usage, the notification text here, escaped (it writes `<whole number>`).
 */
export function renderCheckUsage(text: string): SlackMessage {
  const keys = inputKeys.map((key) => {
    const field = inputFields[key];
    const leftOut = field.whenLeftOut ? ` (left out: ${field.whenLeftOut})` : "";
    return `• \`${key}\` ${escapeMrkdwn(valuesOf(key))}: ${escapeMrkdwn(field.meaning + leftOut)}`;
  });
  const examples = [
    exampleCheck,
    "/credit-check advertiser=agency partner=yes months=3 spend=$4,000 payments=good growth=yes",
    "/credit-check prior_ads=no",
  ];
  return {
    text: truncateMrkdwn(escapeMrkdwn(text), limits.fallbackText),
    blocks: [
      header("How to use /credit-check"),
      ...sections(
        "Tells you, program by program, whether a client's ad account is likely to qualify for TikTok " +
          "ad credit and billing programs, why, and what to do next.",
      ),
      ...sections(
        "*Usage:* `/credit-check key=value …` (any order; keys and values are not case-sensitive)\n" +
          keys.join("\n"),
      ),
      ...sections(
        "`spend` takes 25000, 25k, $25,000, 25k usd or 1.2m (US dollars); yes/no also take true/false and y/n.",
      ),
      ...sections(`*Examples*\n\`\`\`${escapeMrkdwn(examples.join("\n"))}\`\`\``),
      context([
        "`/credit-check` alone opens a form",
        "`/credit-check forget` deletes everything I stored about you",
      ]),
    ],
    metadata: { event_type: "check_help", event_payload: { notice: "check_help" } },
  };
}
