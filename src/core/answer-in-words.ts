import { normalize } from "../knowledge/text.js";
import { type InputKey, otherCurrency } from "../rules/index.js";
import { asksSomething } from "./question-shapes.js";

/**
 * Answers to the guided check's questions said in a sentence, as people reply in a chat:
 * "they buy through us", "never been late", "no pauses at all", "about 8 months ago",
 * "roughly 30k monthly", "since early 2022". Each is read into the value the rules' parser
 * takes, or left unread when the sentence hedges, asks back, says two things at once, or was
 * meant for another question.
 */

/** A word that opens a sentence with more after it: "ok", "so", "right". */
const opener = /^\s*(ok|okay|k|so|right|alright|well|hmm|um)\b[,.!]*\s+(?=\S)/i;

/** No reply to one of the check's questions runs longer; a longer message is no answer. */
const longestReply = 300;
/** Other ad platforms: ads run there say nothing of the TikTok account asked about. */
const otherPlatform =
  /\b(facebook|meta|instagram|google|youtube|snapchat|snap|pinterest|linkedin|reddit|amazon|bing|x\.com|twitter)\b/i;

/** How a question's answer is said in words. */
interface Said {
  /** Phrases that say one value whatever surrounds them ("no billing history", "brand new"). */
  phrases?: readonly (readonly [RegExp, string])[];
  /** Words for a value; after a negation ("never late", "no pauses") they say its opposite. */
  words: readonly (readonly [RegExp, string])[];
  /** The value a negated word says: "not restricted" is good standing. */
  opposite: Record<string, string>;
  /** Whether "yeah" or "nope" at the start (or "so yes" at the end) answers the question. */
  yesNo?: true;
  /** The value that wins when a sentence says two: late once is "sometimes late". */
  wins?: string;
}

const yesOrNo = { yes: "no", no: "yes" };

const said: Partial<Record<InputKey, Said>> = {
  advertiser: {
    words: [
      [
        /\b(direct|directly|themselves|in ?house|self ?serv\w*|their own (ads manager|ad account|account|acct|card))\b/g,
        "direct",
      ],
      [
        /\b(agency|agencies|(through|thru|via) (us|our)|we (buy|run|manage|handle|do)|our (bc|business center))\b/g,
        "agency",
      ],
    ],
    opposite: { direct: "agency", agency: "direct" },
  },
  partner: {
    phrases: [[/\b(pending|not yet|in progress)\b/g, "no"]],
    words: [
      [/\b(partners?|partnership|agreement|contract|signed|official|formal|certified)\b/g, "yes"],
      [/\b(just|only) (a|an|the) (bc|business center|rep|regular|normal)\b|\binformal\b/g, "no"],
    ],
    opposite: yesOrNo,
    yesNo: true,
  },
  growth: {
    words: [
      [
        /\b(growth|growing|grow|grows|scaling|scale|expanding|expansion|potential|booming|upside|big plans|taking off)\b/g,
        "yes",
      ],
      [
        /\b(flat|stagnant|declining|decline|shrinking|shrink|mature|niche|limited|slow|slowing)\b/g,
        "no",
      ],
    ],
    opposite: yesOrNo,
    yesNo: true,
  },
  prior_ads: {
    phrases: [
      [
        /\b(brand new|fresh|first (campaign|campaigns|time|ads?)|new (account|advertiser)|none( at all| yet| so far)?)\b/g,
        "no",
      ],
    ],
    words: [
      [
        /\b(ran|run|running|advertised|advertising|campaigns?|ads|spent|been live|a while|lots)\b/g,
        "yes",
      ],
    ],
    opposite: yesOrNo,
    yesNo: true,
  },
  payments: {
    phrases: [
      [
        /\b(no (billing|payment|payments|invoices?|bills?|history)( history)?|nothing (billed|paid|invoiced)|not (been )?(billed|invoiced)|(hasnt|havent|hasn t) (been )?(billed|invoiced|paid)|no (history|billing) yet|not paid (anything|yet)|never (been )?(billed|invoiced)|new account)\b/g,
        "none",
      ],
    ],
    words: [
      [
        /\b(on time|ontime|always paid|paid fine|fine|good|great|clean|perfect|spotless|reliable|auto ?charged|autopay|issues|problems)\b/g,
        "good",
      ],
      [/\b(late|missed|overdue|behind|delayed|bounced|failed|declined)\b/g, "late"],
    ],
    opposite: { good: "late", late: "good" },
    wins: "late",
  },
  standing: {
    words: [
      [/\b(good|fine|ok|okay|clean|healthy|normal|active|issues|problems)\b/g, "good"],
      [
        /\b(restricted|restrictions?|suspended|suspension|banned|disabled|flagged|limited|blocked|frozen|under review)\b/g,
        "restricted",
      ],
    ],
    opposite: { good: "restricted", restricted: "good" },
  },
  continuous: {
    words: [
      [
        /\b(always on|nonstop|non stop|steady|steadily|continuous|continuously|consistent|consistently|constantly|every month|year round|all year|the whole time)\b/g,
        "yes",
      ],
      [
        /\b(paused|pause|pauses|pausing|breaks?|gaps?|stopped|stop|stops|seasonal|on and off|off and on|sporadic|sporadically|intermittent|intermittently|here and there|dark|downtime|hiatus|(days?|weeks?|months?) off|time off)\b/g,
        "no",
      ],
    ],
    opposite: yesOrNo,
    yesNo: true,
  },
};

