/**
 * What people type in a chat before the question itself: a hello, a pleasantry, who they are
 * ("hey! I'm a media buyer at an indie agency, quick one: …"). Those words say nothing about the
 * question, and the content words among them ("billing", "agency", "new") pull the matcher
 * towards other entries.
 */

/**
 * Where an opener ends: its punctuation, a dash between spaces, an emoji (":wave:"), or the end
 * of a message that is nothing but openers ("Hi, I'm Priya from finance").
 */
const stop = String.raw`(?:[,.!:;…]+|\s+[-–—]+|\s*:[a-z0-9_+-]+:|\s*\p{Extended_Pictographic}|\s*$)\s*`;
/** "so I'm on the paid social team …": a word that joins an opener to the one before. */
const joined = "(?:so |and |but |well |ok |okay |also )?";
/** Up to the opener's own punctuation: never past a "?", so a question is never taken in. */
const rest = String.raw`[^,.!?:;…\n]{0,60}?`;

const hello = String.raw`(?:hi+|hiya|hey+|heya|hello+|helo|yo|sup|wassup|howdy|greetings|gm|(?:good )?(?:morning|afternoon|evening|day))(?:\s+(?:there|all|everyone|everybody|team|folks|guys|gang|people|credit ?desk|bot|friends?|y'?all|hey|hi))*`;
/** "Hi, …", "morning! …": a message that opens on a hello ("I'm with an agency" does not). */
const startsWithHello = new RegExp(String.raw`^\s*${hello}\b`, "iu");
/** Openers whose words are fixed: they may run into the question without punctuation. */
const fixed = [
  `${hello}(?:${stop}|\\s+)`,
  // The bot's own name: "Dear Credit Desk,", "@Credit Desk".
  String.raw`(?:dear |@)?credit ?desk(?: team)?(?:${stop}|\s+)`,
  String.raw`(?:a |one |another )?(?:quick|silly|dumb|stupid|basic|newbie|noob|simple|random|small|easy) (?:one|q|qq|question|thing)(?: for (?:you|u|ya))?(?: but)?(?:${stop}|\s+)`,
  String.raw`(?:this |it )?(?:might|may|could) be (?:a )?(?:silly|dumb|stupid|basic|obvious|newbie) (?:one|question|q)(?: but)?(?:${stop}|\s+)`,
  String.raw`(?:thanks?|thank you|thx|ty) (?:you )?in advance(?:${stop}|\s+)`,
  String.raw`${joined}(?:(?:i )?(?:was|am|m|im|i'm) )?(?:wondering|hoping)(?: if| whether)?(?: (?:you|u) (?:could|can))?(?: tell me| explain)?(?:${stop}|\s+)`,
  String.raw`${joined}(?:i )?(?:wanted|want|wanna|would like|d like|need|needed) to (?:ask|know|check|understand|find out)(?: about)?(?:${stop}|\s+)`,
  String.raw`(?:can|could|would) (?:you|u) (?:please |pls )?(?:tell|explain to|help) me(?: with)?(?:${stop}|\s+)`,
  String.raw`(?:can|could|would) (?:you|u) (?:please |pls )?explain(?:${stop}|\s+)`,
  String.raw`(?:can|could) (?:someone|somebody|anyone|anybody) (?:please |pls )?(?:tell|explain to|help) me(?: understand)?(?:${stop}|\s+)`,
  String.raw`(?:do|does) (?:you|u|anyone|anybody|someone) know(?: if| whether)?(?:${stop}|\s+)`,
  String.raw`${joined}(?:(?:you could |u could )?help me understand|i was curious|i'?m curious|i thought i'?d ask(?: here)?)(?:${stop}|\s+)`,
  String.raw`(?:not urgent(?: at all)?|no rush|no hurry|when you (?:get|have) a (?:sec|second|minute|chance))(?: but)?(?:${stop}|\s+)`,
  String.raw`not sure (?:if|whether) this is the right (?:place|channel|spot|bot)(?: (?:to ask|for this))?(?: but)?(?:${stop}|\s+)`,
  // "no I meant the credit line": a correction, what follows is the question.
  String.raw`(?:(?:no|nope|nah|sorry|oops|ah|wait)(?:[,.!]+|\s+[-–—]+)?\s+)*(?:i (?:meant|mean|was asking about|was talking about|was asking)|(?:i'?m|im|i am) (?:asking|talking) about)(?: about)?(?:${stop}|\s+)`,
  // "ok back to it - …" after an aside: its "it" is no pronoun of the question.
  String.raw`${joined}back to (?:it|work|the (?:topic|question))(?:${stop}|\s+)`,
];
/** Openers that run on in the person's own words: they must end on their punctuation. */
const worded = [
  String.raw`(?:i )?hope\b${rest}`,
  String.raw`happy (?:monday|tuesday|wednesday|thursday|friday|weekend|new year|holidays)\b${rest}`,
  String.raw`(?:so )?sorry\b${rest}`,
  String.raw`(?:me again|first time (?:using|trying|asking)|my first time|new (?:starter|joiner|hire|here))\b${rest}`,
  "not (?:very |super |that |too |really )?(?:technical|techy|tech savvy|familiar with (?:this|tiktok|billing))",
  String.raw`thanks for (?:setting this up|building this|being here|this)\b${rest}`,
  String.raw`(?:this|the|you) bot\b${rest}`,
  String.raw`(?:writing|asking)(?: this)? (?:for|on behalf of)\b${rest}`,
  String.raw`(?:(?:we|i)(?:'ve| have) )?been (?:going back and forth|debating|discussing|arguing|trying to figure (?:this|it) out)\b${rest}`,
];
/**
 * Who the person is: "I'm a media buyer at …", "I work in finance at …", "client services here".
 * Some say what the question is about ("freelancer here - …"), so they are also tried kept.
 */
