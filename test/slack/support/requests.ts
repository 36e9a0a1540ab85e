import { createHmac } from "node:crypto";

export const signingSecret = "8f742231b10e8888abcd99yyyzzz85a5";

/** Slack's request signature: v0= + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  /** Seconds since the epoch; now unless a test wants a stale one. */
  timestamp?: number;
  /** Replaces the correct signature. */
  signature?: string;
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  body: string;
}

/** Posts a body to the app exactly as Slack does: raw body, timestamp and signature headers. */
export async function send(
  appUrl: string,
  body: string,
  contentType: "application/json" | "application/x-www-form-urlencoded",
  options: SendOptions = {},
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? sign(signingSecret, timestamp, body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = "http_timeout";
  }
  const response = await fetch(`${appUrl}/slack/events`, { method: "POST", headers, body });
  return { status: response.status, body: await response.text() };
}

/** An Events API request (event_callback or url_verification): JSON. */
export const sendEvent = (appUrl: string, envelope: object, options?: SendOptions) =>
  send(appUrl, JSON.stringify(envelope), "application/json", options);

/** A slash command: form fields. */
export const sendCommand = (
  appUrl: string,
  fields: Record<string, string>,
  options?: SendOptions,
) =>
  send(
    appUrl,
    new URLSearchParams(fields).toString(),
    "application/x-www-form-urlencoded",
    options,
  );

/** Interactivity (block_actions, view_submission): one form field `payload` holding JSON. */
export const sendInteraction = (appUrl: string, payload: object, options?: SendOptions) =>
  send(
    appUrl,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    "application/x-www-form-urlencoded",
    options,
  );
