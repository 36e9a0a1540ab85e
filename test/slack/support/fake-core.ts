import { loadEngine } from "../../../src/core/engine.js";
import type { Reply } from "../../../src/core/reply.js";
import type { ConversationCore } from "../../../src/core/types.js";
import { checkFields, checkText, creditCheckUsage, loadRules } from "../../../src/rules/index.js";

/**
 * A stand-in for the conversation core with the real knowledge base and rules but no stored state,
 * for testing the Slack adapter before (or independently of) the real core.
 */
export async function fakeCore(knowledgeDir = "knowledge"): Promise<ConversationCore> {
  const [engine, rules] = await Promise.all([
    loadEngine(knowledgeDir, 0.5),
    loadRules(knowledgeDir),
  ]);
  const forgotten: Reply = {
    kind: "notice",
    event: "forgotten",
    text: "Done: I have deleted everything I stored about you.",
  };
  return {
    async handle(_speaker, text, context) {
      if (/forget me/i.test(text)) return forgotten;
      if (/^credit check$/i.test(text) && context.surface === "dm") {
        return {
          kind: "check_prompt",
          key: "advertiser",
          text: "Does the client buy from TikTok **directly**, or through an agency?",
          options: [
            { value: "direct", label: "Directly" },
            { value: "agency", label: "Through an agency" },
          ],
        };
      }
      if (/^(direct|agency)$/i.test(text)) {
        return {
          kind: "check_prompt",
          key: "months",
          text: "How many months has the ad account been active?",
          options: [],
        };
      }
      return engine.answers.reply(text);
    },
    async answerEntry(_speaker, entryId) {
      return (
        engine.answers.entry(entryId) ?? { kind: "notice", event: "error", text: "No such entry." }
      );
    },
    async creditCheck(_speaker, text) {
      const command = text.trim().toLowerCase();
      if (command === "forget") return forgotten;
      if (command === "help")
        return { kind: "notice", event: "check_help", text: creditCheckUsage };
      return { kind: "credit_check", result: checkText(text, rules) };
    },
    creditCheckFromFields: (_speaker, fields) => ({
      kind: "credit_check",
      result: checkFields(fields, rules),
    }),
    async recordFeedback(_speaker, _entryId, vote) {
      return vote === "up" ? "Thanks, glad that helped." : "Thanks for telling me.";
    },
    forget: async () => forgotten,
    popular: () => engine.answers.popular(),
  };
}