const introductions = [
  String.raw`(?:i'?m|i am|im) (?:a|an|the|at|with|from|part of|one of|just|currently|based|(?:on|in) (?:the |our |a )?[a-z]+(?: [a-z]+)? (?:team|side|department|office))\b${rest}`,
  String.raw`i (?:work|just joined|joined|started|handle|look after|run|lead|manage) (?:at|for|in|on|with|as|the|a|an|our|billing|finance|social|paid|media|tiktok spend|a couple|a few|some)\b${rest}`,
  String.raw`(?!(?:is|are|can|could|does|do|what|how|why|when|where|who|which|any)\b)[a-z]+(?: [a-z]+){0,3} here`,
  String.raw`this is [a-z]+\b${rest}`,
  // "I'm new here", "I'm new to the agency"; "I'm new to tiktok ads" says what it is about.
  String.raw`(?:i'?m|i am|im) (?:brand |quite |pretty |fairly |very )?new\b${rest}`,
  // "I'm Priya from finance", "hey there, I'm Jess.": a name, and where the person works.
  String.raw`(?:i'?m|i am|im) [a-z]+(?= *(?:[,.!:;…]|$)| (?:from|at|on|in|with)\b)(?: (?:from|at|on|in|with)\b${rest})?`,
  // "Social strategist at a boutique agency in Austin": a role at a workplace. TikTok's own
  // roles ("account manager at tiktok said …") are what a question is about, so none is here.
  String.raw`(?:[a-z]+ ){0,3}(?:director|strategist|planner|buyer|exec|executive|specialist|analyst|coordinator|associate|intern|consultant|producer|lead|head of [a-z]+) (?:at|with|from|on|in)\b${rest}`,
  String.raw`working (?:late|from home|remotely|on a (?:client )?(?:pitch|deck|proposal|plan))\b${rest}`,
];
/** "… and was wondering", "… and I wanted to ask": an opener running into the lead-in to a question. */
const goesOnAsking = String.raw`\s+(?:and|but|so)\s+(?=(?:i|im|i'm|was|wanted|want|wondering|would|need)\b)|\s+so\s+(?=(?:how|what|whats|can|could|do|does|is|are|will|should|when|where|which|who|why)\b)`;
/** An opener in the person's own words ends on its punctuation; who they are, also on "and". */
const openerOf = (introductionsToo: boolean) => {
  const introduction = introductionsToo
    ? String.raw`|${joined}(?:${introductions.join("|")})(?:${stop}|\s+(?:and|so)\s+)`
    : "";
  return new RegExp(
    String.raw`^\s*(?:${fixed.join("|")}|${joined}(?:${worded.join("|")})(?:${stop}|${goesOnAsking})${introduction})`,
    "iu",
  );
};
const anyOpener = openerOf(true);
const pleasantry = openerOf(false);

