import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Reply, Speaker, Suggestion } from "../core/reply.js";
import type { ConversationCore } from "../core/types.js";
import { renderPlain } from "../render/plain.js";

export interface TerminalOptions {
  core: ConversationCore;
  formatCheck: (reply: Reply & { kind: "credit_check" }) => string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Whether to show a prompt and a greeting (a person typing) or just answer each line (piped input). */
  interactive?: boolean;
}

const commandPattern = /^\/credit-check\b\s*/i;

/**
 * The numbered questions a reply lists, which the next line can pick by number; none while a
 * guided check waits (the reply says so), since a number then answers the check's question.
 */
function choicesOf(reply: Reply): Suggestion[] {
  switch (reply.kind) {
    case "answer":
      return reply.aside ? [] : reply.related;
    case "fallback":
      return reply.aside ? [] : reply.suggestions;
    case "clarify":
      return reply.aside ? [] : reply.choices;
    case "intro":
      return reply.examples;
    default:
      return [];
  }
}

/** Reads one message per line and prints the reply the Slack app would give, as plain text. */
export async function runTerminal(options: TerminalOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY);
  const speaker: Speaker = { teamId: "local", userId: safeUserName() };
  const write = (text: string) => output.write(`${text}\n`);
  const lines = createInterface({ input, output, terminal: interactive, crlfDelay: Infinity });

  if (interactive) {
    write("Credit Desk is running locally (no Slack tokens set). Ask about TikTok ad credits,");
    write("type /credit-check key=value … for an eligibility check, or Ctrl-D to quit.\n");
    lines.setPrompt("you> ");
    lines.prompt();
  }
  let choices: Suggestion[] = [];
  for await (const line of lines) {
    const text = line.trim();
    if (text !== "") {
      const context = { surface: "terminal" as const, now: new Date() };
      const number = /^\d+$/.test(text) ? Number(text) : undefined;
      const picked = number === undefined ? undefined : choices[number - 1];
      if (number !== undefined && !picked && choices.length > 0) {
        write(`Pick ${range(choices.length)}, or ask in your own words.\n`);
      } else {
        const reply = picked
          ? await options.core.answerEntry(speaker, picked.id, context)
          : commandPattern.test(text)
            ? await options.core.creditCheck(speaker, text.replace(commandPattern, ""), context)
            : await options.core.handle(speaker, text, context);
        // A nod ("ok", "thanks") leaves the list above it to pick from.
        const nod = reply.kind === "notice" && reply.event === "acknowledged";
        if (!nod) choices = choicesOf(reply);
        const hint =
          choices.length > 0 && !nod ? `\n(type ${range(choices.length)} to pick one)` : "";
        write(`${renderPlain(reply, options.formatCheck)}${hint}\n`);
      }
    }
    if (interactive) lines.prompt();
  }
}

const range = (count: number) => (count === 1 ? "1" : `1 to ${count}`);

function safeUserName(): string {
  try {
    return userInfo().username || "local-user";
  } catch {
    return "local-user";
  }
}
