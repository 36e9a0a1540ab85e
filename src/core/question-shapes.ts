import { normalize } from "../knowledge/text.js";

/**
 * The shapes of a message that decide how an answer is given, not which entry gives it: "why?"
 * or "even if …" of the answer on screen, "who do we ask?", "is that official or just a blog?",
 * a two-part question, an open question whose answer opens on a yes or a no (answers.ts).
 */

/**
 * "why?", "how come", "but why tho", "why like that ah?": asked of the answer on screen, naming
 * nothing.
 */
export const asksWhy =
  /^((but|and|ok|okay|so|hmm|hm|wait) )?(why|how come|why not|why is that|why so|for what reason|whats the reason|what is the reason)( is that| tho| though| exactly| (is it )?like (that|this))?( (ah|lah|leh|lor|meh|hor))?$/;
/** "did it used to be different?", "has that changed?": whether the answer changed over time (normalized). */
export const asksIfChanged =
  /^((so|but|and|hmm|wait|ok|okay) )*((did|has|have|was|were) (it|that|this|they|the rules?|the criteria|that rule) (use|used) to be (different|otherwise)|(did|has|have) (it|that|this|they|the rules?|the criteria|that rule) (ever )?(change|changed|been different)|(didnt|hasnt|havent) (it|that|this|the rules?) (change|changed)|was (it|that|this) different (before|earlier|in the past)|is (that|this|it) new)( (at some point|over time|recently|lately|before|ever))?$/;

/** "so which is right?", "which one should we trust": said of sources that differ (normalized). */
export const asksWhichIsRight =
  /^((so|but|ok|okay|hmm|and|then|wait) )*((which|who)( one| source| page| of them| of those)? (is|s|was|are) (right|correct|true|accurate|official)|which( one| source| page| of them| of those)? (do|should|can) (i|we|you) (trust|believe|rely on))( then| here| now)?$/;

/**
 * "can you summarise that?", "tl;dr pls", "short version for the client": the answer or check
 * result on screen, shorter (normalized text).
 */
export const asksSummary =
  /^((ok|okay|so|and|pls|please|can|could|would|you|u|just|give|me|us|the|a|quick|quickly|now)\s+)*(summari[sz]e|summary|sum (it|that|this|them) up|tl dr|tldr|recap|short version|gist|in (short|a nutshell|one line))( (it|that|this|them|pls|please|for (me|us|the client|our client|the team|my boss)|in (one|a) (line|sentence)))*$/;
/** "summarise the credit line rules", "recap the jbp terms": a summary of a topic it names. */
export const summaryOfTopic =
  /^((pls|please|can you|could you|quick|quickly) )*(summari[sz]e|recap|sum up|tl ?dr( of| on)?|give (me|us) the gist of)\s+(?!(it|that|this|them|those|of|on|the above|above|your|the last|my|pls|please)\b)\S/;
/** "what about tomorrow?", "and next week?": a time alone, as people plan a call or a meeting. */
export const onlyATime =
  /^((and|so|ok|okay) )?((what|how) about |and )?(today|tonight|tomorrow|tmrw|yesterday|later|this (morning|afternoon|evening|week)|next (week|month)|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)$/;

/**
 * "even if it was a mistake?", "even for a $5 test", "even shopify merchants?", "like if the
 * client breaks ad policy": does the rule hold in this case too. ("what if the card is
 * declined?" is most often a new question; "what even is a jbp?" asks one of its own.)
 */
export const concedes =
  /^((but|and|so|ok|okay|what) )?(even (if|when|though|for|after|with|without|on|in)|like (if|when))\b|^((but|and|so|ok|okay) )?even(?= (?!(so|is|are|was|were|does|do|did|more|better|worse|now|then|though)\b)\w)/;
/**
 * "who do we ask?", "who do i contact then", "who we ask for it ah?", "who to talk to": whom to go
 * to about the answer on screen.
 */
export const asksWhoToContact =
  /^((ok|okay|so|and|then|right|cool|great|got it) )*(who|whom) (((do|should|can|would|will) )?(we|i|they|the client)|to) ((even|actually|just|then|need to|have to|go and) )*(ask|contact|talk to|speak to|reach out to|go to|email|reach|ping)( (then|for (that|this|it)|(about|abt|re|regarding) (it|this|that)|at tiktok|ah|lah|leh|lor|meh|hor))*$/;
/** "is X official", "official or just a blog", "says who": whether a claim is TikTok's word. */
export const claimQuestioned =
  /\b(is|are|was|were|isnt|arent)\b.*\b(official|offical|oficial|officially|legit|documented|confirmed|verified)\b|\bofficial or\b|\bor (just )?(getadcredit|a blog|blogs|some blog|a third party|third party)\b|\b(says who|who says)\b/;
/**
 * "are you sure?", "i heard the opposite", "is that still current?": doubt about the answer on
 * screen, naming nothing else it could be about (normalized, one sentence: see doubtsInSentences).
 */
