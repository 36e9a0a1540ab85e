import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import type { KnowledgeBase } from "../../src/knowledge/loader.js";
import type { RankerModel } from "../../src/knowledge/ranker.js";
import type { Entry, Source, Vocabulary } from "../../src/knowledge/schema.js";
import { normalize } from "../../src/knowledge/text.js";
import { seededRandom } from "./stats.js";

/*
 * A large knowledge base grows the way a real one would: the same programs asked about per market,
 * per client vertical and per kind of advertiser. Each generated entry takes a real entry's
 * question, phrasings, answer, sources and related entries, scopes them to one such combination,
 * rewrites some terms with the synonyms people use, and borrows a sentence and sometimes a source
 * from another real entry. The real entries stay in, unchanged, so real questions still have their
 * answers among the look-alikes.
 */

const markets = (
  "United States, Canada, Mexico, Brazil, Argentina, Colombia, Chile, Peru, United Kingdom, " +
  "Ireland, France, Germany, Austria, Switzerland, Spain, Portugal, Italy, Netherlands, " +
  "Belgium, Sweden, Norway, Denmark, Finland, Poland, Czech Republic, Romania, Greece, " +
  "Turkey, Israel, Saudi Arabia, UAE, Qatar, Egypt, Morocco, South Africa, Nigeria, Kenya, " +
  "India, Indonesia, Malaysia, Singapore, Thailand, Vietnam, Philippines, Japan, South " +
  "Korea, Taiwan, Australia, New Zealand"
).split(", ");

const verticals = (
  "ecommerce, retail, gaming, mobile app, fintech, banking, insurance, travel, hospitality, " +
  "automotive, beauty, fashion, food delivery, restaurant, CPG, healthcare, pharma, " +
  "education, real estate, telecom, entertainment, streaming, sports betting, B2B software, " +
  "nonprofit, public sector, crypto, dating app, fitness, home goods, pet care, consumer " +
  "electronics"
).split(", ");

const segments = (
  "agency, independent agency, holding group agency, direct advertiser, SMB, enterprise " +
  "brand, startup, reseller, freelancer, in-house team"
).split(", ");

interface Scope {
  market: string;
  vertical: string;
  segment: string;
}

const titleCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const slug = (text: string) =>
  normalize(text).replace(/\$/g, "").split(" ").filter(Boolean).join("-");

/** The ways a curator would scope a question: the first one that fits in 200 characters wins. */
const questionForms: ((question: string, scope: Scope) => string)[] = [
  (q, s) => `${titleCase(s.vertical)} ${s.segment} clients in ${s.market}: ${q}`,
  (q, s) => `${s.market}, ${s.vertical}, ${s.segment}: ${q}`,
];

/** The ways people type a scoped question: short, scope first or last, sometimes both. */
const alternateForms: ((phrase: string, scope: Scope) => string)[] = [
  (p, s) => `${p} ${s.market} ${s.vertical} ${s.segment}`,
  (p, s) => `${s.market} ${s.vertical} ${s.segment} ${p}`,
  (p, s) => `${p} for ${s.vertical} ${s.segment} in ${s.market}`,
  (p, s) => `${s.segment} w/ ${s.vertical} client in ${s.market} - ${p}`,
  (p, s) => `${s.market}: ${p} (${s.vertical}, ${s.segment})`,
];

/** The line a curator would put above an answer that holds for one market, vertical and segment. */
const scopeNotes: ((scope: Scope) => string)[] = [
  (s) => `For ${s.vertical} ${s.segment} clients in ${s.market}, the general rule applies.`,
  (s) => `In ${s.market} this works the same way for a ${s.segment} with ${s.vertical} accounts.`,
  (s) =>
    `${titleCase(s.segment)} teams running ${s.vertical} budgets in ${s.market}: nothing differs locally.`,
  (s) => `Checked for ${s.market} (${s.vertical}, ${s.segment}); no local exception is known.`,
];

type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("cannot pick from an empty list");
  return item;
};

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

interface Synonyms {
  pattern: RegExp;
  forms: string[];
}

