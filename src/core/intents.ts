import { normalize } from "../knowledge/text.js";
import { onlyIntroduces, withoutOpeners } from "./openers.js";
import { doubts } from "./question-shapes.js";

/** What a message is, before it is treated as a question for the knowledge base. */
export type Intent =
  | "greeting"
  | "help"
  | "forget"
  | "start_check"
  | "thanks"
  | "stop"
  | "complaint"
  | "question";

const greeting =
  /^(hi|hiya|hello|hey|heya|yo|howdy|good (morning|afternoon|evening)|morning|gm|sup|whats up)( there| all| team| credit desk| bot)?( (whats up|sup|how are you|how are things|hows it going|how is it going|how it going|how are you doing|how you doing))?$/;
const help =
  /^(help|help me|\?|what can you do|what do you do|what can i ask|what can i ask you|what can you help( me| us)? with|what do you help with|how can you help( me| us)?|what are you for|how does this work|how do i use this|who are you|what are you|who (made|built|created) you|commands|usage|menu|start)$/;
const forget =
  /^(please )?(forget me|forget about me|delete my data|delete everything about me|erase my data|clear my data|forget my data)( please)?$/;
const startCheck =
  /^((ok|okay|right|so|hey|hi|yo|alright) )?((can|could|would) (you|u) (please |pls )?|pls |please |lets |let |let us |(i|we) (want|would like|need) (to )?|(id|wed) like (to )?|(can|could) (i|we) )?(start |run |do |begin |get |have )?(a |an )?(credit ?(check|chek|chk|chck)|eligibility check|check (my |our )?eligibility|check (if |whether )?(my |our |a )?(client|clients|account)( is| s)?( eligible| eligibility)?|am i eligible|is my client eligible)( (for|on) (a |my |our |one of our |this |the )?([a-z]+ )?(client|clients|account|advertiser)( of (mine|ours))?)?( (please|pls|plz|thanks|thx))?$/;

/**
 * "actually nvm run it again", "start over": the check from the start ("can you try that again"
 * asks for the last reply again, not for a check).
 */
const checkAgain =
  /^((ok|okay|right|so|actually|nvm|never mind|nevermind|wait|hmm|sorry|oops)[ ,.!]*)*((can|could) (you|u|we) (please |pls )?|pls |please |lets )?((run (it|that) again)|((run|do|start|try) (the check|the credit check|a check|a credit check|the credit ?check) (again|over))|restart( the check| the credit check)?|start (over|again))( please| pls)?$/;

/** Whether a message asks for the credit check from the start, even while one is open. */
export const restartsCheck = (text: string) => checkAgain.test(normalize(text));

/** "can you check what programs my client qualifies for?": what the check itself answers. */
const asksForCheck =
  /^((can|could) (you|u) |pls |please )?(check|see|tell me|find out|show me|work out|figure out)? ?(what|which) (programs?|credits?|offers?|deals?|incentives?) (does |do |can |could |would |will |is |are )?(my|our|this) (client|clients|account|acct|advertiser|brand)( s)? (qualif(y|ies)( for)?|((is|are|be|would be) )?eligible( for)?|(can|could) get|get)( please| pls)?$/;
/** Goodbyes of more than a word, a nod after an answer and no answer to a check's question. */
const farewells = [
  "have a (good|great|nice|lovely) (one|day|weekend|week|evening|night)",
  "talk (soon|later|tomorrow)",
  "see (you|ya|u)( later| soon| tomorrow)?",
];
/**
 * Closers after an answer ("thanks!", "ok cool", "ah makes sense ty"): messages made only of
 * these words get a short reply, not a knowledge answer, and the context stays.
 */