/**
 * The words that show a sentence is about a question at all. A reply that names another
 * question's topic and not this one's ("never missed one" when asked whether the account ran
 * ads) was meant for that other question, and is left unread.
 */
const topics: Partial<Record<InputKey, RegExp>> = {
  advertiser:
    /\b(direct|directly|agency|agencies|in ?house|self ?serv\w*|buy|buys|buying|bought|(made|created|set up|opened) (it |the account |the acct )?(in|through|via|under) (our|an?|the) (bc|business center|agency)|(make|makes|made|create|creates|created|set up|sets up|open|opens|opened)( (it|the account|the acct|their (own )?(account|acct)))? themselves|set (it|the account|the acct) up themselves|(created|made|opened|set up) their own (ad )?(account|acct))\b/,
  partner: /\b(partners?|partnership|agreement|contract|signed|formal)\b/,
  growth:
    /\b(growth|growing|grow|scaling|scale|potential|expanding|expansion|flat|declining|shrinking)\b/,
  prior_ads:
    /\b(ran|run|running|advertised|advertising|campaigns?|ads|brand new|fresh|new (account|acct))\b/,
  payments:
    /\b(paid|pay|pays|payments?|late|missed|overdue|invoices?|invoiced|billed|billing|on time)\b/,
  standing: /\b(standing|restricted|restrictions?|suspended|banned|disabled|flagged|blocked)\b/,
  continuous:
    /\b(paused?|pauses|pausing|breaks?|gaps?|stop|stops|stopped|continuous|continuously|nonstop|always on|seasonal|steady|(days?|weeks?|months?) off|time off)\b/,
};

/** A topic, ":" or "=", then yes or no, and nothing else. */
const keyedAnswer = /^(.+?)\s*[:=]\s*(yes|y|yep|yeah|true|no|n|nope|nah|false)$/;

/**
 * Whether a sentence names a question's topic, or for months and spend, a span or an amount:
 * "they always paid on time" is about payments, "ok" about nothing.
 */
export function namesTopic(key: InputKey, text: string): boolean {
  if (key === "months") {
    return text.match(spanIn) !== null || startSaid.test(text) || justOpened.test(text);
  }
  if (key === "spend") return moneyTalk.test(text);
  return topics[key]?.test(normalize(text)) ?? false;
}

/** Whether `words` name another question's topic and not the one asked. */
function meantForAnother(key: InputKey, words: string): boolean {
  if (topics[key]?.test(words)) return false;
  return Object.entries(topics).some(([other, topic]) => other !== key && topic?.test(words));
}

/**
 * Negations close before a word turn it around. "issues" and "problems" are said of good
 * standing only when negated, so they are listed under good and read as such after a negation.
 */
