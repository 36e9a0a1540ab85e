// Scores the sealed set: prints the four figures only, never which questions missed.
// Run: npx tsx test/eval/sealed/score.ts
import { loadEngine } from "../../../src/core/engine.js";
import { signature } from "../../../src/knowledge/matcher.js";
import { loadRules } from "../../../src/rules/index.js";
import { answeredBy, readEvalSet, tuningSets } from "../../support/eval-set.js";
import { readReplies, replyFigures } from "../../support/guided-replies.js";
import { afterOpeners, readOpeners } from "../../support/openers.js";
import {
  devFollowUpWriters,
  devWriters,
  figures,
  fittedWriters,
  freshWriters,
  sealedFigures,
} from "../../support/quality.js";
import { readSealedInScope } from "../../support/sealed-set.js";

const { answers, kb, matcher } = await loadEngine("knowledge");
// The tuning questions after the held-out openers ("hi! I'm a media buyer at …, "), in turn.
const tuning = (names: readonly string[]) => names.flatMap((name) => readEvalSet(name));
const {
  followUps: _none,
  followUpQuestions: _noFollowUps,
  ...afterHeldOutOpeners
} = figures(
  afterOpeners(answers, [
    ...readOpeners("sealed/openers-o2.yml"),
    ...readOpeners("sealed/openers-o3.yml"),
  ]),
  {
    inScope: tuning(tuningSets.inScope).map((item) => ({ q: item.q, right: answeredBy(item) })),
    offTopic: tuning(tuningSets.offTopic).map((item) => item.q),
    followUps: [],
  },
);
const guidedReplies = replyFigures(
  readReplies("sealed/guided-replies-g2.yml"),
  await loadRules("knowledge"),
);
// Independent writers ask short questions the same way: how many sealed questions read, word
// for word after folding, like a curated phrasing (a count only, never which).
const folded = (text: string) => signature(matcher.analyzer.terms(text));
const curated = new Set(kb.entries.flatMap((e) => [e.question, ...e.alternates]).map(folded));
const asCurated = (writers: readonly string[]) => {
  const questions = readSealedInScope(writers);
  const same = questions.filter((item) => curated.has(folded(item.q))).length;
  return `${same} of ${questions.length}`;
};
console.log(
  JSON.stringify(
    {
      [`fresh (${freshWriters.join(", ")})`]: {
        ...sealedFigures(answers, freshWriters),
        wordedAsACuratedPhrasing: asCurated(freshWriters),
      },
      ...Object.fromEntries(
        devWriters.map((writer) => [
          `development (${writer})`,
          { ...sealedFigures(answers, [writer]), wordedAsACuratedPhrasing: asCurated([writer]) },
        ]),
      ),
      ...Object.fromEntries(
        devFollowUpWriters.map((writer) => {
          const { followUps, followUpQuestions } = sealedFigures(answers, [writer]);
          return [`development follow-ups (${writer})`, { followUps, followUpQuestions }];
        }),
      ),
      [`fitted on (${fittedWriters.join(", ")})`]: {
        ...sealedFigures(answers, fittedWriters),
        wordedAsACuratedPhrasing: asCurated(fittedWriters),
      },
      "tuning questions after openers (held out, o2 and o3)": afterHeldOutOpeners,
      "replies to the guided check (held out, g2)": guidedReplies,
    },
    null,
    2,
  ),
);
