/** Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const limits = {
  sectionText: 3000,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  headerText: 150,
  messageBlocks: 50,
  viewBlocks: 100,
  optionText: 75,
  modalTitle: 24,
  /** Not a hard limit (Slack truncates at 40,000), but a notification longer than this helps nobody. */
  fallbackText: 3000,
} as const;

/** Cut at `max` characters (code points, so no emoji is split), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  // Never more code points than UTF-16 units: most text is not split into characters at all.
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/** Like truncate, for mrkdwn: the cut never leaves half a `<url|label>` or `&amp;` at the end. */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return cut;
  return `${cut
    .slice(0, -1)
    .replace(/<[^<>]*$|&[a-z0-9#]*$/i, "")
    .trimEnd()}…`;
}

/** The string index just after the first `count` code points of `text`. */
function indexAfter(text: string, count: number): number {
  let index = 0;
  for (let n = 0; n < count && index < text.length; n += 1) {
    index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return index;
}

/** A stretch a cut must not fall inside: a ``` code fence, a `<…>` link or mention, an entity. */
interface Span {
  start: number;
  end: number;
  fence: boolean;
}

function spansIn(text: string): Span[] {
  const spans: Span[] = [];
  const fences = Array.from(text.matchAll(/```/g), (match) => match.index);
  for (let i = 0; i < fences.length; i += 2) {
    const start = fences[i] ?? 0;
    const close = fences[i + 1];
    spans.push({ start, end: close === undefined ? text.length : close + 3, fence: true });
  }
  for (const match of text.matchAll(/<[^<>]*>|&(?:[a-z]+|#\d+);/gi)) {
    spans.push({ start: match.index, end: match.index + match[0].length, fence: false });
  }
  return spans;
}

const inside = (spans: Span[], at: number) =>
  spans.find((span) => span.start < at && at < span.end);

/** The last `separator` before `limit` and after `floor` that no span holds. */
function lastFree(
  text: string,
  separators: string[],
  spans: Span[],
  floor: number,
  limit: number,
): number | undefined {
  for (const separator of separators) {
    let at = text.lastIndexOf(separator, limit - separator.length);
    while (at > floor) {
      if (!inside(spans, at)) return at;
      at = text.lastIndexOf(separator, at - 1);
    }
  }
  return undefined;
}

const closeFence = "\n```";

/**
 * Where to end the first piece: at a paragraph break, else a line break, else a space (in the
 * second half of the piece if there is one, else anywhere), never inside a link, an entity or a
 * code fence. A fence too long for one piece is closed at a line break inside it and opened again
 * in the next piece (`reopen`).
 */
function firstCut(text: string, max: number): { at: number; reopen: boolean } {
  const limit = indexAfter(text, max);
  const spans = spansIn(text);
  for (const floor of [limit / 2, 0]) {
    const at = lastFree(text, ["\n\n", "\n", " "], spans, floor, limit);
    if (at !== undefined) return { at, reopen: false };
  }
  const fence = spans.find((span) => span.fence && span.start < limit && limit < span.end);
  if (fence && fence.start > 0) return { at: fence.start, reopen: false };
  if (fence) {
    const room = indexAfter(text, max - closeFence.length);
    const entities = spans.filter((span) => !span.fence);
    const floor = fence.start + 3;
    const at = lastFree(text, ["\n", " "], entities, floor, room) ?? inside(entities, room)?.start;
    if (at !== undefined && at > floor) return { at, reopen: true };
    if (room > floor) return { at: room, reopen: true };
  }
  const span = inside(spans, limit);
  return { at: span && span.start > 0 ? span.start : limit, reopen: false };
}

/**
 * Splits mrkdwn into pieces of at most `max` characters (code points), so a long answer becomes
 * several sections instead of being rejected; see firstCut for where each piece ends.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max && indexAfter(rest, max) < rest.length) {
    const { at, reopen } = firstCut(rest, max);
    if (reopen) {
      pieces.push(`${rest.slice(0, at).trimEnd()}${closeFence}`);
      rest = `\`\`\`${rest.slice(at)}`;
    } else {
      pieces.push(rest.slice(0, at).trimEnd());
      rest = rest.slice(at).trimStart();
    }
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}