const negation = new Set(
  "no not never nothing without zero 0 dont doesnt didnt isnt wasnt arent werent havent hasnt hadnt cant cannot wont nor neither hardly barely".split(
    " ",
  ),
);
const negationReach = 3;
/** Words that are good news only when negated: "no issues", "no problems". */
const onlyNegated = /^(issues|problems)$/;

const yesWords = new Set(
  "yes y yeah yep yup yea ya yah sure correct definitely absolutely totally indeed affirmative".split(
    " ",
  ),
);
const noWords = new Set("no n nope nah never negative".split(" "));
const yesClauses = new Set([
  "of course",
  "for sure",
  "strong yes",
  "i think so",
  "they do",
  "we do",
  "it does",
  "it has",
  "they have",
  "we have",
]);
const noClauses = new Set([
  "not really",
  "not yet",
  "not at all",
  "i dont think so",
  "they dont",
  "we dont",
  "it doesnt",
  "it hasnt",
  "they havent",
  "we havent",
  "not that i know",
]);
const hedges =
  /^((honestly|tbh|well|hmm|um|uh|so|i mean|i think|i believe|pretty sure|im pretty sure|ok|okay) )+/;
/** "obviously yes lol": laughter at the end says nothing. */
const laughter = / (lol|lmao|haha+|hehe)$/;
/** Replies that are no answer yet: unsure, or about to find out. */
const unsure =
  /\b(not sure|unsure|idk|dunno|dont know|do not know|no idea|no clue|maybe|let me|lemme|ill check|will check|check with|checking|to check|to confirm|confirm with|ask (the|them|our|my)|depends|not certain|might be|might have|could be)\b/;

/** The sentence in clauses, each in normalized words: a comma or a dash starts a new one. */
const clausesOf = (text: string) =>
  text
    .split(/[,.;:!()\u2013\u2014]+|\s-+\s|\s+but\s+/i)
    .map((clause) => normalize(clause))
    .filter(Boolean);

/** The values one clause says through the question's words, each turned around when negated. */
function valuesIn(clause: string, how: Said): { values: string[]; claimed: Set<number> } {
  const values: string[] = [];
  const claimed = new Set<number>();
  let rest = clause;
  for (const [phrase, value] of how.phrases ?? []) {
    rest = rest.replace(phrase, (found) => {
      values.push(value);
      return found.replace(/\S+/g, "_");
    });
  }
  const words = rest.split(" ");
  for (const [pattern, value] of how.words) {
    for (const found of rest.matchAll(pattern)) {
      const at = rest.slice(0, found.index).split(" ").length - 1;
      const before = words.slice(Math.max(0, at - negationReach), at);
      const negatedAt = before.map((word) => negation.has(word)).lastIndexOf(true);
      if (negatedAt >= 0) {
        claimed.add(at - before.length + negatedAt);
        values.push(onlyNegated.test(found[0]) ? value : (how.opposite[value] ?? value));
      } else if (!onlyNegated.test(found[0])) {
        values.push(value);
      }
    }
  }
  return { values, claimed };
}

/** "yeah they do", "nope, brand new", "…so yes": the yes or no a chat reply opens or ends on. */
function yesNoSaid(clauses: string[], claimedLead: boolean): string[] {
  const first = (clauses[0] ?? "").replace(hedges, "").replace(laughter, "");
  const last = (clauses.at(-1) ?? "").replace(laughter, "");
  const values: string[] = [];
  const lead = first.split(" ")[0] ?? "";
  if (yesClauses.has(first) || yesWords.has(lead)) values.push("yes");
  else if (noClauses.has(first) || (noWords.has(lead) && !claimedLead)) values.push("no");
  const end = last.split(" ").at(-1) ?? "";
  if (last.includes(" ") && (end === "yes" || end === "no")) values.push(end);
  return values;
}