export const doubts =
  /^((but|hmm|hm|wait|really|ok|okay|um|uh|huh|so) )*((are|r) (you|u) sure|(you|u) sure|(i|we) (read|heard|saw|thought|was told|were told|(recall|remember) (reading|seeing|hearing)) (the )?(opposite|otherwise|different|differently|something (else|different))|(is|was) (that|it|this) (right|correct|accurate|outdated|out of date|current|up to date|still (true|right|current|valid|the case))|(that|this) (sounds|seems|looks) (off|wrong|outdated|old)|really|for real|seriously|(that|thats|that is|this|this is) not what (my|our|the|their) (rep|am|account manager|sales rep|contact) (said|says|told (me|us))|(my|our) (rep|am|account manager) (said|says|told (me|us)) (otherwise|different|differently|something else|the opposite)|(the |other |some )?(pages|sources|sites|guides|blogs) (say|said) (otherwise|different|differently|something else|the opposite))( (though|tho|about (that|this|it)|last (year|month|week)|before|earlier|recently))?( (is|was) (that|it|this) (right|correct|outdated|out of date|still (true|current|valid)))?$/;
/**
 * "i thought the help page said no", "wait, we were told it was managed only", "are you sure? our
 * rep said 60 days" (what the rep said counts only after such a doubt: "our rep said it was
 * approved" is news): what someone remembers or was told, and a claim that sets it against the
 * answer (a no, an "only", a "said", a number).
 * Not agreement ("i thought so"), not where they saw it ("i saw it in ads manager").
 */
export const remembersOtherwise =
  /^(((but|hmm|hm|wait|ok|okay|so|um|uh|huh|oh|really|seriously|(are|r) (you|u) sure|(you|u) sure) )*((i|we) (thought|heard|was told|were told|read that|saw that)|thought)|((but|hmm|hm|wait) )*(really|seriously|(are|r) (you|u) sure|(you|u) sure) (my|our) (rep|am|account manager|sales rep) (said|says|told (me|us)))( that)? (?!(so|the same|as much|that was the case|too)\b)(?=.*\b(no|not|never|none|nothing|only|isnt|wasnt|arent|werent|cant|couldnt|doesnt|didnt|wont|said|says|was|were|had to|required|needed|\d+)\b)/;
/** A question word opening a later clause: "i saw that, how do we apply". */
export const asksAgain = /\b(how|what|whats|who|which|where|when|can|could|do|does|should)\b/;
/**
 * A passage on where sources part ways: pages or sources that differ, another version of a page,
 * a source that disputes or conflicts with another ("terms differ by program" is no such passage).
 */
export const tellsDifference =
  /\b((sources?|pages?|lists?|versions?|figures?|dates?) (differ|disagree|conflict)|differs? from|disagrees? with|conflicts? with|contradicts?|disputes? (it|this|that|the)|(\d{4}|earlier|older|newer|later|previous|another) version|version of|older page|(have|has) changed|but not all)\b/i;

/**
 * "what is …?", "how do we …", "… ?": a message that asks something, which a check waiting for
 * an answer takes as a question of its own, not as a try at its answer.
 */
export const asksSomething = (text: string) =>
  /\?\s*$/.test(text) ||
  /^\s*(what|whats|wats|wat|how|hows|why|when|where|wheres|who|whos|which|can|does|do|is|are)\b/i.test(
    text,
  );
/** "where do i find that?", "where do we do it?": where the thing on screen is done. */
export const asksWhereToDoIt =
  /^((ok|okay|so|and|then|right|cool) )*where (do|can|would|should) (i|we|they|you|the client) (find|do|access|get to|click|go to|set up|turn on) (that|this|it|them|those)( (then|in ads manager|in (the )?(bc|business center)))?$/;
/** "who on our side can do it?", "who can apply, anyone on the team?": which role may. */
export const asksWhichRole =
  /^((ok|okay|so|and|then|right|cool|but) )*(who (on (our|my|the|their) (side|team|end) )?(can|could|should|has to|needs to|must|is allowed to|gets to) (do|apply|aply|request|set|make|add|allocate|assign|see|access|use|manage|create|change|turn|enable|submit|approve)\b|(is|can) anyone on (the|our|my) team\b)|\banyone on (the|our|my) team\b/;
/** A sentence that names a role in an account: "the applicant needs the finance manager or admin role". */
export const namesRole = /\b(admins?|finance managers?|owners?|operators?|roles?|permissions?)\b/i;
/** "neither", "none of those": none of the questions offered was meant. */
export const rejectsChoices =
  /^((no|nope|nah|hmm|um|well|actually) )*(neither|none|not (those|these|them|quite|really)|something else|wrong|none of (those|these|them))\b|^(no|nope|nah)$/;
/** Whom people go to, in an answer's words. */
const contacts =
  "account managers?|reps?|representatives?|sales( team)?|support|contact (page|form|tiktok)|partner contact";
