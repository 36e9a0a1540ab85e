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

/**
 * The aspects an entry answers: its canonical question's, and any that at least two of its
 * curated phrasings ask for ("which countries get ad credit" under "Is credit available
 * everywhere?"). One stray phrasing does not make an entry about timing.
 */
export function answeredAspects(question: string, alternates: readonly string[]): Set<Aspect> {
  const aspects = new Set<Aspect>();
  const own = askedAspect(question);
  if (own) aspects.add(own);
  const counts = new Map<Aspect, number>();
  for (const alternate of alternates) {
    const aspect = askedAspect(alternate);
    if (aspect) counts.set(aspect, (counts.get(aspect) ?? 0) + 1);
  }
  for (const [aspect, count] of counts) if (count >= 2) aspects.add(aspect);
  return aspects;
}
