import {
  type CheckResult,
  describeInput,
  type InputKey,
  inputFields,
  inputKeys,
  keyHint,
  type ProgramResult,
  type Verdict,
} from "../../rules/index.js";
import {
  context,
  divider,
  header,
  type KnownBlock,
  type SlackMessage,
  sections,
} from "./blocks.js";
import { limits, truncateMrkdwn } from "./limits.js";
import { escapeMrkdwn } from "./mrkdwn.js";
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

function programBlocks(program: ProgramResult): KnownBlock[] {
  const parts = [`*${escapeMrkdwn(program.name)}*  ${verdictLabel(program.verdict)}`];
  if (program.reasons.length > 0) parts.push(bullets(program.reasons));
  if (program.next_steps.length > 0) {
    parts.push(`*Next step:* ${escapeMrkdwn(program.next_steps.join(" "))}`);
  }
  const blocks: KnownBlock[] = sections(parts.join("\n"));
  if (program.sources.length > 0) blocks.push(context(sourceLines(program.sources)));
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
    divider(),
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

/** A `/credit-check` result: one section per program with its verdict, reasons and next step. */
export function renderCheckResult(result: CheckResult): SlackMessage {
  if (result.status === "invalid") return renderInvalid(result);
  const given = describeInput(result.input);
  const blocks: KnownBlock[] = [
    header("Credit check"),
    context([given ? `For: \`${escapeMrkdwn(given)}\`` : "For: (no details given)"]),
  ];
  for (const program of result.programs) {
    blocks.push(divider(), ...programBlocks(program));
  }
  blocks.push(...missingBlocks(result));
  const summary = result.programs
    .map((program) => `${program.name}: ${verdictLabels[program.verdict].word}`)
    .join("; ");
  return {
    text: truncateMrkdwn(`Credit check: ${escapeMrkdwn(summary)}`, limits.fallbackText),
    blocks: blocks.slice(0, limits.messageBlocks),
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
        "`spend` takes 25000, 25k, $25,000 or 1.2m; yes/no also take true/false and y/n.",
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
