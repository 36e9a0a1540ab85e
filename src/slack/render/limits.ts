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
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/**
 * Splits text into pieces of at most `max` characters, preferring paragraph breaks, then line
 * breaks, then spaces, so a long answer becomes several sections instead of being rejected.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (Array.from(rest).length > max) {
    const window = Array.from(rest).slice(0, max).join("");
    const cut = [
      window.lastIndexOf("\n\n"),
      window.lastIndexOf("\n"),
      window.lastIndexOf(" "),
    ].find((index) => index > max / 2);
    const at = cut ?? window.length;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}
