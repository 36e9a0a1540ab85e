import { normalize } from "./text.js";

/** What a question asks for, whatever it is about: a time, an amount, a person, a place… */
export type Aspect = "time" | "amount" | "who" | "where" | "how" | "whether" | "what";

// First match wins: "how long can we…" asks for a time before it asks whether.
const patterns: [Aspect, RegExp][] = [
  [
    "time",
    /\b(how long|when|how soon|how quickly|how fast|how many (days|hours|weeks|months)|timeline|turnaround)\b/,
  ],
  ["amount", /\b(how much|how big|how many|what amount|minimum|maximum|min|max|limit|cap)\b/],
  ["who", /\b(who|whom|whose|which (team|person|people|role))\b/],
  ["where", /\b(where|which (country|countries|region|regions|market|markets))\b/],
  ["how", /\bhow (do|does|can|to|should|would|did)\b|\bsteps?\b/],
  ["whether", /^(can|could|do|does|is|are|will|would|should|may|am|has|have)\b/],
  ["what", /\b(what|whats|meaning|mean|explain|define|difference)\b/],
];

/** The aspect a question asks for, when its wording shows one. */
export function askedAspect(text: string): Aspect | undefined {
  const words = normalize(text);
  return patterns.find(([, pattern]) => pattern.test(words))?.[0];
}
