/** Invisible characters that pasted text and Slack slip in (zero-width spaces and joiners, BOM). */
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Unicode hyphens, dashes and the minus sign, which autocorrect puts where "-" was typed. */
const dashes = /[\u2010-\u2015\u2212]/g;

/** Any UTF-16 unit past ASCII (surrogate halves included). */
const nonAscii = /[\u0080-\uFFFF]/;

/** Straight and curly quotes, as Slack desktop and macOS smart quotes write them. */
export const quoteChars = `"'“”„‟‘’‚‛`;

const surroundingQuotes = new RegExp(`^[${quoteChars}]+|[${quoteChars}]+$`, "g");

/**
 * Typed text as the check reads it: full-width forms and non-breaking spaces made plain (NFKC),
 * invisible characters removed and every dash a "-", so `months=−5` reads as negative.
 */
export function normalizeText(text: string): string {
  // Plain ASCII has nothing to change, and most typed details are plain ASCII.
  if (!nonAscii.test(text)) return text;
  return text.normalize("NFKC").replace(zeroWidth, "").replace(dashes, "-");
}

/** `"direct"`, `“direct”` and `‘direct’` all read as `direct`. */
export function unquote(text: string): string {
  return text.replace(surroundingQuotes, "");
}
