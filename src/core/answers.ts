import { askedAspect } from "../knowledge/aspects.js";
import type { KnowledgeBase } from "../knowledge/loader.js";
import type { Candidate, Matcher, MatchResult, Reading } from "../knowledge/matcher.js";
import {
  appliesEverywhere,
  firstBlock,
  focusedPassage,
  givesNoDuration,
  givesNoFigure,
  opening,
  passageMatching,
  passages,
  sentenceMatching,
  showsAspect,
  touchesOn,
  withoutPlaces,
} from "../knowledge/passages.js";
import { scopeBoundary } from "../knowledge/ranker.js";
import type { Entry } from "../knowledge/schema.js";
import { createSwaps, holdingWords } from "../knowledge/swaps.js";
import { createMixedInReader, normalize } from "../knowledge/text.js";
import {
  continues,
  detectIntent,
  leansOn,
  leavesTopic,
  longestQuestion,
  mayFollowUp,
  questionText,
} from "./intents.js";
import { withoutOpeners } from "./openers.js";
import {
  asksIfCurrent,
  asksOnlyIfCurrent,
  asksOnlyProvenance,
  asksProvenance,
  howCurrent,
  provenance,
  provenanceWords,
  restsOnBoth,
} from "./provenance.js";
import {
  asksAgain,
  asksIfChanged,
  asksOnItsOwn,
  asksSummary,
  asksWhereToDoIt,
  asksWhichIsRight,
  asksWhichRole,
  asksWhoToContact,
  asksWhy,
  claimQuestioned,
  concedes,
  doubts,
  doubtsInSentences,
  givesReason,
  namesContact,
  namesRole,
  onlyATime,
  ordinalPicked,
  partBreak,
  type RuleAsked,
  rejectsChoices,
  remembersOtherwise,
  summaryOfTopic,
  tellsDifference,
  tellsWhomToAsk,
  withoutYesNo,
  withoutYesNoLead,
} from "./question-shapes.js";
import type {
  AnswerReply,
  FallbackReply,
  IntroReply,
  NoticeReply,
  Reply,
  Suggestion,
} from "./reply.js";

const maxButtons = 3;
/** A word at most this many entries hold names something few answers speak of ("FVA"). */
const fewEntries = 2;
/**
 * "is ad credit available in germany?" answered by "Is TikTok ad credit available in every
 * country?": its "No" is to every country, and would read as "not in Germany".
 */
const asksOfSome = (question: string, entry: Entry) =>
  /\b(every|everywhere)\b/.test(normalize(entry.question)) &&
  showsAspect(question, "where") &&
  !/\b(every|everywhere|all|any|anywhere|worldwide|global|globally)\b/.test(normalize(question));

/**
 * Two steps of a menu at least ("Finance → Payment Management → Add Balance"), not a list of
 * switches ("manual → automatic, manual → monthly invoicing") nor the way to appeal something.
 */
const menuSteps = /^(?![\s\S]*\bappeal)[\s\S]*→ [^→\n,;]{1,40} →/i;

/**
 * The menu path an answer gives, with who gives it: the passage that holds one, or its opening;
 * where its sources give different paths, all of them.
 */
function menuPath(answer: string): string | undefined {
  const path =
    passageMatching(answer, menuSteps) ??
    (menuSteps.test(opening(answer)) ? opening(answer) : undefined);
  if (path === undefined || !/\bdiffer/i.test(path.split("\n")[0] ?? "")) return path;
  return passageMatching(answer, /\bdiffer/i) ?? path;
}

/** Said first when the answer to "how long…?" gives no time at all. */
const noTimeFrame = "None of my sources gives a time frame for that.";
/**
 * Up to this many content terms, a short message that does not point back is still elliptical:
 * read against the answer on screen, its sure reading wins over the one alone (measured against
 * none, 1 and any number; see the README's eighth session).
 */
const ellipticalTerms = 2;
/**
 * Up to this many content terms, an unsure follow-up may be answered from the answer on screen
 * (see screenPart). Measured on the tuning and development sets: two read fewer follow-ups as
 * meant; four let more near-misses through right after their closest answer, and read no more.
 */
const screenFollowUpTerms = 3;
/**
 * How likely an entry the follow-up finds alone must be to take a related button from the
 * curated ones under "nothing more specific" ("and japan?" of the Australian offer finds the
 * promo codes at 0.56 and 0.35; "and for resellers?" of the partner programs, two at 0.02).
 */
const likelyElsewhere = 0.25;

/**
 * What the person has on screen from the turn before: the entry last answered, or the entries a
 * "Did you mean" or an unsure fallback offered (a message typed instead of a click follows up on
 * them).
 */
export type OnScreen = string | readonly string[];

/** What a reply leaves on screen for the next message to follow up on. */
export function onScreenAfter(reply: Reply): OnScreen | undefined {
  if (reply.kind === "answer") return reply.entryId;
  if (reply.kind === "clarify") return reply.choices.map((choice) => choice.id);
  if (reply.kind === "fallback" && reply.unsure) return reply.suggestions.map(({ id }) => id);
  return undefined;
}

/**
 * Whether a message after an answer is read against it: it leans on it (a pronoun, "and …"), is
 * short, or names nothing about credits ("what happens if the card fails?": alone it would fall
 * back, but it may ask about the answer's topic). The fit reads its tuning messages the same way.
 */
export const readsInContext = (question: string, reading: Pick<Reading, "terms" | "offDomain">) =>
  mayFollowUp(question, reading.terms.length) || reading.offDomain;

export interface Answers {
  /**
   * A question (or greeting) read on its own, or against what the person was last shown and the
   * message that got it (`askedBefore`: "same for coupons?" asks it again, of coupons).
   */
  reply(
    text: string,
    onScreen?: OnScreen,
    askedBefore?: string,
  ): AnswerReply | Exclude<Reply, AnswerReply>;
  /** The answer to one entry, as when someone clicks a suggestion. */
  entry(id: string): AnswerReply | undefined;
  intro(): IntroReply;
  popular(): Suggestion[];
}

export const suggestion = (entry: Entry): Suggestion => ({
  id: entry.id,
  question: entry.question,
});

const acknowledged: NoticeReply = {
  kind: "notice",
  event: "acknowledged",
  text: "👍 If anything else about TikTok ad credits comes up, just ask.",
};

const noCheck: NoticeReply = {
  kind: "notice",
  event: "no_check",
  text: "There's no credit check under way. Say **credit check** to start one, or ask me a question.",
};

/** "that's wrong" with no answer of this conversation to flag: ask for the question again. */
const notFlagged: NoticeReply = {
  kind: "notice",
  event: "flagged",
  text: "Sorry about that. Tell me what you were after in other words, and I'll try again.",
};

/**
 * A number on its own answers a step of the guided check; with none under way it was most
 * likely a pick from a list, and the terminal picks those before the core sees them.
 */