const wordNumber = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";
const spanUnit = "days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?";
/** "8 months", "a year and a half", "2 mos": a span said in a sentence. */
const spanIn = new RegExp(
  String.raw`\b(?:(?:\d+(?:\.\d+)?|${wordNumber})\s*(?:and an? half\s+)?(?:${spanUnit})(?:\s+and an? half)?|half an? (?:year|month))\b`,
  "gi",
);
/** "30k", "$25,000", "800 bucks", "20 grand", "10 thousand": an amount said in a sentence. */
const amountIn =
  /(?<![\w.])(?:\$|usd\s*)?\d[\d,]*(?:\.\d+)?\s*(?:k|m|grand|thousand|million|mil|bucks|dollars|usd)?\b(?!\s*(?:%|(?:percent|days?|weeks?|months?|mos?|years?|yrs?|x)\b))/gi;
/** An amount that is not a month's average: a year's, a day's, a total, or a bound. */
const notMonthly =
  /\b(annual|annually|a year|per year|yearly|a quarter|per quarter|quarterly|daily|a day|per day|weekly|a week|per week|lifetime|in total|total|under|over|less than|more than|up to|at least|at most)\b/i;
const moneyTalk = /[$€£¥]|\b(\d+k|bucks|dollars|usd|grand|spend|spends|spent|budget)\b/i;
/** A span of time besides "a month" itself ("5k last month" may be one month's, not the average). */
const spanWord = new RegExp(String.raw`\b(${spanUnit})\b`, "i");
const perMonth = /\b(a|per)\s*(month|mo|mth)\b|\bmonthly\b|\/\s*(mo|mth|month)\b/gi;

