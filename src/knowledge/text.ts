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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface Analyzer {
  /** Content terms of a text: synonyms folded to their canonical form, filler dropped, stemmed. */
  terms(text: string): string[];
  /** Whether the text is about something else: another ad platform, another sense of "credit". */
  isOutOfScope(text: string): boolean;
  /** Whether any of these analysed terms belongs to the domain at all. */
  hasDomainTerm(terms: string[]): boolean;
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
  const outOfScope = vocabulary.out_of_scope.map(normalize);
  const outOfScopePattern = new RegExp(`\\b(${outOfScope.map(escapeRegExp).join("|")})\\b`);

  const fold = (text: string) =>
    synonymPattern ? text.replace(synonymPattern, (form) => lookup.get(form) ?? form) : text;

  const terms = (text: string) =>
    fold(normalize(text))
      .split(" ")
      .filter((word) => word !== "" && !stopwords.has(word))
      .map(stem);
  const domain = vocabulary.domain_terms.map(terms).filter((phrase) => phrase.length > 0);

  return {
    terms,
    isOutOfScope(text) {
      const normalized = normalize(text);
      return (
        outOfScope.length > 0 &&
        outOfScopePattern.test(normalized) &&
        !/\btiktok\b/.test(fold(normalized))
      );
    },
    hasDomainTerm(analysed) {
      const present = new Set(analysed);
      return domain.some((phrase) => phrase.every((term) => present.has(term)));
    },
  };
}