const nothingToPick: NoticeReply = {
  kind: "notice",
  event: "nothing_to_pick",
  text:
    "There's nothing numbered to pick from right now. Ask me about TikTok ad credits in your own " +
    "words, or say **credit check** to start one.",
};
/**
 * A short answer shown on its own ends as a sentence: a bold opening cut before the rest of its
 * sentence ("**TikTok publishes no tier table**, and …") would read as cut off.
 */
const sentence = (lead: string) =>
  /[.!?)](\*\*)?$/.test(lead)
    ? lead
    : /:(\*\*)?$/.test(lead)
      ? lead.replace(/:(\*\*)?$/, ".$1")
      : `${lead}.`;

const bareNumber = /^\s*#?\d{1,3}[.)]?\s*$/;

/**
 * An answer's opening quoted for "is that official?" or "are you sure?", without the "No:" that
 * would read as the reply to that.
 */
const shortAnswer = (lead: string) => `Its short answer: ${sentence(withoutYesNoLead(lead))}`;

const tooLong = (length: number): NoticeReply => ({
  kind: "notice",
  event: "too_long",
  text:
    `That message is ${length.toLocaleString("en-US")} characters long. Ask me one question in a ` +
    `sentence or two (up to ${longestQuestion.toLocaleString("en-US")} characters) and I'll find the answer.`,
});

/**
 * The knowledge half of the conversation: greetings, questions, follow-ups, fallbacks.
 * Stateless: whoever calls it says what the person was last answered.
 */
