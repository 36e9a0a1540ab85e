import type { Reply, Suggestion } from "../core/reply.js";
import { describeSource } from "../knowledge/describe-source.js";

/** Markdown as curated in knowledge/ to plain text: no emphasis marks, links spelled out. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1 ($2)")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[^*])\*([^*\n]+)\*/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}

const numbered = (items: Suggestion[]) =>
  items.map((item, index) => `  ${index + 1}. ${item.question}`).join("\n");
const bulleted = (items: Suggestion[]) => items.map((item) => `  - ${item.question}`).join("\n");

/**
 * The questions a reply lists, with the line under them. While a guided check waits (the aside
 * says so) a number typed next answers the check, so the list is not numbered.
 */
const listed = (items: Suggestion[], aside: string | undefined) =>
  aside ? `${bulleted(items)}\n\n${markdownToPlain(aside)}` : numbered(items);

/**
 * A reply as plain text for the terminal and the CLI. Check results are rendered by the rules
 * module's own formatter, passed in, so this file stays free of rule wording.
 */
export function renderPlain(
  reply: Reply,
  formatCheck: (reply: Reply & { kind: "credit_check" }) => string,
): string {
  switch (reply.kind) {
    case "answer": {
      const lines = [markdownToPlain(reply.text), "", "Sources:"];
      lines.push(...reply.sources.map((source) => `  - ${describeSource(source)}`));
      if (reply.lastChecked) {
        lines.push(`Last checked against its sources on ${reply.lastChecked}; due for a re-check.`);
      }
      if (reply.checkTip) lines.push("", markdownToPlain(reply.checkTip));
      if (reply.related.length > 0) lines.push("", "Related:", listed(reply.related, reply.aside));
      else if (reply.aside) lines.push("", markdownToPlain(reply.aside));
      return lines.join("\n");
    }
    case "fallback":
      return `${reply.text}\n${listed(reply.suggestions, reply.aside)}`;
    case "clarify":
      return `${reply.text}\n${listed(reply.choices, reply.aside)}`;
    case "intro":
      return `${markdownToPlain(reply.text)}\nFor example:\n${numbered(reply.examples)}`;
    case "credit_check":
      return reply.lead
        ? `${markdownToPlain(reply.lead)}\n\n${formatCheck(reply)}`
        : formatCheck(reply);
    case "check_prompt": {
      const options = reply.options.map((option) => option.value).join(" / ");
      const text = markdownToPlain(reply.text);
      return options ? `${text} (${options})` : text;
    }
    case "notice":
      return markdownToPlain(reply.text);
  }
}