const closerPhrases = [
  "thank you",
  "got it",
  "makes sense",
  "that helps",
  "this helps",
  "all good",
  "no worries",
  "never mind",
  "will do",
  "sounds good",
  "good to know",
  "fair enough",
  "appreciate it",
  "much appreciated",
  "for that",
  "for the help",
  "for this",
  "a lot",
  "so much",
  "very much",
  "many thanks",
  "what i needed",
  "what we needed",
  "figured it out",
  // "i thought so": agreeing with the answer, not doubting it.
  "(i|we) (thought|figured) (so|as much)( too)?",
  ...farewells,
  "(good|nice) (weekend|evening|night)",
  // "lol ur faster than our tiktok rep": praise, said as a nod.
  "(you|u|youre|ur|you are|you re) (r |are )?(so |really |way |super |much )?(fast|faster|quick|quicker|helpful|great|awesome|amazing|the best|a lifesaver|a legend|a star)( than (our|the|my|their) [a-z]+( [a-z]+)?)?",
];
const closerWords = new Set(
  (
    "ok okay k kk cool great perfect nice awesome brilliant amazing super lovely excellent sweet " +
    "gotcha understood helpful noted fab ace legend lol haha hah right sure yes yeah yep yup ah " +
    "oh ahh ohh ta cheers thank thanks thx ty tysm tks merci nvm nevermind appreciated mate again " +
    "team bot u ugh hmm thats that exactly no nope nah n y bye byebye cya later laters ttyl"
  ).split(" "),
);
const closerPattern = new RegExp(`\\b(${closerPhrases.join("|")})\\b`, "g");
/** Anything that asks: a question word, "can we …", "and for …", "what about …". */
const asks =
  /\b(what|whats|how|hows|why|when|where|who|which|whose)\b|^(can|could|does|do|did|is|are|should|would|will|may)\b|\b(is|are) (there|it|that|this|they)\b|\b(can|could|do|does|should|will) (we|i|they|you|it|that)\b|^(\w+ )?(and|also|but|so|then)\b/;
/** Thanks said anywhere in a short message that asks nothing ("found it, thanks"). */
const thanking =
  /\b(thanks|thank you|thank u|thanku|thanx|thnx|thx|ty|tysm|cheers|appreciate it|appreciated)\b/;
/** Whether a message says thanks, whatever else it does ("no" and "nope" are nods that do not). */
export const saysThanks = (text: string) => thanking.test(normalize(withoutShortcodes(text)));
/** Goodbye said anywhere in a message: "bye", "talk later", "have a good weekend". */
const farewell = new RegExp(`\\b(bye|byebye|cya|ttyl|laters|good night|${farewells.join("|")})\\b`);
/** Whether a message says goodbye, whatever else it does. */
export const saysBye = (text: string) => farewell.test(normalize(withoutShortcodes(text)));
const everyThanks = new RegExp(thanking.source, "gi");
/** The message without its thanks: "no thanks" answers no, "8 months thanks!" 8 months. */
export const withoutThanks = (text: string) =>
  withoutShortcodes(text)
    .replace(everyThanks, " ")
    .replace(/^[\s,.!]+|[\s,.!]+$/g, "");
/** A few words opening on a nod ("k figured", "yikes ok noted", "annoying but fine"). */
const nodding =
  /^(ok|okay|k|kk|cool|great|nice|perfect|noted|figured|got it|makes sense|ah|ahh|oh|hm|hmm|ugh|damn|yikes|sad|annoying|amazing|worked|found it|fair)\b/;
/**
 * What the person will do next, said after an answer ("ok will reach out to them", "will loop
 * in the am", "i'll pass it on to the client", "we'll ask the rep"): a sign-off, however many
 * words it takes, as long as what follows asks nothing (`questioning`).
 */
const announcing =
  /^((ok|okay|k|kk|cool|great|perfect|thanks|thx|ty|right|alright|sure|got it|noted|understood) )*((i|we) will |ill |well |will )(ask|check with|loop in|reach out|pass (it|that|this|them|those|these) (on|along|to)|pass on|let (them|him|her|the client|the team|you|u|everyone) know|tell|talk to|speak to|ping|email|contact|follow up|circle back|forward|flag|raise|mention|relay|get back|look into)\b/;
/** A restatement closed by a nod ("ok so media only, got it"), asking nothing of its own. */
const nodsLast = /\b(got it|noted|understood|makes sense|good to know|fair enough|will do)$/;
/** Words that make the rest of a sign-off a question ("… but is there a minimum spend"). */
const questioning =
  /\b(but|if|whether|does|do|did|is|are|was|can|could|would|should|what|whats|how|hows|why|when|where|who|which|whose)\b/;
