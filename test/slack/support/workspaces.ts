import { expect } from "vitest";
import { workspaceDirectMessage, workspaceEnvelope } from "./payloads.js";
import { sendEvent } from "./requests.js";
import { postedIn, type RecordedCall, type WebApiStandIn, type Workspace } from "./web-api.js";

/** Two workspaces that install the app, and one person in each with their DM channel. */
export const north: Workspace = {
  teamId: "T0NORTH",
  teamName: "North Agency",
  botToken: "xoxb-2760100000-3760100001-NorthAgencyBotTokenAbc",
  botUserId: "U0NORTHBOT",
  botId: "B0NORTHBOT",
  installerUserId: "U0NORA",
};
export const south: Workspace = {
  teamId: "T0SOUTH",
  teamName: "South Media",
  botToken: "xoxb-4760100000-5760100001-SouthMediaBotTokenXyz",
  botUserId: "U0SOUTHBOT",
  botId: "B0SOUTHBOT",
  installerUserId: "U0SAM",
};
export const personIn = (workspace: Workspace) =>
  workspace === north ? { user: "U0NORA", channel: "D0NORA" } : { user: "U0SAM", channel: "D0SAM" };

/** A signed DM from the workspace's person to the app at `appUrl`, and the reply it got. */
export async function dmFrom(
  appUrl: string,
  webApi: WebApiStandIn,
  workspace: Workspace,
  text: string,
): Promise<RecordedCall> {
  const person = personIn(workspace);
  const from = webApi.calls.length;
  const response = await sendEvent(
    appUrl,
    workspaceEnvelope(workspace, workspaceDirectMessage(text, person)),
  );
  expect(response.status).toBe(200);
  return postedIn(webApi, person.channel, undefined, from);
}