const synonymsOf = (vocabulary: Vocabulary): Synonyms[] =>
  Object.entries(vocabulary.synonyms).map(([term, forms]) => ({
    pattern: new RegExp(`\\b${term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i"),
    forms,
  }));

/** Swaps one canonical term for a way people write it ("credit line" → "net 30"). */
function withSynonym(phrase: string, synonyms: readonly Synonyms[], random: Random): string {
  const present = synonyms.filter(({ pattern }) => pattern.test(phrase));
  if (present.length === 0) return phrase;
  const { pattern, forms } = pick(present, random);
  return phrase.replace(pattern, pick(forms, random));
}

const firstSentence = (text: string) =>
  (/^[^\n]*?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? "").trim();

export interface GenerateOptions {
  /** Entries in the result, the real ones included. */
  size: number;
  seed?: number;
}

/** `size` entries: the real ones, then generated ones; the same seed always gives the same list. */
export function generateEntries(real: KnowledgeBase, options: GenerateOptions): Entry[] {
  const bases = real.entries;
  if (bases.length === 0) throw new Error("the real knowledge base has no entries to build on");
  if (options.size < bases.length) {
    throw new Error(`size ${options.size} is below the ${bases.length} real entries it includes`);
  }
  const random = seededRandom(options.seed ?? 1);
  const synonyms = synonymsOf(real.vocabulary);
  const scopes = shuffled(
    markets.flatMap((market) =>
      verticals.flatMap((vertical) => segments.map((segment) => ({ market, vertical, segment }))),
    ),
    random,
  );
  const generatedCount = options.size - bases.length;
  if (generatedCount > scopes.length * bases.length) {
    throw new Error(
      `at most ${scopes.length * bases.length + bases.length} entries can be generated`,
    );
  }

  const taken = new Set(
    bases.flatMap((entry) => [entry.question, ...entry.alternates].map(normalize)),
  );
  const claim = (phrase: string) => {
    const key = normalize(phrase);
    if (phrase.length > 200 || taken.has(key)) return false;
    taken.add(key);
    return true;
  };

  // Entry k is base k mod B in scope k div B, so entries sharing a scope can point to each other.
  const idOf = (k: number) => {
    const base = bases[k % bases.length] as Entry;
    const scope = scopes[Math.floor(k / bases.length)] as Scope;
    return `${base.id}-${slug(scope.market)}-${slug(scope.vertical)}-${slug(scope.segment)}`;
  };

  const generated: Entry[] = [];
  for (let k = 0; k < generatedCount; k++) {
    const base = bases[k % bases.length] as Entry;
    const scope = scopes[Math.floor(k / bases.length)] as Scope;
    const other = pick(bases, random);

    const question = questionForms.map((form) => form(base.question, scope)).find(claim);
    if (!question) throw new Error(`no unused question for ${idOf(k)}`);

    const alternates: string[] = [];
    const wanted = 3 + Math.floor(random() * 3);
    for (const phrase of shuffled([base.question, ...base.alternates], random)) {
      if (alternates.length === wanted) break;
      const typed = withSynonym(phrase.replace(/\?$/, ""), synonyms, random);
      const candidate = pick(alternateForms, random)(typed, scope);
      if (claim(candidate)) alternates.push(candidate);
    }
    for (const form of alternateForms) {
      if (alternates.length >= 3) break;
      const candidate = form(base.question, scope);
      if (claim(candidate)) alternates.push(candidate);
    }
    if (alternates.length < 3) throw new Error(`not enough unused phrasings for ${idOf(k)}`);

    const sources: Source[] = [...base.sources];
    const borrowed = random() < 0.3 ? pick(other.sources, random) : undefined;
    if (borrowed && !sources.some((source) => source.url === borrowed.url)) sources.push(borrowed);

    const groupStart = k - (k % bases.length);
    const siblings = [groupStart, groupStart + 1, groupStart + 2]
      .filter((sibling) => sibling !== k && sibling < generatedCount)
      .map(idOf);
    const related = [...new Set([...base.related, ...siblings])].slice(0, 6);

    const aside = other.id === base.id ? "" : firstSentence(other.answer);
    const answer = [pick(scopeNotes, random)(scope), base.answer, aside ? `Related: ${aside}` : ""]
      .filter(Boolean)
      .join("\n\n");

    // Fields not rewritten here (the check date, any the schema gains later) come from the base.
    generated.push({ ...base, id: idOf(k), question, alternates, sources, related, answer });
  }
  return [...bases, ...generated];
}

/** Writes entries, vocabulary and the ranker in the layout `loadEngine` reads. */
export async function writeKnowledgeBase(
  dir: string,
  entries: readonly Entry[],
  vocabulary: Vocabulary,
  ranker: RankerModel,
): Promise<void> {
  const entriesDir = join(dir, "entries");
  await mkdir(entriesDir, { recursive: true });
  await writeFile(join(dir, "vocabulary.yml"), YAML.stringify(vocabulary));
  await writeFile(join(dir, "ranker.json"), JSON.stringify(ranker));
  const write = ({ answer, ...front }: Entry) =>
    writeFile(join(entriesDir, `${front.id}.md`), `---\n${YAML.stringify(front)}---\n${answer}\n`);
  const batch = 64;
  for (let start = 0; start < entries.length; start += batch) {
    await Promise.all(entries.slice(start, start + batch).map(write));
  }
}

/** Generates a knowledge base of `size` entries into a new temporary folder and returns it. */
export async function generateKnowledgeDir(
  real: KnowledgeBase,
  ranker: RankerModel,
  options: GenerateOptions,
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `credit-desk-kb-${options.size}-`));
  await writeKnowledgeBase(dir, generateEntries(real, options), real.vocabulary, ranker);
  return dir;
}