/** Where the words before a question may end: punctuation, a dash, an emoji, a line break. */
const segmentEnd =
  /[.!:;…,\n]+\s*|\s+[-–—]+\s+|\s*:[a-z0-9_+-]+:\s*|\s*\p{Extended_Pictographic}\s*|\s+(?:but|so|and)\s+(?=(?:how|what|whats|can|could|do|does|is|are|will|would|should|when|where|which|who|why|any)\b)/giu;
/**
 * A part that asks: the question itself, the start of it ("is it possible, for …"), or the case
 * it asks about ("and if tt bans the acct, …").
 */
const asksHere =
  /^\s*(?:(?:and|but|so|ok|okay) )?(?:how|what|whats|what's|can|could|do|does|did|is|are|was|were|will|would|should|when|where|which|who|why|any|if|even if|unless|whether)\b|\?\s*$/i;

/**
 * Leading parts that say nothing the knowledge base knows ("Priya from the Toronto office.",
 * "Kia ora from Auckland!"), taken off until a part asks or says something about credits.
 */
function withoutIdleParts(text: string, aboutCredits: (part: string) => boolean): string {
  const ends = [...text.matchAll(segmentEnd)];
  let start = 0;
  for (const end of ends) {
    const index = end.index ?? 0;
    const part = text.slice(start, index);
    const after = text.slice(index + end[0].length);
    if (asksHere.test(part) || aboutCredits(part) || after.trim().split(/\s+/).length < 2) break;
    start = index + end[0].length;
  }
  return text.slice(start);
}

/**
 * The message with the openers (`opener`) before its question taken off, one by one while at
 * least `wordsLeft` words remain.
 */
function takeOff(text: string, opener: RegExp, wordsLeft: number): string {
  let left = text;
  for (let found = opener.exec(left); found?.[0]; found = opener.exec(left)) {
    const next = left.slice(found[0].length);
    if (wordsLeft > 0 && next.trim().split(/\s+/).length < wordsLeft) break;
    left = next;
  }
  return left;
}

/**
 * The message without the openers before its question, or without all but who the person is
 * (`keepIntroduction`); as typed when nothing would be left. With `aboutCredits`, leading parts
 * that say nothing about credits go too.
 */
export function withoutOpeners(
  text: string,
  keepIntroduction = false,
  aboutCredits?: (part: string) => boolean,
): string {
  const opener = keepIntroduction ? pleasantry : anyOpener;
  // Never down to less than two words: what is left then is the question.
  const patterned = (from: string) => takeOff(from, opener, 2);
  let left = patterned(text);
  for (let idle = aboutCredits && withoutIdleParts(left, aboutCredits); idle && idle !== left; ) {
    left = patterned(idle);
    idle = aboutCredits && withoutIdleParts(left, aboutCredits);
  }
  return left.trim().split(/\s+/).length >= 2 ? left : text;
}

/**
 * Whether a message is someone saying who they are and nothing else yet: "hey there :wave: I'm
 * Jess, media buyer at Northwind", "morning! Tom here". Pleasantries alone ("happy friday all!")
 * are not.
 */
export function onlyIntroduces(text: string): boolean {
  return (
    startsWithHello.test(text) &&
    takeOff(text, anyOpener, 0).trim() === "" &&
    takeOff(text, pleasantry, 0).trim() !== ""
  );
}
