import type { Vocabulary } from "./schema.js";

/** Lower case, no accents, curly quotes straightened, punctuation to spaces, "smart+" kept apart. */
export function normalize(text: string): string {
  return text
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
 * or "negotiate" and "negotiation", meet; fuzzy search covers what it misses.
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

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface Analyzer {
  /** Content terms of a text: synonyms folded to their canonical form, filler dropped, stemmed. */
  terms(text: string): string[];
  /** Whether the text names another ad platform (a question about it is out of scope). */
  mentionsOtherPlatform(text: string): boolean;
}

export function createAnalyzer(vocabulary: Vocabulary): Analyzer {
  const variants = Object.entries(vocabulary.synonyms)
    .flatMap(([canonical, forms]) => forms.map((form) => [normalize(form), normalize(canonical)]))
    .filter(([form]) => form !== "")
    .sort(([a], [b]) => (b?.length ?? 0) - (a?.length ?? 0));
  const lookup = new Map(variants.map(([form, canonical]) => [form, canonical]));
  const synonymPattern =
    variants.length > 0
      ? new RegExp(`\\b(${variants.map(([form]) => escape(form ?? "")).join("|")})\\b`, "g")
      : undefined;
  const stopwords = new Set(vocabulary.stopwords.map(normalize));
  const platforms = vocabulary.other_platforms.map(normalize);
  const platformPattern = new RegExp(`\\b(${platforms.map(escape).join("|")})\\b`);

  const fold = (text: string) =>
    synonymPattern ? text.replace(synonymPattern, (form) => lookup.get(form) ?? form) : text;

  return {
    terms(text) {
      return fold(normalize(text))
        .split(" ")
        .filter((word) => word !== "" && !stopwords.has(word))
        .map(stem);
    },
    mentionsOtherPlatform(text) {
      const normalized = normalize(text);
      return platforms.length > 0 && platformPattern.test(normalized) && !/\btiktok\b/.test(normalized);
    },
  };
}
