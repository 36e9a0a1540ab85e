import type { ConversationCore } from "../../../src/core/types.js";
import { fakeCore } from "./fake-core.js";

/** The knowledge base the end-to-end tests answer from. */
export const knowledgeDir = "knowledge";

/** The core the end-to-end tests run the Slack app on, storing its state under dataDir. */
export async function makeCore(_dataDir: string): Promise<ConversationCore> {
  return fakeCore(knowledgeDir);
}