const signsOff = (words: string) => {
  const announced = announcing.exec(words);
  const before = nodsLast.exec(words);
  const rest = announced
    ? words.slice(announced[0].length)
    : before
      ? words.slice(0, before.index)
      : undefined;
  return rest !== undefined && !questioning.test(rest);
};
const isCloser = (words: string, asked: boolean) => {
  if (
    words
      .replace(closerPattern, " ")
      .split(" ")
      .every((word) => word === "" || closerWords.has(word))
  ) {
    return true;
  }
  if (asked) return false;
  const count = words.split(" ").length;
  if (count <= 12 && signsOff(words)) return true;
  if (asks.test(words)) return false;
  return (thanking.test(words) && count <= 12) || (nodding.test(words) && count <= 4);
};

/**
 * "that's wrong", "not what i asked", "that didn't help": said of the answer just given. ("that's"
 * reads "that" once normalized.)
 */
const complaint =
  /^((no|nope|hmm|hm|um|uh|but|sorry|ugh|well|erm|nah) )*((that|thats|this|it|its|that answer|this answer|your answer|the answer|that reply) (is |was )?)?(wrong|incorrect|not right|not correct|not true|not accurate|inaccurate|not helpful|unhelpful|useless|not what i (asked|meant|wanted|was asking)|not my question)( answer)?$|^(wrong|bad|incorrect|unhelpful|useless) (answer|reply)$|^(that|this|it) (didnt|doesnt|did not|does not) (help|answer (my|the) question)$|^(you (got it|got that|are)|youre|ur) wrong$/;

