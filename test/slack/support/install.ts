import { expect } from "vitest";
import type { OAuthClient, WebApiStandIn, Workspace } from "./web-api.js";

/** Slack's consent page sends the browser back here with the code and the state it was given. */
export interface InstallOutcome {
  status: number;
  body: string;
}

/**
 * Installs the app in `workspace` as a browser would: GET /slack/install (which redirects to
 * Slack's consent page with a state, also set as a cookie), then, as if "Allow" was clicked, GET
 * /slack/oauth_redirect with the code Slack grants and that state, carrying the cookie.
 */
export async function install(
  appUrl: string,
  webApi: WebApiStandIn,
  workspace: Workspace,
  client: OAuthClient,
): Promise<InstallOutcome> {
  const start = await fetch(`${appUrl}/slack/install`, { redirect: "manual" });
  expect(start.status).toBe(302);
  const consent = new URL(start.headers.get("location") ?? "");
  expect(`${consent.origin}${consent.pathname}`).toBe("https://slack.com/oauth/v2/authorize");
  expect(consent.searchParams.get("client_id")).toBe(client.clientId);
  const state = consent.searchParams.get("state") ?? "";
  const cookie = start.headers
    .getSetCookie()
    .find((line) => line.startsWith("slack-app-oauth-state="));
  expect(cookie?.split(";")[0]).toBe(`slack-app-oauth-state=${state}`);

  const code = webApi.grantInstall(workspace, client);
  const back = new URL(`${appUrl}/slack/oauth_redirect`);
  back.searchParams.set("code", code);
  back.searchParams.set("state", state);
  const response = await fetch(back, {
    headers: { cookie: `slack-app-oauth-state=${state}` },
    redirect: "manual",
  });
  return { status: response.status, body: await response.text() };
}
