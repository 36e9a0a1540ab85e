import { asCurator, curatorHome } from "./curation.js";
import type { SlackDeps, WebClient } from "./deliver.js";
import { curatorBlocks } from "./render/curator-home.js";
import { homeView } from "./render/home.js";

/** Publishes the person's App Home: everyone's part, and the curators' section for curators. */
export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
  notice?: string,
): Promise<void> {
  const curation = asCurator(deps.curation, userId);
  const extra = curation ? curatorBlocks(await curatorHome(curation, deps.now(), notice)) : [];
  await client.views.publish({ user_id: userId, view: homeView(deps.core.popular(), extra) });
}
