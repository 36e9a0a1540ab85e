import { makeCore } from "./core.js";
import { spyCore } from "./cores.js";
import { startApp, tempDir } from "./harness.js";
import { startWebApi } from "./web-api.js";

/**
 * The app in HTTP mode on a fresh DATA_DIR, against its own Web API stand-in, on the real core
 * with every call to it recorded: what an end-to-end test file starts with (and hands to
 * `tearDown` when done).
 */
export async function startSpiedApp(dirPrefix: string) {
  const webApi = await startWebApi();
  const dir = await tempDir(dirPrefix);
  const spy = spyCore(await makeCore(dir.path));
  const app = await startApp({ webApi, dataDir: dir.path, core: spy.core });
  return { webApi, dir, spy, app };
}
