/**
 * How alike two entries read: the cosine of their question and answer terms, each weighed by
 * how few entries use it (tf-idf). Two entries that say much the same (the Credit Line and its
 * limit, an Agency Business Center and setting one up) are often both right answers, so a
 * runner-up that reads like the best candidate takes little away from it.
 */
export function entryLikeness(
  entries: readonly { id: string; question: string[]; answer: string[] }[],
): (a: string, b: string) => number {
  const counts = new Map<string, Map<string, number>>();
  const entriesWith = new Map<string, number>();
  for (const entry of entries) {
    const own = new Map<string, number>();
    for (const term of [...entry.question, ...entry.answer])
      own.set(term, (own.get(term) ?? 0) + 1);
    counts.set(entry.id, own);
    for (const term of own.keys()) entriesWith.set(term, (entriesWith.get(term) ?? 0) + 1);
  }
  const vectors = new Map<string, { weights: Map<string, number>; norm: number }>();
  for (const [id, own] of counts) {
    const weights = new Map<string, number>();
    let squares = 0;
    for (const [term, count] of own) {
      const weight =
        (1 + Math.log(count)) * Math.log(entries.length / (entriesWith.get(term) ?? 1));
      weights.set(term, weight);
      squares += weight * weight;
    }
    vectors.set(id, { weights, norm: Math.sqrt(squares) });
  }
  return (a, b) => {
    const x = vectors.get(a);
    const y = vectors.get(b);
    if (!x || !y || x.norm === 0 || y.norm === 0) return 0;
    let dot = 0;
    for (const [term, weight] of x.weights) dot += weight * (y.weights.get(term) ?? 0);
    return dot / (x.norm * y.norm);
  };
}
