import { escapeRegExp } from "../escape-regexp.js";
import type { Vocabulary } from "./schema.js";

/** "US" and "U.S." name the country; lower case, "us" is a stopword ("can you tell us"). */
const unitedStates = /\bU\.?S\.?(?![A-Za-z])/g;

/** Lower case, no accents, curly quotes straightened, punctuation to spaces, "smart+" kept apart. */
export function normalize(text: string): string {
  return text
    .replace(unitedStates, "usa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'")
    .replace(/\+/g, " plus ")
    .replace(/'s\b/g, "")
    .replace(/'/g, "")
    .replace(/[^a-z0-9$]+/g, " ")
    .trim();
}

/**
 * A deliberately small suffix stripper: enough that "invoice", "invoices" and "invoicing",
 * or "negotiate" and "negotiation", meet; fuzzy search covers what it misses. Porter's stemmer
 * (the `stemmer` package) in its place scored no better on the evaluation sets (2026-12-01) and
 * would need the vocabulary's stems redone, so this stays.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith("ility")) w = `${w.slice(0, -5)}le`;
  else if (w.endsWith("ation") && w.length > 7) w = w.slice(0, -3);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ing") && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith("ed") && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith("es") && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Short terms ("cl", "bc", "jbp") must match exactly; longer ones tolerate typos and endings. */
export const fuzzyMinLength = 5;
export const fuzziness = 0.2;

/** Whether `term` as typed reaches `candidate`: the same, a prefix of it, or a small typo away. */
export function isNearTerm(docTerm: string, queryTerm: string): boolean {
  if (docTerm === queryTerm) return true;
  if (queryTerm.length < fuzzyMinLength) return false;
  if (docTerm.startsWith(queryTerm)) return true;
  return editDistanceAtMost(docTerm, queryTerm, Math.round(queryTerm.length * fuzziness));
}

/** Two rows of the edit-distance table, reused: matching runs this for many term pairs per question. */
let rowA = new Int32Array(32);
let rowB = new Int32Array(32);

function editDistanceAtMost(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let previous = rowA;
  let current = rowB;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return false;
    const done = previous;
    previous = current;
    current = done;
  }
  return (previous[b.length] ?? limit + 1) <= limit;
}

export interface Analyzer {
  /** Content terms of a text: synonyms folded to their canonical form, filler dropped, stemmed. */
  terms(text: string): string[];
  /** Whether the text is about something else: another ad platform, another sense of "credit". */
  isOutOfScope(text: string): boolean;
  /** Whether any of these analysed terms belongs to the domain at all. */
  hasDomainTerm(terms: readonly string[]): boolean;
  /** Whether an analysed term only names the subject as a whole ("credit", "ads", "help"). */
  isGeneral(term: string): boolean;
}

export function createAnalyzer(vocabulary: Vocabulary): Analyzer {
  const variants = Object.entries(vocabulary.synonyms)
    .flatMap(([canonical, forms]) => forms.map((form) => [normalize(form), normalize(canonical)]))
    .filter(([form]) => form !== "")
    .sort(([a], [b]) => (b?.length ?? 0) - (a?.length ?? 0));
  const lookup = new Map(variants.map(([form, canonical]) => [form, canonical]));
  const synonymPattern =
    variants.length > 0
      ? new RegExp(`\\b(${variants.map(([form]) => escapeRegExp(form ?? "")).join("|")})\\b`, "g")
      : undefined;
  const stopwords = new Set(vocabulary.stopwords.map(normalize));
  // Filler of more than one word ("at all"), dropped before the text is split into words.
  const stopPhrases = [...stopwords].filter((phrase) => phrase.includes(" "));
  const stopPhrasePattern =
    stopPhrases.length > 0
      ? new RegExp(`\\b(${stopPhrases.map(escapeRegExp).join("|")})\\b`, "g")
      : undefined;
  const withoutStopPhrases = (text: string) =>
    stopPhrasePattern ? text.replace(stopPhrasePattern, " ") : text;

  const fold = (text: string) =>
    synonymPattern ? text.replace(synonymPattern, (form) => lookup.get(form) ?? form) : text;

  const terms = (text: string) =>
    fold(withoutStopPhrases(normalize(text)))
      .split(" ")
      .filter((word) => word !== "" && !stopwords.has(word))
      .map(stem);
  const domain = vocabulary.domain_terms.map(terms).filter((phrase) => phrase.length > 0);
  // Compared term by term after stemming, so "film credit" also catches "film credits".
  const phrasePattern = (phrases: readonly string[]) => {
    const stemmed = phrases
      .map((phrase) => normalize(phrase).split(" ").map(stem).join(" "))
      .filter((phrase) => phrase !== "");
    return stemmed.length > 0
      ? new RegExp(`\\b(${stemmed.map(escapeRegExp).join("|")})\\b`)
      : undefined;
  };
  const general = new Set(vocabulary.general_terms.flatMap(terms));
  const outOfScopePattern = phrasePattern(vocabulary.out_of_scope);
  // "does pinterest have something like a JBP?", "i only need the snap process", "does meta
  // give credits like tiktok does": TikTok named as the comparison, the other platform as what
  // is asked about. Not "does google have to approve…", "only meta spend so far", nor "brands
  // like tiktok better".
  const others = vocabulary.out_of_scope
    .map(normalize)
    .filter((phrase) => phrase !== "")
    .map(escapeRegExp)
    .join("|");
  const asksOfOther =
    others === ""
      ? undefined
      : new RegExp(
          `\\b(does|do|did|has) (${others}) (have|give|offer|run|provide|do)\\b(?! to\\b)|\\bonly (need|want|care about|asking about|about) (the )?(${others})\\b|\\b(like|similar to|same as) (on )?tiktok (does|do|has|have|gives|offers|did)\\b`,
        );
  // "does tiktok have an agency program?": asked about TikTok, whatever it is compared with.
  const asksOfTiktok = /\b(does|do|did|can|could|is|are|will|would|has) tiktok\b/;
  const notCreditsPattern = phrasePattern(vocabulary.not_credits);
  const otherSensesPattern = phrasePattern(vocabulary.other_senses);
  const adsPattern = phrasePattern(vocabulary.ads_terms);

  return {
    terms,
    isGeneral: (term) => general.has(term),
    isOutOfScope(text) {
      const normalized = normalize(text);
      const folded = fold(normalized);
      // Before and after folding synonyms: "ads credit" folds to "ad credit", which would hide
      // "microsoft ads".
      const forms = [normalized, folded].map((form) => form.split(" ").map(stem).join(" "));
      const names = (pattern: RegExp | undefined) =>
        pattern !== undefined && forms.some((form) => pattern.test(form));
      if (names(notCreditsPattern)) return true;
      // Read as typed, before synonyms fold, which could make an ads word of another sense's
      // ("cash back" folds to "rebate").
      const named = (pattern: RegExp | undefined) => pattern?.test(forms[0] ?? "") === true;
      if (named(otherSensesPattern) && !named(adsPattern)) return true;
      if (!names(outOfScopePattern)) return false;
      // Both: "like tt has" names TikTok once folded, "new to tiktok" only before.
      const both = [normalized, folded];
      if (!both.some((form) => /\btiktok\b/.test(form))) return true;
      if (both.some((form) => asksOfTiktok.test(form))) return false;
      return asksOfOther !== undefined && both.some((form) => asksOfOther.test(form));
    },
    hasDomainTerm(analysed) {
      if (analysed.some((term) => /^\$\d/.test(term))) return true;
      const asked = new Set(analysed);
      // Most questions name a domain term exactly; look for typos and endings only when none does.
      if (domain.some((phrase) => phrase.every((domainTerm) => asked.has(domainTerm)))) return true;
      return domain.some((phrase) =>
        phrase.every((domainTerm) => analysed.some((term) => isNearTerm(domainTerm, term))),
      );
    },
  };
}

/**
 * A message with the words of other languages that `mixedIn` lists read as their English
 * ("und wann kommt der credit?" as "and when comes the credit?"), accents or none, and the
 * particles it reads as nothing left out ("pano po mag apply?" as "how mag apply?"); every other
 * word as typed, and a word typed in capitals too.
 */
export function createMixedInReader(mixedIn: Readonly<Record<string, string>>) {
  const english = new Map(Object.entries(mixedIn).map(([word, read]) => [normalize(word), read]));
  if (english.size === 0) return (text: string) => text;
  // Typed in capitals, a word is an abbreviation ("what about SA?", "the PO number").
  const abbreviation = (word: string) => word.length > 1 && word === word.toUpperCase();
  return (text: string) => {
    const read = text
      .replace(/(\s*)([\p{L}\p{M}]+)/gu, (typed, space: string, word: string) => {
        const inEnglish = abbreviation(word) ? undefined : english.get(normalize(word));
        if (inEnglish === undefined) return typed;
        return inEnglish === "" ? "" : `${space}${inEnglish}`;
      })
      .trim();
    // A message of particles alone ("po?") is left as typed, not read as nothing.
    return /[\p{L}\p{N}]/u.test(read) ? read : text;
  };
}
