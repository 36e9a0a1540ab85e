import { type InputKey, inputKeys } from "./types.js";

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The word among `words` a mistyped one most likely meant (a prefix of it, or a typo or two
 * away for longer words), or undefined when none is an obvious match: a guess would mislead.
 */
export function closestWord<T extends string>(typed: string, words: readonly T[]): T | undefined {
  if (typed.length < 3) return undefined;
  const scored = words.map((word) => ({
    word,
    distance: word.startsWith(typed) ? 0 : editDistance(typed, word),
    allowed: Math.max(1, Math.floor(word.length / 3)),
  }));
  const close = scored.filter((entry) => entry.distance <= entry.allowed);
  const best = Math.min(...close.map((entry) => entry.distance));
  const winners = close.filter((entry) => entry.distance === best);
  return winners.length === 1 ? winners[0]?.word : undefined;
}

/**
 * The key a mistyped one most likely meant ("month", "priorads", "advertizer", "grow"), or the
 * one key a longer name is built around ("monthly_spend", "account_age_months").
 */
export function closestKey(typed: string): InputKey | undefined {
  const key = typed.toLowerCase().replace(/[\s-]+/g, "_");
  const close = closestWord(key, inputKeys);
  if (close) return close;
  const parts = key.split("_");
  const named = inputKeys.filter((known) => parts.includes(known));
  return named.length === 1 ? named[0] : undefined;
}