/** A sentence that says whom to ask: "Ask your TikTok rep before promising a client." */
export const tellsWhomToAsk = new RegExp(
  String.raw`\b(ask|contact|talk to|speak to|speak with|check with|reach out to|get in touch with|email)\b[^.]{0,40}\b(${contacts}|tiktok for business)\b`,
  "i",
);
/** Someone to go to: an account manager, a rep, sales, support or a contact page. */
export const namesContact = new RegExp(String.raw`\b(${contacts})\b`, "i");
/** What a follow-up asks of the rule on screen: its reason, or whether it holds in a case. */
export type RuleAsked = "why" | "exception";
/** A passage that gives a reason: the rule's why, where a source states one. */
export const givesReason =
  /\b(because|since|so that|in order to|to prevent|to stop|to avoid|the reason|as a result|which means|designed to|meant to)\b/i;

/**
 * Where a two-part question splits: a "?" or ";" mid-way, "1) … 2) …", or ", and does …" / "also
 * can …" opening a second question.
 */
export const partBreak =
  /\s*(?:[?;]\s+|\b\d\)\s*|,?\s+(?:and|also|plus)\s+(?=(?:does|do|is|are|can|could|will|would|should|how|what|whats|when|where|who|which)\b))/i;

/** A part that is a question of its own, not more words on the first ("like spend X get Y"). */
export const asksOnItsOwn =
  /^(does|do|did|is|are|can|could|will|would|should|how|what|whats|what's|when|where|who|which|why)\b/i;

/** "is …", "can we …": a question a yes or a no answers. */
const yesNoQuestion =
  /^(is|are|was|were|can|could|does|do|did|will|would|should|has|have|may|must|isnt|arent|doesnt|dont|cant)\b/;
/** "which countries?", "how does it work": open, unless it turns on a case ("what if …"). */
const openQuestion =
  /^(what|whats|which|where|wheres|who|whos|how|hows|when|why)\b(?! if\b| about\b)/;
/**
 * An answer's opening "**No: …", or "**Yes, according to X: …" (the source kept, with the
 * claim after its colon): the word that answers yes or no.
 */
const yesNoLead = /^\*\*(?:yes|no)(?::\s+|,?\s+(?=according\b[^*\n]*:))(\S)/i;
/**
 * Quoted as the short answer, any opening "**No:", "**Yes, if …" or "**No, in either direction";
 * not the "No" of "**No minimum spend … is published", which is the claim itself.
 */
const quotedYesNoLead = /^\*\*(?:yes|no)(?::|,)\s+(\S)/i;

/**
 * An answer written for its yes-or-no question ("Is TikTok ad credit available in every
 * country?" opens "**No: offers vary by region") without its yes or no when the question asked
 * is open ("which countries?"), or `askedOtherwise` (of one country), where a bare "No" would
 * answer something not asked.
 */
export const withoutYesNo = (text: string, question: string, askedOtherwise = false) => {
  const asked = normalize(question);
  if (!askedOtherwise && (yesNoQuestion.test(asked) || !openQuestion.test(asked))) return text;
  return withoutLead(text, yesNoLead);
};

/**
 * The answer's opening without its "**No:" or "**Yes, if": quoted as the short answer to "is
 * that official?" or "are you sure?", it would read as the reply to that.
 */
export const withoutYesNoLead = (text: string) => withoutLead(text, quotedYesNoLead);

/** The text without the yes or no `lead` finds, its next word capitalised inside the bold. */
const withoutLead = (text: string, lead: RegExp) =>
  text.replace(lead, (_, first: string) => `**${first.toUpperCase()}`);

const ordinals: Record<string, number> = {
  first: 0,
  "1st": 0,
  second: 1,
  "2nd": 1,
  third: 2,
  "3rd": 2,
};
/** Which of `count` offered choices "the second one" or "the last" picks, if it only says that. */
export function ordinalPicked(question: string, count: number): number | undefined {
  const picked =
    /^((ok|okay|um|uh|hmm) )?(the )?(first|1st|second|2nd|third|3rd|last)( one| option)?( please| pls| thanks)?$/.exec(
      normalize(question),
    )?.[4];
  if (picked === undefined) return undefined;
  const index = picked === "last" ? count - 1 : ordinals[picked];
  return index !== undefined && index < count ? index : undefined;
}

/**
 * "Is that official? We were told the opposite last year.": a message of several sentences, each
 * asking whose word the answer on screen is or doubting it (see `doubts`), one of them a doubt.
 * `asksOnlyWhose` tells a sentence that asks only whose word it is.
 */
export function doubtsInSentences(text: string, asksOnlyWhose: (sentence: string) => boolean) {
  const sentences = text
    .split(/(?<=[?.!])\s+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== "");
  const doubting = (sentence: string) => doubts.test(normalize(sentence));
  return (
    sentences.length > 1 &&
    sentences.some(doubting) &&
    sentences.every((sentence) => doubting(sentence) || asksOnlyWhose(sentence))
  );
}
