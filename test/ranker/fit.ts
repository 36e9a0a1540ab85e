// npm run fit: fits the ranker's weights and thresholds on the tuning data (never the sealed
// set), checks them by cross-validation, and writes knowledge/ranker.json.
import { writeFileSync } from "node:fs";
import { answerableOnly, loadKnowledgeBase } from "../../src/knowledge/loader.js";
import { fit, type RankerModel, score } from "../../src/knowledge/ranker.js";
import { type Labelled, type SampleKind, tuningSamples } from "./samples.js";

const folds = 5;
const kb = answerableOnly(await loadKnowledgeBase("knowledge"));
const samples = tuningSamples(kb).filter((s) => !(process.env.SKIP ?? "").split(",").includes(s.kind));

type Verdict = "right" | "choice" | "wrong" | "wrong choice" | "fallback";
type Thresholds = RankerModel["thresholds"];

function verdict(sample: Labelled, probabilities: number[], t: Thresholds): Verdict {
  const order = probabilities.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p);
  const [best] = order;
  if (best && best.p >= t.answer) return best.i === sample.right ? "right" : "wrong";
  const close = order.filter((item) => item.p >= t.clarifyEach).slice(0, 3);
  const total = close.reduce((sum, item) => sum + item.p, 0);
  if (close.length >= 2 && total >= t.clarifyTotal) {
    return close.some((item) => item.i === sample.right) ? "choice" : "wrong choice";
  }
  return "fallback";
}

/**
 * What each outcome is worth. A confident wrong answer costs three right ones: people stop
 * trusting an assistant that bluffs, while a "Did you mean" costs them a click.
 */
const worth = (sample: Labelled, v: Verdict): number => {
  if (sample.right === -1) return v === "fallback" ? 1 : v === "wrong" ? -3 : -1;
  return { right: 1, choice: 0.6, wrong: -3, "wrong choice": -0.5, fallback: 0 }[v];
};

// Out-of-fold probabilities: each sample scored by weights fitted without its fold.
const foldOf = (index: number) => (index * 7919) % folds;
const outOfFold: number[][] = new Array(samples.length);
for (let fold = 0; fold < folds; fold++) {
  const training = samples.filter((sample, i) => foldOf(i) !== fold && sample.right !== -2);
  const weights = fit(training);
  samples.forEach((sample, i) => {
    if (foldOf(i) === fold) outOfFold[i] = score(weights, sample.question, sample.candidates).each;
  });
}

const kinds: SampleKind[] = ["in-scope", "held-out phrasing", "off-topic", "follow-up"];
function figures(t: Thresholds) {
  const out: Record<string, number> = {};
  let utility = 0;
  for (const kind of kinds) {
    const ofKind = samples.flatMap((sample, i) =>
      sample.kind === kind ? [verdict(sample, outOfFold[i] ?? [], t)] : [],
    );
    const share = (...vs: Verdict[]) =>
      Math.round((ofKind.filter((v) => vs.includes(v)).length / ofKind.length) * 1000) / 1000;
    if (kind === "off-topic") {
      out["off-topic fallback"] = share("fallback");
    } else {
      out[`${kind} right`] = share("right");
      out[`${kind} right or choice`] = share("right", "choice");
      out[`${kind} confidently wrong`] = share("wrong");
    }
    const values = samples.flatMap((sample, i) =>
      sample.kind === kind ? [worth(sample, verdict(sample, outOfFold[i] ?? [], t))] : [],
    );
    utility += values.reduce((a, b) => a + b, 0) / values.length;
  }
  return { out, utility };
}

let best = { t: { answer: 0.5, clarifyTotal: 0.5, clarifyEach: 0.2 }, utility: -Infinity };
for (let answer = 0.3; answer <= 0.95; answer += 0.025) {
  for (let clarifyEach = 0.1; clarifyEach <= answer; clarifyEach += 0.025) {
    for (let clarifyTotal = clarifyEach * 2; clarifyTotal <= 0.95; clarifyTotal += 0.05) {
      const t = { answer, clarifyTotal, clarifyEach };
      const { utility } = figures(t);
      if (utility > best.utility) best = { t, utility };
    }
  }
}
const round = (value: number) => Math.round(value * 1000) / 1000;
const thresholds = {
  answer: round(best.t.answer),
  clarifyTotal: round(best.t.clarifyTotal),
  clarifyEach: round(best.t.clarifyEach),
};
const weights = fit(samples.filter((sample) => sample.right !== -2));
const model: RankerModel = {
  candidate: Object.fromEntries(
    Object.entries(weights.candidate).map(([key, value]) => [key, round(value)]),
  ) as RankerModel["candidate"],
  none: Object.fromEntries(
    Object.entries(weights.none).map(([key, value]) => [key, round(value)]),
  ) as RankerModel["none"],
  thresholds,
  fitted: {
    date: new Date().toISOString().slice(0, 10),
    samples: samples.length,
    folds,
    outOfFold: figures(thresholds).out,
  },
};
const unreachable = samples.filter((sample) => sample.right === -2).length;
writeFileSync("knowledge/ranker.json", `${JSON.stringify(model, null, 2)}\n`);
console.log(JSON.stringify(model, null, 2));
console.log(`${unreachable} of ${samples.length} samples had the right entry outside the candidates`);
for (const kind of kinds) {
  const idx = samples.map((s, i) => [s, i] as const).filter(([s]) => s.kind === kind && s.right !== -1);
  const top1 = idx.filter(([s, i]) => {
    const p = outOfFold[i] ?? [];
    const m = Math.max(...p);
    return p.indexOf(m) === s.right;
  }).length;
  console.log(kind, idx.length, "top1", (top1 / idx.length).toFixed(3));
}
if (process.env.MISSES) {
  samples.forEach((s, i) => {
    if (s.kind !== process.env.MISSES) return;
    const p = outOfFold[i] ?? [];
    const m = Math.max(...p);
    const top = p.indexOf(m);
    if (top !== s.right) console.log(`${s.text} → ${s.ids[top]} ${m.toFixed(2)} (want ${s.ids[s.right] ?? "?"} ${(p[s.right] ?? 0).toFixed(2)})`);
  });
}