const shortcodes = /:[a-z0-9_+'-]+:/gi;
const emojiOnly = /^[\p{Extended_Pictographic}\p{Emoji_Component}\s]+$/u;
/** "cancel" and friends typed when no guided check is under way. */
const stop = /^(cancel|stop|quit|exit|skip|pass|end|abort)( (it|that|this|the check|check))?$/;

const typedCommand = /^\/?credit[-_ ]?check\b[\s:,-]*(.*)$/is;
const onlyKeyValues = /^\s*(?:[a-z_]+\s*=\s*[^\s=]+\s*)+$/i;

/**
 * The details of a `/credit-check` typed as a message ("credit-check advertiser=direct months=8",
 * "/creditcheck …", or just "advertiser=direct months=8"), which would otherwise be read as a
 * question for the knowledge base; undefined for anything else.
 */
export function checkTypedAsMessage(text: string): string | undefined {
  const typed = text.trim();
  const details = typedCommand.exec(typed)?.[1]?.trim() ?? typed;
  return details.includes("=") && onlyKeyValues.test(details) ? details : undefined;
}

/** Slack writes emoji as :shortcodes: (":+1:", ":pray:"); they say nothing about a question. */
export const withoutShortcodes = (text: string) => text.replace(shortcodes, " ");

/**
 * "separate q -", "unrelated but", "switching gears,", "one more:": how people turn to a new
 * question in a chat. The words say nothing about the question and are words no entry uses, so
 * left in they only make a sure reading look unsure.
 */
const sep = "(?:\\s*[:,;]|\\s+[-\u2013\u2014]+(?=\\s))";
const topicShift = new RegExp(
  "^\\s*(?:(?:ok|okay|right|alright|cool|nvm|never ?mind|anyway|anyways|thanks|thx|got it)[,.!]*\\s+)*(?:" +
    [
      `(?:totally |completely )?(?:unrelated(?:-ish)?|separately|one more)(?:${sep}|\\s+but\\b|\\s+tho(?:ugh)?\\b)`,
      // "separate but linked accounts" is a question about separate things.
      `separate${sep}`,
      "(?:separate|different|another|other|new|next|random|quick|side|one more) (?:q|qq|question|topic|thing|note)" +
        `(?:${sep}|(?<=q) )`,
      `(?:switching gears|changing (?:the )?(?:topic|subject)|btw|by the way)${sep}`,
    ].join("|") +
    ")\\s*",
  "i",
);

/** What a message asks, as the matcher reads it: no emoji, no opener saying a new topic is coming. */
export const questionText = (text: string) => {
  const bare = withoutShortcodes(text);
  const rest = bare.replace(topicShift, "");
  return rest.trim() === "" ? bare : rest;
};

/** Openers that say the question is not about the answer before it ("quick q" or "btw" do not). */
const newTopic =
  /\b(unrelated|separate|separately|different|switching gears|changing (the )?(topic|subject)|(next|new|another|other) (q|qq|question|topic))\b/i;

/** Whether a message opens by saying it asks something new: "ok next q: autopay". */
export const leavesTopic = (text: string) => {
  const bare = withoutShortcodes(text);
  const opener = topicShift.exec(bare)?.[0];
  // An opener with nothing after it is the whole message, as questionText keeps it.
  return opener !== undefined && bare.slice(opener.length).trim() !== "" && newTopic.test(opener);
};

/** The longest message read as a question; a longer one is asked to be shortened (answers.ts). */
export const longestQuestion = 1000;

export function detectIntent(text: string): Intent {
  const bare = withoutShortcodes(text);
  const words = normalize(bare);
  const typed = bare.trim();
  if (words === "") {
    // Nothing but the bot's name is a hello, nothing but "?" asks for help, and nothing but
    // emoji is a nod; text in another script is a question the knowledge base cannot read.
    if (typed === "") return text.trim() === "" ? "greeting" : "thanks";
    if (/^\?+$/.test(typed)) return "help";
    return emojiOnly.test(typed) ? "thanks" : "question";
  }
  // "Hi, I'm Priya from finance": a hello, the question still to come.
  if (greeting.test(words) || (bare.length <= longestQuestion && onlyIntroduces(bare))) {
    return "greeting";
  }
  if (help.test(words)) return "help";
  if (forget.test(words)) return "forget";
  if (startCheck.test(words) || asksForCheck.test(words) || checkAgain.test(words)) {
    return "start_check";
  }
  // "thanks in advance :pray: does ad credit cover our fees" is what follows its openers (a
  // message too long to be a question is not worth the reading).
  const afterOpeners = bare.length > longestQuestion ? bare : withoutOpeners(bare);
  if (afterOpeners !== bare) return detectIntent(afterOpeners);
  // "u sure?" is made of nods, but doubts the answer on screen.
  if (doubts.test(words)) return "question";
  // "ok next q: autopay" opens on a nod, but its opener says a question follows.
  if (isCloser(words, typed.includes("?") || questionText(bare) !== bare)) return "thanks";
  if (stop.test(words)) return "stop";
  if (complaint.test(words)) return "complaint";
  return "question";
}

/**
 * "ok who do we ask then", "should we use ads manager directly instead": a closing word that
 * points back. Such a message is read against the answer on screen too, but unlike "it", a
 * surer reading alone still wins ("how do promo codes work then?").
 */
const endsLeaning = /\b(then|instead|after|afterwards|too|either|as well)$/;
const referringWords = /\b(it|its|that|this|they|them|those|these|one|there|same)\b/;
const continuation =
  /^((ok|okay|right|cool|great|thanks|ty) )?(and|what about|how about|also|so|but|then|and for|what if)\b/;

/** Up to this many words, a message that means nothing alone is tried as a follow-up. */
const shortFollowUpWords = 5;

/**
 * Whether a message after an answer is read against it at all: when it leans on it, or is short
 * enough to mean little alone (then both readings are tried). Anything else stands on its own.
 */
export function mayFollowUp(text: string, contentTerms: number): boolean {
  const short = text.trim().split(/\s+/).length <= shortFollowUpWords;
  return short || looksLikeFollowUp(text, contentTerms);
}

/**
 * A short message that leans on what came before ("who negotiates it?", "and for agencies?")
 * is read against the person's last answer; a full question stands on its own.
 */
export function looksLikeFollowUp(text: string, contentTerms: number): boolean {
  const words = normalize(text);
  const wordCount = words.split(" ").filter(Boolean).length;
  if (wordCount === 0 || wordCount > 12) return false;
  return leansOn(words) || endsLeaning.test(words) || contentTerms <= 1;
}

/** Whether a message goes on from the answer before: "and for agencies?", "what about smb?". */
export const continues = (text: string) => continuation.test(normalize(text));

/** Whether a message points back at what came before: "it", "that one", "and …", "what if …". */
export function leansOn(text: string): boolean {
  const words = normalize(text);
  if (continuation.test(words)) return true;
  // "client account suspended with credit on it": in a full sentence, "it" after a preposition
  // is most often the sentence's own noun.
  const own =
    words.split(" ").length > shortFollowUpWords
      ? words.replace(/\b(on|in|with|into|onto|from) it\b/g, "$1")
      : words;
  return referringWords.test(own);
}
