import { join } from "node:path";
import { loadConfig } from "../../../src/config.js";
import { createReloader } from "../../../src/curation/reload.js";
import { createLogger } from "../../../src/logger.js";
import { createSlackCuration } from "../../../src/slack/curation.js";
import { copySmallKnowledge } from "../../support/small-knowledge.js";
import { makeCuratedCore } from "./core.js";
import { type RunningApp, startApp, tempDir } from "./harness.js";
import { startWebApi } from "./web-api.js";

/**
 * The app in HTTP mode with the curators' side on, as `npm start` wires it, on a copy of the
 * knowledge base it may edit (with fewer phrasings, so a save checks in seconds) and a fresh
 * DATA_DIR, against its own Web API stand-in.
 */
export async function startCuratedApp(
  prefix: string,
  env: Record<string, string>,
  /** Edits the knowledge base copy before the app loads it. */
  prepare?: (knowledgeDir: string) => Promise<void>,
) {
  const webApi = await startWebApi();
  const dir = await tempDir(prefix);
  const knowledgeDir = join(dir.path, "knowledge");
  const dataDir = join(dir.path, "data");
  await copySmallKnowledge(knowledgeDir);
  await prepare?.(knowledgeDir);
  const settings = { ...env, KNOWLEDGE_DIR: knowledgeDir };
  const curated = await makeCuratedCore(dataDir, settings);
  const config = loadConfig({ ...settings, DATA_DIR: dataDir });
  const reloadLogs: string[] = [];
  const reloader = createReloader({
    config,
    knowledge: curated.knowledge,
    logger: createLogger({ level: "debug", write: (line) => reloadLogs.push(line) }),
    watch: true,
    debounceMs: 50,
  });
  const curation = createSlackCuration({
    config,
    knowledge: curated.knowledge,
    reloader,
    curation: curated.curation,
  });
  const app: RunningApp = await startApp({ webApi, dataDir, core: curated.core, curation });
  return {
    webApi,
    dir,
    app,
    knowledgeDir,
    dataDir,
    reloader,
    reloadLogs,
    ...curated,
    env: { ...settings, DATA_DIR: dataDir },
  };
}
