import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Reply, Speaker } from "../core/reply.js";
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
  for await (const line of lines) {
    const text = line.trim();
    if (text !== "") {
      const context = { surface: "terminal" as const, now: new Date() };
      const reply = commandPattern.test(text)
        ? await options.core.creditCheck(speaker, text.replace(commandPattern, ""), context)
        : await options.core.handle(speaker, text, context);
      write(`${renderPlain(reply, options.formatCheck)}\n`);
    }
    if (interactive) lines.prompt();
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || "local-user";
  } catch {
    return "local-user";
  }
}
