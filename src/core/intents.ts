import { normalize } from "../knowledge/text.js";

/** What a message is, before it is treated as a question for the knowledge base. */
export type Intent = "greeting" | "help" | "forget" | "start_check" | "question";

const greeting =
  /^(hi|hiya|hello|hey|heya|yo|howdy|good (morning|afternoon|evening)|morning|gm|sup|whats up)( there| all| team| credit desk| bot)?$/;
const help =
  /^(help|help me|\?|what can you do|what do you do|what can i ask|what can i ask you|how does this work|how do i use this|who are you|what are you|commands|usage|menu|start)$/;
const forget =
  /^(please )?(forget me|forget about me|delete my data|delete everything about me|erase my data|clear my data|forget my data)( please)?$/;
const startCheck =
  /^(start |run |do |begin )?(a )?(credit check|credit-check|eligibility check|check eligibility|check my eligibility|check (my |a )?(client|clients|account)( eligibility)?|am i eligible|is my client eligible)( please)?$/;

export function detectIntent(text: string): Intent {
  const words = normalize(text);
  if (words === "" || greeting.test(words)) return "greeting";
  if (help.test(words) || text.trim() === "?") return "help";
  if (forget.test(words)) return "forget";
  if (startCheck.test(words)) return "start_check";
  return "question";
}

const referringWords = /\b(it|its|that|this|they|them|those|these|one|there|same)\b/;
const continuation = /^(and|what about|how about|also|so|but|then|ok so|and for|what if)\b/;

/**
 * A short message that leans on what came before ("who negotiates it?", "and for agencies?")
 * is read against the person's last answer; a full question stands on its own.
 */
export function looksLikeFollowUp(text: string, contentTerms: number): boolean {
  const words = normalize(text);
  const wordCount = words.split(" ").filter(Boolean).length;
  if (wordCount === 0 || wordCount > 9) return false;
  return continuation.test(words) || referringWords.test(words) || contentTerms <= 1;
}