const monthNames = "jan feb mar apr may jun jul aug sep oct nov dec".split(" ");
/** "since early 2022", "since march 2024", "opened in 2023": a start, by month and year. */
const startSaid =
  /\b(?:since|from|opened in|started in|launched in|live since|open since)\s+(?:(early|mid|late|the start of|the end of|end of|start of)\s+)?(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(20\d\d)\b/i;
/**
 * A start named by its month or year, in the whole months since: taken at the latest it could
 * mean ("2023" is December 2023, "early 2022" April), so no rule is met on a guess.
 */
function monthsSince(text: string, now: Date): string | undefined {
  const found = startSaid.exec(text);
  if (!found?.[3]) return undefined;
  const part = found[1]?.toLowerCase() ?? "";
  const named = found[2] ? monthNames.indexOf(found[2].toLowerCase()) : -1;
  const month = named >= 0 ? named : /early|start/.test(part) ? 3 : part === "mid" ? 6 : 11;
  const months = (now.getUTCFullYear() - Number(found[3])) * 12 + now.getUTCMonth() - month;
  return months >= 0 ? String(months) : undefined;
}

/** "brand new", "just opened": an account not a month old ("a brand new client" is new to the agency). */
const justOpened =
  /\bbrand[- ]new\b(?! (client|clients|customer|customers|brand|brands|business|relationship))|\b(just (opened|created|set up|made|launched)|(opened|created|set up) (today|yesterday|this week))\b/i;

/** The one span in a sentence about months ("call it 13 months" settles "a little over a year"). */
function monthsIn(text: string, now: Date): string | undefined {
  if (moneyTalk.test(text)) return undefined;
  const since = monthsSince(text, now);
  if (since !== undefined) return since;
  // "3-6 months": the lower end.
  const range = /\b(\d+)\s*(?:-|–|to)\s*\d+\s*((?:months?|mos?|years?|yrs?|weeks?)\b)/i.exec(text);
  if (range?.[1] && range[2]) return `${range[1]} ${range[2]}`;
  const spans = [...text.matchAll(spanIn)].map((found) => found[0]);
  if (spans.length === 0 && justOpened.test(text)) return "0";
  const settled = /\bcall it\s+(.*)$/i.exec(text)?.[1];
  if (spans.length > 1 && settled) return monthsIn(settled, now);
  return spans.length === 1 ? spans[0] : undefined;
}

/** The one amount in a sentence about spend, as the rules' parser reads it. */
function spendIn(text: string): string | undefined {
  if (otherCurrency.test(text) || notMonthly.test(text)) return undefined;
  if (spanWord.test(text.replace(perMonth, ""))) return undefined;
  const amounts = [...text.matchAll(amountIn)].map((found) => found[0].trim());
  // "between 100 and 150k", "100-150k": the lower end, in the scale the higher one gives.
  const range = amounts.length === 2 && /\b(between|from)\b|\d[km]?\s*(-|–|to)\s*\$?\d/i.test(text);
  const [low, high] = amounts;
  if (range && low !== undefined && high !== undefined) {
    // "100-150k" is 100k to 150k; "500-1k" is 500 to 1,000.
    const scale = /^\$?[\d.,]+$/.test(low) ? (/([km])$/i.exec(inFigures(high))?.[1] ?? "") : "";
    const scaled = `${inFigures(low)}${scale}`;
    return dollars(scaled) <= dollars(inFigures(high)) ? scaled : inFigures(low);
  }
  if (amounts.length === 0 && nothingSpent.test(normalize(text))) return "0";
  if (amounts.length !== 1 || amounts[0] === undefined) return undefined;
  return inFigures(amounts[0]);
}
/** "hasn't spent yet", "no spend so far", "nothing yet": no spend at all. */
const nothingSpent =
  /\b(hasnt|hasn t|has not|havent|haven t|have not|not|never|didnt|did not|yet to) (yet )?(spent|spend)( (anything|a thing|a cent|a dime|any money|yet|so far))*$|\bno spend( yet| so far)?$|^(zero|none|nothing|nothing yet|nada|zero so far|nothing so far)$/;

/** "20 grand", "10 thousand", "800 bucks": the amount as the rules' parser reads it. */
function inFigures(amount: string): string {
  return amount
    .replace(/\s*(grand|thousand)$/i, "k")
    .replace(/\s*(million|mil)$/i, "m")
    .replace(/\s*(bucks|dollars)$/i, "")
    .replace(/^usd\s*/i, "");
}

/** An amount in figures ("150k", "$1.2m") in dollars, to compare the ends of a range. */
function dollars(amount: string): number {
  const found = /^\$?([\d,]*\.?\d+)([km]?)$/i.exec(amount);
  if (!found?.[1]) return Number.NaN;
  const scale = { k: 1e3, m: 1e6 }[found[2]?.toLowerCase() ?? ""] ?? 1;
  return Number(found[1].replaceAll(",", "")) * scale;
}

/**
 * The value a sentence gives the awaited question, as the rules' parser reads it; undefined
 * when it gives none plainly (then the reply is read as typed, or as a question of its own).
 */
export function answerInWords(key: InputKey, typed: string, now: Date): string | undefined {
  // "ok send me that as one line": the "ok" opens the sentence, it says nothing of the account.
  const text = typed.replace(opener, "");
  if (text.length > longestReply || asksSomething(text) || unsure.test(normalize(text))) {
    return undefined;
  }
  // "they have run ads on facebook, not tiktok": ads elsewhere say nothing of this account.
  if (key === "prior_ads" && otherPlatform.test(text)) return undefined;
  if (key === "months") return monthsIn(text, now);
  if (key === "spend") return spendIn(text);
  const how = said[key];
  if (how === undefined) return undefined;
  // "partner: no", "growth = yes": the question's topic, then its answer.
  const [, named, answer] = keyedAnswer.exec(text.trim().toLowerCase()) ?? [];
  if (how.yesNo && named !== undefined && answer !== undefined && namesTopic(key, named)) {
    return yesWords.has(answer) ? "yes" : "no";
  }
  const clauses = clausesOf(text);
  const readings = clauses.map((clause) => valuesIn(clause, how));
  const values = readings.flatMap((reading) => reading.values);
  if (how.yesNo) {
    // A bare "nope" or "yes" in a sentence about another question was meant for that one.
    if (values.length === 0 && meantForAnother(key, normalize(text))) {
      return undefined;
    }
    values.push(...yesNoSaid(clauses, readings[0]?.claimed.has(0) ?? false));
  }
  const distinct = [...new Set(values)];
  if (distinct.length === 1) return distinct[0];
  return how.wins !== undefined && distinct.includes(how.wins) ? how.wins : undefined;
}
