const controlCharacter = /[&<>]/;

/** Slack's three control characters; everything else is literal in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  // Most text has none: one scan instead of three replacements, run for every line of every reply.
  if (!controlCharacter.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A Slack link `<url|label>`; only web and mail links are linked, anything else stays text. */
export function slackLink(url: string, label: string): string {
  const plainLabel = escapeMrkdwn(label.replace(/[|]/g, "/"));
  if (!/^(https?:\/\/|mailto:)/i.test(url)) return plainLabel;
  const safeUrl = escapeMrkdwn(url).replace(/\|/g, "%7C");
  return `<${safeUrl}|${plainLabel}>`;
}

const inlinePattern = new RegExp(
  [
    /(`[^`\n]+`)/u.source,
    /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/u.source,
    /<((?:https?:\/\/|mailto:)[^>\s]+)>/u.source,
    /\*\*(?=\S)(.+?)(?<=\S)\*\*/u.source,
    /(?<![\p{L}\p{N}_])__(?=\S)(.+?)(?<=\S)__(?![\p{L}\p{N}_])/u.source,
    /~~(?=\S)(.+?)(?<=\S)~~/u.source,
    /\*(?=[^\s*])(.+?)(?<=[^\s*])\*/u.source,
    /(?<![\p{L}\p{N}_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/u.source,
  ].join("|"),
  "gu",
);

/** Markdown emphasis markers removed, for places where Slack shows text without formatting. */
export function stripMarkdown(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const [whole, code, label, , auto, ...emphasis] = match;
    out += text.slice(last, match.index);
    last = match.index + whole.length;
    if (code !== undefined) out += code.slice(1, -1);
    else if (auto !== undefined) out += auto;
    else out += stripMarkdown(label ?? emphasis.find((part) => part !== undefined) ?? whole);
  }
  return out + text.slice(last);
}

/** Whether Markdown links become Slack links, or stay the literal text they were written as. */
interface InlineOptions {
  links: boolean;
}

function inline(text: string, options: InlineOptions): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    const [whole, code, label, url, auto, bold1, bold2, strike, em1, em2] = match;
    out += escapeMrkdwn(text.slice(last, match.index));
    last = match.index + whole.length;
    const bold = bold1 ?? bold2;
    const em = em1 ?? em2;
    if (code !== undefined) out += escapeMrkdwn(code);
    else if (!options.links && (label !== undefined || auto !== undefined)) {
      out += escapeMrkdwn(whole);
    } else if (label !== undefined && url !== undefined) {
      out += slackLink(url, stripMarkdown(label));
    } else if (auto !== undefined) out += slackLink(auto, auto);
    else if (bold !== undefined) out += `*${inline(bold, options)}*`;
    else if (strike !== undefined) out += `~${inline(strike, options)}~`;
    else if (em !== undefined) out += `_${inline(em, options)}_`;
  }
  return out + escapeMrkdwn(text.slice(last));
}

const bulletByDepth = ["•", "◦", "▪"];

/**
 * The knowledge files' Markdown as Slack mrkdwn: **bold** → *bold*, [t](u) → <u|t>, lists as bullets,
 * headings in bold, code kept. Lines wrapped inside a paragraph or list item are joined, because
 * Slack shows every newline while Markdown folds them. With `links: false` no link is made: text
 * that may quote what a person typed keeps `[label](url)` and `<url>` as the characters they are.
 */
export function markdownToMrkdwn(
  markdown: string,
  options: InlineOptions = { links: true },
): string {
  const out: string[] = [];
  let open: { prefix: string; text: string } | undefined;
  let inFence = false;
  const flush = () => {
    if (open) out.push(open.prefix + inline(open.text, options));
    open = undefined;
  };
  const blank = () => {
    flush();
    if (out.length > 0 && out.at(-1) !== "") out.push("");
  };

  for (const raw of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^\s*```/.test(raw)) {
      flush();
      inFence = !inFence;
      out.push("```");
      continue;
    }
    if (inFence) {
      out.push(escapeMrkdwn(raw));
      continue;
    }
    const line = raw.trimEnd();
    const hardBreak = / {2,}$/.test(raw) || line.endsWith("\\");
    const content = line.replace(/\\$/, "");
    if (content.trim() === "" || /^\s*([-*_])(\s*\1){2,}\s*$/.test(content)) {
      blank();
      continue;
    }
    const heading = /^\s*#{1,6}\s+(.+?)\s*#*$/.exec(content);
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(content);
    const numbered = /^(\s*)(\d+)[.)]\s+(.*)$/.exec(content);
    const quote = /^\s*>\s?(.*)$/.exec(content);
    if (heading?.[1] !== undefined) {
      flush();
      out.push(`*${inline(stripMarkdown(heading[1]), options)}*`);
    } else if (bullet?.[1] !== undefined && bullet[2] !== undefined) {
      flush();
      const depth = Math.min(Math.floor(bullet[1].length / 2), bulletByDepth.length - 1);
      open = { prefix: `${"    ".repeat(depth)}${bulletByDepth[depth]} `, text: bullet[2] };
    } else if (numbered?.[1] !== undefined && numbered[3] !== undefined) {
      flush();
      const depth = Math.floor(numbered[1].length / 2);
      open = { prefix: `${"    ".repeat(depth)}${numbered[2]}. `, text: numbered[3] };
    } else if (quote?.[1] !== undefined) {
      flush();
      out.push(`&gt; ${inline(quote[1], options)}`);
    } else if (open) {
      open.text += ` ${content.trim()}`;
    } else {
      open = { prefix: "", text: content.trim() };
    }
    if (hardBreak) flush();
  }
  flush();
  while (out.at(-1) === "") out.pop();
  return out.join("\n");
}