export function createAnswers(kb: KnowledgeBase, matcher: Matcher): Answers {
  // The entries other entries point to most are the ones people reach most often.
  const inbound = new Map<string, number>();
  for (const entry of kb.entries) {
    for (const id of entry.related) inbound.set(id, (inbound.get(id) ?? 0) + 1);
  }
  const popular = [...kb.entries]
    .sort((a, b) => (inbound.get(b.id) ?? 0) - (inbound.get(a.id) ?? 0))
    .slice(0, 5)
    .map(suggestion);

  const provenanceTerms = new Set(matcher.analyzer.terms(provenanceWords));
  const swaps = createSwaps(kb.vocabulary.swaps, matcher.analyzer);
  const inEnglish = createMixedInReader(kb.vocabulary.mixed_in);
  const { terms: termsOf } = matcher.analyzer;
  /**
   * What a follow-up asks of the answer on screen; asked whose word it is, the rest of it. A
   * yes-or-no question that names a place ("is it available in germany?") asks where it holds.
   */
  const asked = (question: string, reading: Reading) => {
    const aspect = askedAspect(question);
    return {
      terms: asksProvenance(question)
        ? reading.terms.filter((term) => !provenanceTerms.has(term))
        : reading.terms,
      aspect: aspect === "whether" && showsAspect(question, "where") ? ("where" as const) : aspect,
    };
  };
  const rounded = (confidence: number) => Math.round(confidence * 100) / 100;
  const considered = (candidate: Candidate) => ({
    id: candidate.entry.id,
    confidence: rounded(candidate.confidence),
  });
  const answerReply = (entry: Entry, confidence: number, followUpOf?: string): AnswerReply => ({
    kind: "answer",
    entryId: entry.id,
    question: entry.question,
    text: entry.answer,
    sources: entry.sources,
    confidence: rounded(confidence),
    related: entry.related
      .map((id) => kb.byId.get(id))
      .filter((related): related is Entry => related !== undefined)
      .slice(0, maxButtons)
      .map(suggestion),
    ...(followUpOf ? { followUpOf } : {}),
  });

  /**
   * Replies from the answer on screen that say it has nothing on what the follow-up asks ("any
   * minimum?" of one with no figure, "why?" of one that gives no reason): after a "Did you mean",
   * no reason to take its likeliest question as meant.
   */
  const saysNothingOn = new WeakSet<AnswerReply>();
  const nothingOn = (reply: AnswerReply) => {
    saysNothingOn.add(reply);
    return reply;
  };

  /** The reply with these questions first among its related ones, the rest after them. */
  const relatedFirst = (reply: AnswerReply, first: readonly Suggestion[]): AnswerReply => ({
    ...reply,
    related: [
      ...first,
      ...reply.related.filter((item) => !first.some(({ id }) => id === item.id)),
    ].slice(0, maxButtons),
  });
  /** A part of the answer as the reply's text, its first button bringing the whole answer back. */
  const partOf = (full: AnswerReply, text: string): AnswerReply =>
    relatedFirst({ ...full, text }, [{ id: full.entryId, question: full.question }]);

  /**
   * A follow-up answered by the answer already on screen ("and for agencies?" after the JBP)
   * gets the part of it that speaks to the follow-up: the answer's opening and the passage that
   * stands out for it; when none does but the answer touches on what is asked, the opening with
   * a pointer to the answer above; asked how long something takes when the answer gives no time,
   * that it gives none; pointing back at it when nothing in it speaks to the follow-up ("and for
   * agencies?" of one with nothing on agencies), that it has nothing more. The first button
   * brings the whole answer back. Asked whose
   * word it is, the reply says that first, and the passage is found by the rest of the words.
   */
  const excerpt = (full: AnswerReply, question: string, reading: Reading): AnswerReply => {
    const whereFrom = asksProvenance(question);
    const asking = asked(question, reading);
    // "and japan?" of "Is ad credit available in every country?": its "No" is to every country.
    const entry = kb.byId.get(full.entryId);
    const said = entry ? withoutYesNo(full.text, question, asksOfSome(question, entry)) : full.text;
    // "is it available in kenya?" of an answer that says further down that it applies everywhere
    // ("global, where the Ads Manager UI shows the offer"): that part.
    const focus =
      focusedPassage(said, asking, termsOf, matcher.termWeight) ??
      (entry && asksOnlyPlace(question, reading) && !opensOnPlaces(entry) && !aboutOnePlace(entry)
        ? passageMatching(said, appliesEverywhere)
        : undefined);
    const lead = opening(said);
    const withLead = (passage: string) =>
      lead === "" || passage.startsWith(lead) ? passage : `${lead}\n\n${passage}`;
    const excerpted =
      focus !== undefined ? `From my last answer:\n\n${withLead(focus)}` : undefined;
    // "so?", "and then?": asked of the answer itself, which is still above; not sent again.
    const pointer =
      lead !== "" &&
      lead !== said.trim() &&
      (reading.terms.length === 0 || touchesOn(said, asking, termsOf))
        ? `That's in my last answer, above. In short:\n\n${sentence(lead)}`
        : undefined;
    // "how long does that take?" of an answer with no time in it: say so, not the answer again.
    const noDuration =
      lead !== "" && givesNoDuration(said, question)
        ? `My last answer gives no time frame for that, and I have none from its sources. In short:\n\n${sentence(lead)}`
        : undefined;
    // "is there a min spend?" of an answer with no figure in it: say so, not the answer again.
    const noFigure =
      lead !== "" && givesNoFigure(said, question)
        ? `My last answer gives no figure for that, and I have none from its sources. In short:\n\n${sentence(lead)}`
        : undefined;
    // Resting on both, the short answer shows whose word the main claim is: it names its source.
    const short = restsOnBoth(full.sources) && lead !== "" ? shortAnswer(lead) : undefined;
    // "and for agencies?" of an answer with nothing on agencies: not the same answer again (nor,
    // for an answer that opens on a list, the whole of it).
    const nothingMore = !(continues(question) || asksOnlyPlace(question, reading))
      ? undefined
      : lead !== ""
        ? `My last answer has nothing more specific on that. In short:\n\n${sentence(lead)}`
        : "My last answer, above, has nothing more specific on that.";
    const text = whereFrom
      ? [provenance(full.sources), excerpted ?? short].filter(Boolean).join("\n\n")
      : (noDuration ?? excerpted ?? noFigure ?? pointer ?? nothingMore);
    if (text === undefined) return full;
    const part = partOf(full, text);
    if (text === noDuration) return nothingOn(part);
    // "and japan?" of the Australian offer, "any minimum?" of one with no figure: what the
    // question finds alone is one click away.
    if (text !== nothingMore && text !== noFigure) return part;
    const elsewhere = leadsOf(reading.alone, likelyElsewhere).filter(
      (entry) => entry.id !== full.entryId,
    );
    return nothingOn(
      relatedFirst(
        part,
        [part.related[0], ...elsewhere.map(suggestion)].flatMap((x) => x ?? []),
      ),
    );
  };

  /**
   * "why?" or "even if it was a mistake?" right after an answer: the passage that gives the
   * reason, or that speaks to the case named; when none does, that the answer gives no more
   * reason or names no exception, with its short answer. The first button brings the whole
   * answer back.
   */
  const onScreenRule = (
    entry: Entry,
    question: string,
    reading: Reading,
    asking: RuleAsked,
  ): AnswerReply => {
    const full = answerReply(entry, 1, entry.id);
    const lead = opening(full.text);
    const passage =
      asking === "why"
        ? passages(full.text).find((part) => givesReason.test(part))
        : focusedPassage(full.text, asked(question, reading), termsOf, matcher.termWeight);
    const none =
      asking === "why"
        ? "My last answer gives no more reason than this:"
        : "My last answer names no exception for that. In short:";
    const text =
      passage !== undefined
        ? `From my last answer:\n\n${lead !== "" && !passage.startsWith(lead) ? `${lead}\n\n` : ""}${passage}`
        : lead !== ""
          ? `${none}\n\n${sentence(lead)}`
          : undefined;
    if (text === undefined) return full;
    return passage === undefined ? nothingOn(partOf(full, text)) : partOf(full, text);
  };

  /**
   * "are you sure?", "i heard the opposite" right after an answer: whose word it is (or, asked
   * whether it is still current, how old its sources are), and the passage where its sources
   * part ways (a newer page, another version), or else its short answer (its first paragraph and
   * list, when the opening only leads into the list). The first button brings the whole answer
   * back.
   */
  const doubted = (entry: Entry, aboutDates: boolean): AnswerReply => {
    const full = answerReply(entry, 1, entry.id);
    const lead = opening(full.text);
    const split = passageMatching(full.text, tellsDifference);
    const body = split
      ? `Where its sources differ:\n\n${lead !== "" && !split.startsWith(lead) ? `${sentence(lead)}\n\n` : ""}${split}`
      : lead !== ""
        ? shortAnswer(lead)
        : // An opening that only leads into its list: the list with it.
          `From my last answer:\n\n${firstBlock(full.text)}`;
    // "is that still current?": how old its sources are, in place of whose word they are.
    const first = aboutDates ? howCurrent(full.sources, entry.checked) : provenance(full.sources);
    return partOf(full, `${first}\n\n${body}`);
  };

  // "is getadcredit official?" asks about the site, which its own entry answers.
  const sites = [
    ...new Set(
      kb.entries.flatMap((entry) =>
        entry.sources.flatMap((source) =>
          source.kind === "third_party" ? [normalize(source.publisher).split(" ")[0] ?? ""] : [],
        ),
      ),
    ),
  ].filter((name) => name.length > 2);
  const asksAboutSite = new RegExp(
    `\\b(is|are) (${sites.map((name) => name.replace(/[^a-z0-9]/g, "")).join("|")})\\b`,
  );
  /**
   * A question read alone that asks whether its claim is official ("is the once-per-TT4B rule
   * official or just getadcredit?"), not one that only says "officially" ("how do we apply
   * officially") or asks about a site itself.
   */
  const asksIfOfficial = (question: string) => {
    const asked = normalize(question);
    return asksProvenance(question) && claimQuestioned.test(asked) && !asksAboutSite.test(asked);
  };

  /** The terms of an entry's question and answer, worked out once per entry. */
  const heldTerms = new Map<string, ReadonlySet<string>>();
  const termsHeldBy = (entry: Entry): ReadonlySet<string> => {
    const known = heldTerms.get(entry.id);
    if (known) return known;
    const terms = new Set(termsOf(`${entry.question} ${entry.answer}`));
    heldTerms.set(entry.id, terms);
    return terms;
  };

  // The words entries are asked by: "even for agencies?" names one, "even if it was a mistake?" not.
  const topicTerms = new Set(kb.entries.flatMap((entry) => termsOf(entry.question)));
  /**
   * "why?" of the answer on screen, or "even if …" naming no topic of an entry that the answer
   * does not hold ("even for agencies?" after the new-advertiser credit asks about another entry).
   */
  const ruleAsked = (question: string, entry: Entry): RuleAsked | undefined => {
    const normalized = normalize(question);
    if (asksWhy.test(normalized)) return "why";
    if (!concedes.test(normalized)) return undefined;
    const held = new Set(termsOf(entry.answer));
    const elsewhere = termsOf(normalized.replace(concedes, "")).filter(
      (term) => !held.has(term) && topicTerms.has(term),
    );
    return elsewhere.length === 0 ? "exception" : undefined;
  };

  /**
   * "i thought the help page said no", "wait i thought MI was managed accounts only?": what the
   * person remembers against the answer on screen (see remembersOtherwise), naming no topic that
   * answer does not hold and asking nothing more.
   */
  const recallsOtherwise = (question: string, entry: Entry) => {
    const normalized = normalize(question);
    const recalled = remembersOtherwise.exec(normalized);
    if (!recalled) return false;
    const claim = normalized.slice(recalled[0].length);
    // "i saw that, how do we apply": a question of its own follows.
    if (asksAgain.test(claim)) return false;
    const held = termsHeldBy(entry);
    const terms = termsOf(claim);
    return terms.length > 0 && terms.every((term) => held.has(term) || !topicTerms.has(term));
  };

  /**
   * The other part of a two-part question ("can we stack a coupon on the spend match offer, and
   * does credit cover our agency fee?"), when read alone it is answered surely by an entry other
   * than the one answering the whole: that entry, offered first below the answer.
   */
  const otherPart = (question: string, answered: string) => {
    const parts = question
      .split(partBreak)
      .map((part) => part.trim())
      .filter((part) => part.split(/\s+/).length >= 3 && asksOnItsOwn.test(part));
    if (parts.length < 2) return undefined;
    for (const part of parts) {
      const alone = matcher.read(part).alone;
      if (alone.status === "answered" && alone.entry.id !== answered) {
        return { part: part.replace(/[?\s]+$/, ""), entry: alone.entry };
      }
    }
    return undefined;
  };

  /**
   * "credit q", "yo, credits", "help pls - tiktok credit": every word is one the knowledge base
   * knows that only names the subject as a whole (`general_terms` in vocabulary.yml), credit
   * among them, so there is no topic to answer or to choose among yet. A word it does not know
   * is a topic of its own ("uber credits?"), and "start an ad" is not about credits.
   */
  const namesNoTopic = (question: string, terms: readonly string[]) =>
    terms.length > 0 &&
    terms.every((term) => matcher.knowsTerm(term) && matcher.analyzer.isGeneral(term)) &&
    matcher.analyzer.hasDomainTerm(terms) &&
    !matcher.analyzer.isOutOfScope(question);
  /** What Credit Desk answers about, as the hello and the replies to vague messages say it. */
  const covered =
    "custom deals for high-volume advertisers, Joint Business Plans, agency credit, the Credit Line " +
    "(monthly invoicing), new-advertiser credit, coupons and promo codes";
  const checkOffer =
    "run `/credit-check` to see which programs a client's ad account is likely to qualify for";
  // An entry asked for by general words alone ("What is TikTok ad credit?") is where a vague
  // message most likely starts.
  const overviews = kb.entries
    .filter((entry) => namesNoTopic(entry.question, termsOf(entry.question)))
    .map(suggestion);
  const topics: Omit<FallbackReply, "confidence" | "considered"> = {
    kind: "fallback",
    text:
      `Happy to help with TikTok ad credits. What would you like to know? Ask me about ${covered}, ` +
      `or ${checkOffer}. People often ask:`,
    suggestions: [
      ...overviews,
      ...popular.filter(({ id }) => !overviews.some((o) => o.id === id)),
    ].slice(0, maxButtons),
  };

  const intro = (): IntroReply => ({
    kind: "intro",
    text:
      "Hi! I'm Credit Desk. I answer questions about TikTok ad credits, with the source for every answer: " +
      `${covered}. Ask me in your own words, or ${checkOffer}.`,
    examples: popular.slice(0, maxButtons),
  });

  /**
   * The part of the answer on screen a reply would show for a short follow-up that no reading is
   * sure of and that would otherwise fall back ("can tiktok shop sellers get it?" after the
   * Thailand offer), when the answer speaks to it: the follow-up points back or is a word or two,
   * names no other platform ("does meta do rebates?") and no word the knowledge base does not know
   * (near-misses asked right after their closest answer name something else: "my phone plan",
   * "the pixel"), and the passage of the answer that stands out for it holds one of its words;
   * when no passage stands out, the answer touches on what it asks ("who do we ask" of an answer
   * that names the account manager), and its opening is the part. Three words that do not point
   * back ("after how many attempts?") need a passage that holds two of them. A follow-up that
   * only points back ("so what do we tell clients") asks about the answer itself. Undefined when
   * it does not.
   */
  const screenPart = (entry: Entry, question: string, reading: Reading): string | undefined => {
    const { terms } = reading;
    if (matcher.analyzer.isOutOfScope(question)) return undefined;
    const asking = asked(question, reading);
    const focus = () => focusedPassage(entry.answer, asking, termsOf, matcher.termWeight);
    if (terms.length === 0)
      return leansOn(question) ? (focus() ?? opening(entry.answer)) : undefined;
    if (terms.length > screenFollowUpTerms) return undefined;
    const onlyPlace = asksOnlyPlace(question, reading);
    // "is it available in germany?" of an answer that says nowhere where it applies: its
    // "not available through self-serve" would read as "not in Germany".
    if (onlyPlace && !opensOnPlaces(entry) && !showsAspect(entry.answer, "where")) {
      return undefined;
    }
    // "is it available in kenya?" of an answer not about one place, whether or not the knowledge
    // base names the place: where the answer says it applies, when it opens on that or says it
    // holds everywhere (another country's passage would read as Kenya's).
    const wherever =
      onlyPlace && !aboutOnePlace(entry)
        ? opensOnPlaces(entry)
          ? opening(entry.answer)
          : passageMatching(entry.answer, appliesEverywhere)
        : undefined;
    if (wherever !== undefined) return wherever;
    if (!terms.every(matcher.knowsTerm)) return undefined;
    const wordsHeld = terms.length > 2 && !leansOn(question) ? 2 : 1;
    const passage = focus();
    if (passage === undefined && wordsHeld > 1) return undefined;
    if (passage === undefined) {
      // "what about in the UK?" of an answer that names no UK: what it does say, in short
      // ("what about tomorrow?" names no place, and is no follow-up of it).
      const goesOn =
        (continues(question) &&
          terms.length <= ellipticalTerms &&
          showsAspect(question, "where")) ||
        (onlyPlace && opensOnPlaces(entry));
      return goesOn || touchesOn(entry.answer, asking, termsOf) ? opening(entry.answer) : undefined;
    }
    const held = new Set(termsOf(passage));
    // Of three, two that are not general words: "ads manager" is one name that most answers hold.
    const named = terms.filter(
      (term) => held.has(term) && (wordsHeld === 1 || !matcher.analyzer.isGeneral(term)),
    );
    return new Set(named).size >= wordsHeld ? passage : undefined;
  };

  /**
   * Whether the answer on screen speaks to a follow-up (see screenPart) and shows what it asks
   * for, a time, an amount or a place, in the part of it the reply would show: "where is it
   * available?" of an answer that opens with the countries. "who" is left out: agencies,
   * advertisers or an account manager are named in nearly every answer.
   */
  const showsAsked = (entry: Entry, question: string, reading: Reading): boolean => {
    const { aspect } = asked(question, reading);
    if (!aspect || aspect === "who") return false;
    const part = screenPart(entry, question, reading);
    return part !== undefined && showsAspect(part, aspect);
  };

  /**
   * Whether a message asks, in two words or more, what one of these entries' questions names and
   * the entry on screen does not hold ("is the jbp credit refundable if unused?" of the JBP, with
   * the refund entry among the choices).
   */
  const asksAbout = (entries: readonly Entry[], onScreen: Entry, terms: readonly string[]) => {
    const held = termsHeldBy(onScreen);
    const unheld = terms.filter((term) => !held.has(term));
    return entries.some((entry) => {
      const named = new Set(termsOf(entry.question));
      return unheld.filter((term) => named.has(term)).length >= 2;
    });
  };

  /** "does that apply in australia?": whether the answer on screen holds there, not Australia's. */
  const asksIfHolds = (question: string, reading: Reading) =>
    leansOn(question) && reading.terms.some((term) => holdingWords.has(term));

  /**
   * Whether an answer opens on where it applies ("emailed codes go out in Vietnam, Japan, …",
   * "available only in certain regions"), not only on whose page says so ("(TikTok's Thailand
   * and WooCommerce terms)").
   */
  const opensOnPlaces = (entry: Entry) => {
    const said = opening(entry.answer).replace(
      /\([^)]*\b(?:terms|help center|third party)\b[^)]*\)/gi,
      "",
    );
    return showsAspect(said, "where") || /\b(regions?|countries|markets?)\b/i.test(said);
  };

  /** An entry that asks about one place ("Is there an ad credit offer in Australia?"). */
  const aboutOnePlace = (entry: Entry) =>
    showsAspect(entry.question, "where") && !appliesEverywhere.test(entry.question);

  /**
   * "in the uk?", "and japan?", "does that apply in brazil?": a place and nothing else, or only
   * words asking whether something holds there.
   */
  const asksOnlyPlace = (question: string, reading: Reading) =>
    !/^how\b/.test(normalize(question)) &&
    reading.terms.some((term) => !holdingWords.has(term)) &&
    normalize(question).split(" ").length <= 6 &&
    showsAspect(question, "where") &&
    termsOf(withoutPlaces(normalize(question))).every((term) => holdingWords.has(term));

  /**
   * The entries a reading leads to: the one answered, or the choices offered or the closest at
   * least `least` likely.
   */
  const leadsOf = (result: MatchResult, least: number): Entry[] =>
    result.status === "answered"
      ? [result.entry]
      : (result.status === "ambiguous" ? result.choices : result.closest)
          .filter(({ confidence }) => confidence >= least)
          .map(({ entry }) => entry);

  /**
   * "same for coupons?" after "is ad credit transferable between ad accounts?": the message
   * before asked again with coupons in place of ad credit, when that reads surely alone and its
   * answer holds what was swapped in (the same answer, when it is the one on screen).
   */
  const swappedRead = (
    question: string,
    reading: Reading,
    before: string,
    shown: OnScreen,
    asRead: MatchResult,
  ): { result: MatchResult; followUp?: string; leaned?: boolean; others?: Entry[] } | undefined => {
    const swap = leansOn(question) ? swaps.swapped(before, question) : undefined;
    if (!swap) return undefined;
    // "what about freelancers?" read as the entry that asks about freelancers: that entry, unless
    // the message asks for the same of them ("same for coupons?", "does that apply to coupons too").
    const same = reading.terms.some((term) => holdingWords.has(term));
    const ownEntry =
      asRead.status === "answered" &&
      swap.swappedIn.every((term) => termsOf(asRead.entry.question).includes(term));
    if (ownEntry && !same) return undefined;
    const result = matcher.match(swap.question);
    if (result.status !== "answered") return undefined;
    const { entry } = result;
    const held = new Set(
      termsOf(`${entry.question} ${entry.alternates.join(" ")} ${entry.answer}`),
    );
    if (!swap.swappedIn.every((term) => held.has(term))) return undefined;
    return entry.id === shown ? { result, followUp: entry.id } : { result };
  };

  /** The entry a reading leads to: the one answered, or the first choice offered. */
  const leader = (result: MatchResult) =>
    result.status === "answered"
      ? result.entry.id
      : result.status === "ambiguous"
        ? result.choices[0]?.entry.id
        : undefined;

  /**
   * The message on its own, or as a follow-up of what the person was last shown: when it leans
   * on what came before (a pronoun, "and …", a bare word or two), or is short and means nothing
   * alone. A follow-up that names a topic of its own ("and the credit line?") is answered on
   * that topic. A message that names nothing about credits is read against what is on screen
   * too, but only a sure answer counts (most such messages are office talk).
   */
  const read = (
    question: string,
    reading: Reading,
    onScreen: OnScreen | undefined,
  ): { result: MatchResult; followUp?: string; leaned?: boolean; others?: Entry[] } => {
    const { alone } = reading;
    const shown = (typeof onScreen === "string" ? [onScreen] : (onScreen ?? [])).filter((id) =>
      kb.byId.has(id),
    );
    if (shown.length === 0) return { result: alone };
    const afterChoices = Array.isArray(onScreen);
    const here = typeof onScreen === "string" ? kb.byId.get(onScreen) : undefined;
    // "summarise the credit line rules" names what it wants summed up, and "what about
    // tomorrow?" a time, not a case of the answer: neither is read against the answer on screen.
    const said = normalize(question);
    const inContext =
      readsInContext(question, reading) && !summaryOfTopic.test(said) && !onlyATime.test(said);
    // Read against each entry offered, or against the answer on screen when the message may
    // lean on it; which reading wins is decided below.
    const readings =
      afterChoices || inContext
        ? shown.map((id) => ({ id, result: reading.asFollowUp(id, afterChoices) }))
        : [];
    // Right after a "Did you mean" (or an unsure fallback), a message unsure alone that reads
    // surely against an entry offered, and leads to the same entry against each of the others
    // ("how long till the money is back?"), goes on from them; unless it names nothing about
    // credits and reads as off topic ("best hashtags for a beauty brand"), as the matcher holds
    // a question read alone.
    const onTopic = !reading.offDomain || reading.scope >= scopeBoundary;
    // Answered alone only from the lower bar of a question in scope, it is no surer than the
    // choices it follows ("how long till the money is back?" after the two refunds).
    const sureAlone = alone.status === "answered" && alone.confidence >= matcher.answerBar;
    if (afterChoices && !sureAlone && onTopic) {
      const sure = readings.find(({ result }) => result.status === "answered");
      if (sure && readings.every(({ result }) => leader(result) === leader(sure.result))) {
        return { result: sure.result, followUp: sure.id };
      }
    }
    // A full question that names something about credits stands on its own.
    if (!inContext) {
      // A full question alone unsure between entries, led by the answer on screen, that reads
      // surely against it ("what do the coupon terms actually cover?" after the terms): what is
      // on screen settles the doubt. The answer is given whole, the other choices one click away.
      // Not when it asks what another choice's question names and the answer does not hold.
      // (With the answer on screen anywhere among the choices, three more tuning follow-ups got
      // a wrong answer for one more right: 2026-12-06.)
      if (here && alone.status === "ambiguous" && alone.choices[0]?.entry.id === here.id) {
        const others = alone.choices.slice(1).map(({ entry }) => entry);
        const against = asksAbout(others, here, reading.terms)
          ? undefined
          : reading.asFollowUp(here.id, false);
        if (against?.status === "answered" && against.entry.id === here.id) {
          return { result: against, others };
        }
      }
      // Unsure alone between entries, sure of the first of them against the answer on screen
      // ("how long till the credit shows" after the promo-code spend rules): the context settles it.
      const [first, ...rest] = alone.status === "ambiguous" ? alone.choices : [];
      if (here && first && first.entry.id !== here.id) {
        const against = reading.asFollowUp(here.id, false);
        if (against.status === "answered" && against.entry.id === first.entry.id) {
          return { result: against, followUp: here.id, others: rest.map(({ entry }) => entry) };
        }
      }
      return { result: alone };
    }
    const leans = mayFollowUp(question, reading.terms.length);
    const answered = readings.flatMap(({ id, result }) =>
      result.status === "answered" ? [{ id, result }] : [],
    );
    const [surest] = answered.sort((a, b) => b.result.confidence - a.result.confidence);
    // Read in context only because it names nothing about credits: it does not look like a
    // follow-up, and most such messages are office talk, so it has a bar of its own.
    if (!leans) {
      return surest && surest.result.confidence >= matcher.noCreditWordsBar
        ? { result: surest.result, followUp: surest.id }
        : { result: alone };
    }
    if (!surest) {
      // What it asks for is right there in the answer on screen: no "Did you mean" needed.
      if (here && alone.status === "fallback" && showsAsked(here, question, reading)) {
        return {
          result: { status: "answered", entry: here, confidence: alone.confidence },
          followUp: here.id,
        };
      }
      // Unsure either way: choosing among the follow-up's readings beats a fallback.
      const unsure = readings.find(({ result }) => result.status === "ambiguous");
      if (unsure && alone.status === "fallback") return { result: unsure.result, leaned: true };
      if (alone.status !== "fallback") return { result: alone, leaned: true };
      if (here && screenPart(here, question, reading) !== undefined) {
        return {
          result: { status: "answered", entry: here, confidence: alone.confidence },
          followUp: here.id,
        };
      }
      // No reading is sure: suggest what the follow-up's readings find closest (not what is
      // already on screen), then what the message finds alone.
      const closest = [
        ...readings.flatMap(({ result }) => (result.status === "fallback" ? result.closest : [])),
        ...alone.closest,
      ].filter(
        (candidate, i, all) =>
          !shown.includes(candidate.entry.id) &&
          all.findIndex((other) => other.entry.id === candidate.entry.id) === i,
      );
      return { result: { ...alone, closest }, leaned: true };
    }
    const meant = new Map(answered.map(({ result }) => [result.entry.id, result]));
    if (meant.size > 1) {
      // Read against each entry offered, it asks different things. A second "Did you mean" in a
      // row would ask again what the person did not pick: the surest reading is answered, the
      // others one click away. But when each reading only gives back the entry it was read
      // against ("neither", "how long"), the message adds nothing to choose by: the choice
      // stands, unless it names what only one offered question names ("and for agencies?" after
      // the high-volume and agency deals). So it does for a single word that names none of the
      // offered questions ("how much" after three programs' eligibility), unless it names what
      // only one reading's question names (the new-advertiser amount, "How much is…").
      const echoes = answered.every(({ id, result }) => result.entry.id === id);
      const named = answered.filter(({ result }) => {
        const asked = new Set(termsOf(result.entry.question));
        return reading.terms.some((term) => asked.has(term) && !matcher.analyzer.isGeneral(term));
      });
      const offeredTerms = new Set(shown.flatMap((id) => termsOf(kb.byId.get(id)?.question ?? "")));
      const bare =
        reading.terms.length <= 1 && !reading.terms.some((term) => offeredTerms.has(term));
      const chosen = !echoes && !bare ? surest : named.length === 1 ? named[0] : undefined;
      if (!chosen) {
        const choices = [...meant.values()]
          .slice(0, maxButtons)
          .map(({ entry, confidence }) => ({ entry, confidence }));
        return { result: { status: "ambiguous", confidence: surest.result.confidence, choices } };
      }
      const others = [...meant.values()]
        .filter(({ entry }) => entry.id !== chosen.result.entry.id)
        .map(({ entry }) => entry);
      return { result: chosen.result, followUp: chosen.id, others };
    }
    // Pointing back at the answer on screen ("it", "and …") or elliptical ("any minimum spend?"),
    // read surely against it: that reading wins, even over a surer one alone ("any minimum
    // spend?" after custom deals is not about the Credit Line). A short full question ("does tiktok
    // ad credit expire") is answered alone when it is surer so.
    const together = surest.result;
    // "in the uk?" after an answer that opens on where it applies: that answer, unless the entry
    // read names the place in its own question ("and australia?" after the regions). A message
    // that asks whether that answer holds there ("does that apply in australia?", "is it
    // available in germany?") stays on it when it says anywhere where it holds.
    if (
      here &&
      together.entry.id !== here.id &&
      asksOnlyPlace(question, reading) &&
      (asksIfHolds(question, reading)
        ? opensOnPlaces(here) || showsAspect(here.answer, "where")
        : opensOnPlaces(here) &&
          !termsOf(together.entry.question).some((term) => reading.terms.includes(term)))
    ) {
      return {
        result: { status: "answered", entry: here, confidence: together.confidence },
        followUp: here.id,
      };
    }
    const standsAlone =
      alone.status === "answered" &&
      alone.entry.id !== together.entry.id &&
      (!(leansOn(question) || reading.terms.length <= ellipticalTerms)
        ? alone.confidence > together.confidence
        : together.entry.id === here?.id && namesOnlyElsewhere(reading.terms, here, alone.entry));
    return standsAlone ? { result: alone } : { result: together, followUp: surest.id };
  };

  /**
   * "whats FVA" after the media-agency answer: each of its words is one few entries hold (as
   * names of things are), the entry it finds alone among them and the answer on screen not, so
   * it asks about something that answer does not hold.
   */
  const namesOnlyElsewhere = (terms: readonly string[], here: Entry, elsewhere: Entry) => {
    const [onScreen, found] = [termsHeldBy(here), termsHeldBy(elsewhere)];
    return (
      terms.length > 0 &&
      terms.every(
        (term) =>
          !onScreen.has(term) && found.has(term) && matcher.entriesHolding(term) <= fewEntries,
      )
    );
  };

  /** Words a part of a message uses when it describes the client or its account. */
  const aboutTheClient =
    /\b(client|clients|customer|customers|account|accounts|acct|accts|brand|brands|merchant|store|shop|they|their|them|theyre|he|she|it|its)\b/i;
  /**
   * "hey! I'm a media buyer at an indie agency, quick one: how do coupons work?" is read without
   * what comes before its question. But "freelancer here - should the client create the
   * account?" says what it is about in who the person is: the message is read with its
   * introduction too, and the surer reading wins (an answer, by confidence, before a "Did you
   * mean", before a fallback; read without openers on a tie). When neither is answered, parts
   * before the question that name nothing about credits are tried away.
   */
  const withoutOpenersIfSurer = (text: string, shown: OnScreen | undefined) => {
    const readingOf = (question: string) => {
      const reading = matcher.read(question);
      return { question, reading, result: read(question, reading, shown) };
    };
    /** Answered above all, by confidence; then a "Did you mean"; then a fallback. */
    const rank = ({ result: { result } }: ReturnType<typeof readingOf>) =>
      result.status === "answered" ? 2 + result.confidence : result.status === "ambiguous" ? 1 : 0;
    const typed = questionText(withoutOpeners(text));
    const introduced = questionText(withoutOpeners(text, true));
    // Leading parts that name nothing about credits may go too ("Priya from the Toronto
    // office."). A part about the client is the question's case ("woocommerce merchant, …").
    const aboutCredits = (part: string) =>
      aboutTheClient.test(part) || matcher.analyzer.hasDomainTerm(matcher.analyzer.terms(part));
    const idle = questionText(withoutOpeners(text, false, aboutCredits));
    if (introduced === typed && idle === typed) {
      return { question: typed, reading: matcher.read(typed), result: undefined };
    }
    const patterned = readingOf(typed);
    let surest = patterned;
    if (introduced !== typed) {
      const kept = readingOf(introduced);
      if (rank(kept) > rank(surest)) surest = kept;
    }
    // The idle parts go when that answers the message, unless they are what makes it off-topic
    // ("our client is a creator, …").
    const inScope =
      patterned.reading.alone.status !== "fallback" || patterned.reading.scope >= scopeBoundary;
    if (surest.result.result.status !== "answered" && inScope && idle !== typed) {
      const cut = readingOf(idle);
      if (cut.result.result.status === "answered") surest = cut;
    }
    return surest;
  };

  const replyTo: Answers["reply"] = (text, onScreen, askedBefore) => {
    if (text.length > longestQuestion) return tooLong(text.length);
    const intent = detectIntent(text);
    if (intent === "greeting" || intent === "help") return intro();
    if (intent === "thanks") return acknowledged;
    if (intent === "stop") return noCheck;
    if (intent === "complaint") return notFlagged;
    if (bareNumber.test(text)) return nothingToPick;
    // "ok next q: autopay" says it is no follow-up of the answer on screen.
    const shown = leavesTopic(text) ? undefined : onScreen;
    // The reading chosen among openers was read already; a message without openers is read below.
    const { question, reading, result: readAlready } = withoutOpenersIfSurer(text, shown);
    const answerOnScreen = typeof shown === "string" ? kb.byId.get(shown) : undefined;
    // "is that official?" right after an answer asks about that answer, whatever it matches.
    if (answerOnScreen && asksOnlyProvenance(question)) {
      const full = answerReply(answerOnScreen, 1, answerOnScreen.id);
      return excerpt(full, question, reading);
    }
    const said = normalize(question);
    // "can you summarise that?": the answer on screen, in short.
    if (answerOnScreen && asksSummary.test(said)) {
      const full = answerReply(answerOnScreen, 1, answerOnScreen.id);
      const lead = opening(full.text) || (full.text.split("\n")[0] ?? "");
      return partOf(full, `In short:\n\n${sentence(lead)}`);
    }
    // "so which is right?" of an answer whose sources differ: whose word each part is, and
    // where they differ.
    const whichIsRight =
      answerOnScreen !== undefined &&
      asksWhichIsRight.test(said) &&
      passageMatching(answerOnScreen.answer, tellsDifference) !== undefined;
    // "did it used to be different?": where its sources differ, older pages among them.
    const changeAsked = answerOnScreen !== undefined && asksIfChanged.test(said);
    const doubtSaid =
      doubts.test(said) ||
      doubtsInSentences(
        question,
        (part) => asksOnlyProvenance(part) || asksWhichIsRight.test(normalize(part)),
      ) ||
      whichIsRight ||
      changeAsked;
    const doubting =
      doubtSaid || (answerOnScreen !== undefined && recallsOtherwise(question, answerOnScreen));
    // "is that info outdated?", "how recent is that?": how current it is. "i thought the
    // account had to be less than 6 months old" recalls a rule, and is no such question.
    const aboutDates =
      asksOnlyIfCurrent(question) || (doubtSaid && asksIfCurrent(question)) || changeAsked;
    if (answerOnScreen && (doubting || aboutDates)) {
      return doubted(answerOnScreen, aboutDates);
    }
    // Right after a "Did you mean" or an unsure fallback, nothing has been answered yet to be
    // official, or doubted.
    const offered = Array.isArray(shown) ? shown.flatMap((id) => kb.byId.get(id) ?? []) : [];
    // "the second one", typed instead of a click.
    const pickedEntry = offered[ordinalPicked(question, offered.length) ?? -1];
    if (pickedEntry) return answerReply(pickedEntry, 1);
    // "how do i do it" after a "Did you mean": "it" is one of the questions offered.
    if (offered.length > 0 && reading.terms.length === 0 && leansOn(question)) {
      return {
        kind: "clarify",
        text: "Which of these do you mean? Pick one and I'll answer it.",
        choices: offered.map(suggestion),
        confidence: 0,
        considered: [],
      };
    }
    if (offered.length > 0 && (asksOnlyProvenance(question) || doubting)) {
      return {
        kind: "clarify",
        text:
          "I haven't answered that yet. Pick the one you meant, and the answer will show " +
          "its sources and whose word each part is.",
        choices: offered.map(suggestion),
        confidence: 0,
        considered: [],
      };
    }
    // "why?", "even if it was a mistake?": about the rule on screen. A case that names another
    // topic is read as any follow-up first ("even for managed accounts?" after stacking).
    const rule = answerOnScreen && ruleAsked(question, answerOnScreen);
    if (answerOnScreen && rule !== undefined)
      return onScreenRule(answerOnScreen, question, reading, rule);
    const asRead = readAlready ?? read(question, reading, shown);
    const swapped =
      shown !== undefined && askedBefore !== undefined
        ? swappedRead(question, reading, askedBefore, shown, asRead.result)
        : undefined;
    const { result, followUp, leaned, others = [] } = swapped ?? asRead;
    // "where do i find that?" of an answer that gives a menu path: that path, with who gives it.
    const path =
      answerOnScreen && asksWhereToDoIt.test(said) ? menuPath(answerOnScreen.answer) : undefined;
    if (answerOnScreen && path) {
      const full = answerReply(answerOnScreen, 1, answerOnScreen.id);
      return partOf(full, `From my last answer:\n\n${path}`);
    }
    // "who on our side can do it?", unsure in every reading or read as the answer on screen: the
    // role that answer names.
    const role =
      answerOnScreen &&
      (result.status !== "answered" || result.entry.id === answerOnScreen.id) &&
      asksWhichRole.test(said)
        ? (passageMatching(answerOnScreen.answer, namesRole) ??
          sentenceMatching(answerOnScreen.answer, namesRole))
        : undefined;
    if (answerOnScreen && role) {
      const full = answerReply(answerOnScreen, 1, answerOnScreen.id);
      return partOf(full, `From my last answer:\n\n${role}`);
    }
    // "who do we ask?" after an answer has one meaning, whoever the readings doubt between:
    // whom the answer on screen says to ask, or else the likeliest choice that names someone
    // to contact about its topic.
    if (answerOnScreen && result.status !== "answered" && asksWhoToContact.test(said)) {
      const full = answerReply(answerOnScreen, 1, answerOnScreen.id);
      const whom = sentenceMatching(full.text, tellsWhomToAsk);
      if (whom) return partOf(full, `From my last answer:\n\n${whom}`);
      const contact =
        result.status === "ambiguous"
          ? result.choices.find((choice) => namesContact.test(choice.entry.answer))
          : undefined;
      if (contact) return answerReply(contact.entry, contact.confidence, answerOnScreen.id);
    }
    // "credit q", "credit again": asked read alone, it names no topic to choose among, whatever
    // entry holds its words; unless that entry is asked for by general words alone, or a
    // curator made these very words one of its phrasings.
    const noTopic = followUp === undefined && !leaned && namesNoTopic(question, reading.terms);
    if (noTopic && result.status === "answered" && !reading.curated) {
      const entry = result.entry;
      if (!overviews.some(({ id }) => id === entry.id)) {
        return {
          ...topics,
          confidence: rounded(result.confidence),
          considered: [considered(result)],
        };
      }
    }
    if (result.status === "answered") {
      const full = relatedFirst(
        answerReply(result.entry, result.confidence, followUp),
        others.map(suggestion),
      );
      // Answered by the answer already on screen, read as a follow-up of it, or alone but short
      // or leaning on it ("what bidding do we need" after the Smart+ incentive): the part of it
      // that speaks to it. A question asked again in full gets it whole.
      const fromScreen =
        shown === full.entryId &&
        (followUp === shown || mayFollowUp(question, reading.terms.length));
      if (fromScreen) return excerpt(full, question, reading);
      // "how long does a JBP run?" of an answer that gives no time at all: say so first.
      const text = withoutYesNo(full.text, question, asksOfSome(question, result.entry));
      const body = givesNoDuration(text, question)
        ? `${noTimeFrame} What they do say:\n\n${text}`
        : text;
      // "is the once-per-TT4B rule official?": whose word it is comes first, or the answer's
      // own opening ("**No: the offer is once per advertiser…**") would read as the reply to it.
      const whereFrom = asksIfOfficial(question)
        ? `${provenance(full.sources, "this answer")}\n\n`
        : "";
      const other = otherPart(question, full.entryId);
      if (!other) return { ...full, text: whereFrom + body };
      return relatedFirst(
        {
          ...full,
          text: `${whereFrom}${body}\n\nYour question has a second part ("${other.part}"): see "${other.entry.question}" under related questions.`,
        },
        [suggestion(other.entry)],
      );
    }
    if (noTopic) {
      const weighed = result.status === "ambiguous" ? result.choices : result.closest;
      return {
        ...topics,
        confidence: rounded(result.confidence),
        considered: weighed.map(considered),
      };
    }
    if (result.status === "ambiguous") {
      return {
        kind: "clarify",
        text:
          result.choices.length === 1
            ? "I'm not sure I've read that right. Did you mean this?"
            : "That could mean more than one thing. Did you mean one of these?",
        choices: result.choices.map((choice) => suggestion(choice.entry)),
        confidence: rounded(result.confidence),
        considered: result.choices.map(considered),
      };
    }
    const close = result.closest.slice(0, maxButtons).map((item) => suggestion(item.entry));
    // A question that reads as being about credits but that no entry answers surely is not
    // told what Credit Desk covers: the list would name the very topic it asked about.
    const inScope = close.length > 0 && result.scope >= scopeBoundary;
    // A short one right after an answer (or a "Did you mean"), "and for agencies?", was most
    // likely a follow-up the matcher could not place: say so, rather than that there is no answer.
    // So is one in words the knowledge base knows, however its words alone read ("who do we
    // ask" after the payout times); one with a word it does not know ("anyone for lunch?") is
    // told what Credit Desk covers.
    const knownWords =
      reading.terms.length > 0 &&
      reading.terms.every(matcher.knowsTerm) &&
      !matcher.analyzer.isOutOfScope(question);
    const unplaced = leaned === true && close.length > 0 && (inScope || knownWords);
    return {
      kind: "fallback",
      text: unplaced
        ? "I'm not sure which answer you need for that. Were you asking about one of these?"
        : inScope
          ? "I don't have an answer I'm sure of for that yet. Were you asking about one of these?"
          : "I don't have an answer for that. I only know about TikTok ad credits and billing " +
            "programs (custom deals, JBPs, agency credit, the Credit Line, new-advertiser credit, coupons). " +
            (close.length > 0 ? "Were you asking about one of these?" : "People often ask:"),
      suggestions: close.length > 0 ? close : popular.slice(0, maxButtons),
      confidence: rounded(result.confidence),
      considered: result.closest.map(considered),
      // A question read alone, unsure between entries, leaves them on screen as a "Did you mean"
      // would; a follow-up no reading places leaves the answer before it there.
      ...(inScope && !leaned ? { unsure: true } : {}),
    };
  };

  /**
   * A follow-up of a "Did you mean" that leans on it and that no reading places ("is that
   * official?", "what about korea?"): read against the likeliest question offered, and when that
   * question's own answer has something on it, that answer, whole (it was never shown), under a
   * line naming the question taken, the other choices first among the related questions; asked
   * whose word it is, that first. "neither", a message with no words of its own ("then what"),
   * doubt or a summary of what was never answered, or a follow-up the likeliest answer has nothing
   * on ("any minimum?" of one with no figure) gets the reply as read.
   */
  const readAfterChoices = (
    reply: ReturnType<Answers["reply"]>,
    text: string,
    offered: readonly string[],
    askedBefore?: string,
  ): ReturnType<Answers["reply"]> => {
    if (reply.kind !== "clarify" && reply.kind !== "fallback") return reply;
    const [likeliest, ...rest] = offered.flatMap((id) => kb.byId.get(id) ?? []);
    const question = questionText(text);
    const said = normalize(question);
    const terms = termsOf(question);
    if (
      !likeliest ||
      !mayFollowUp(question, terms.length) ||
      (terms.length === 0 && !asksOnlyProvenance(question)) ||
      rejectsChoices.test(said) ||
      doubts.test(said) ||
      asksSummary.test(said) ||
      asksIfChanged.test(said) ||
      asksWhichIsRight.test(said) ||
      asksOnlyIfCurrent(question) ||
      recallsOtherwise(question, likeliest)
    ) {
      return reply;
    }
    const onLikeliest = replyTo(text, likeliest.id, askedBefore);
    if (
      onLikeliest.kind !== "answer" ||
      onLikeliest.entryId !== likeliest.id ||
      saysNothingOn.has(onLikeliest)
    ) {
      return reply;
    }
    const whole = answerReply(likeliest, onLikeliest.confidence);
    const whose = asksOnlyProvenance(question)
      ? `${provenance(likeliest.sources, "this answer")}\n\n`
      : "";
    return relatedFirst(
      {
        ...whole,
        text: `Taking your question as about "${likeliest.question}":\n\n${whose}${whole.text}`,
      },
      rest.map(suggestion),
    );
  };

  return {
    intro,
    popular: () => popular,
    entry(id) {
      const entry = kb.byId.get(id);
      return entry ? answerReply(entry, 1) : undefined;
    },
    reply(typed, onScreen, typedBefore) {
      const text = inEnglish(typed);
      const askedBefore = typedBefore === undefined ? undefined : inEnglish(typedBefore);
      const reply = replyTo(text, onScreen, askedBefore);
      return Array.isArray(onScreen) ? readAfterChoices(reply, text, onScreen, askedBefore) : reply;
    },
  };
}
