import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the app made to the stand-in, with JSON-encoded form fields decoded. */
export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  authorization?: string;
  /** The token the call was made with (the Bearer header, or a `token` field), if any. */
  token?: string;
  /** The HTTP status the stand-in answered. */
  status: number;
  /** What it answered, for a successful call (e.g. the ts of a posted message). */
  result?: Record<string, unknown>;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export type Failure = { status: 429; retryAfter: number } | { status: 500 } | { error: string };

/** A workspace that can install the app: what Slack knows of it and hands out for its code. */
export interface Workspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  botId: string;
  /** Who clicks "Allow" on Slack's consent page. */
  installerUserId: string;
}

/** The app's credentials oauth.v2.access checks, as Slack does. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

/** A local stand-in of Slack's Web API and of response_url endpoints, recording every call. */
export interface WebApiStandIn {
  /** Base URL for SLACK_API_URL, ending in /api/. */
  url: string;
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  calls: RecordedCall[];
  responses: ResponseUrlPost[];
  /** The next `times` calls to `method` fail this way. */
  failNext(method: string, failure: Failure, times?: number): void;
  /** The next call to `method` is answered only when the returned function is called. */
  holdNext(method: string): () => void;
  /** Every call to `method` from now on is answered only when the returned function is called. */
  holdEvery(method: string): () => void;
  /** Answers `method` with this instead of the built-in answer. */
  answerWith(method: string, answer: () => Record<string, unknown>): void;
  /**
   * Lets `workspace` install the app: the returned code is what Slack's consent page would put in
   * the redirect, and oauth.v2.access exchanges it (once, for this client) for the workspace's
   * bot token. auth.test with that token names the workspace and its bot.
   */
  grantInstall(workspace: Workspace, client: OAuthClient): string;
  /** Calls received but not answered yet (held); one whose caller has gone when it is released is dropped. */
  held: string[];
  callsTo(method: string): RecordedCall[];
  close(): Promise<void>;
}

export const botUserId = "U0BOT";
export const botId = "B0BOT";
export const teamId = "T0AGENCY";

const jsonFields = new Set(["blocks", "metadata", "view", "attachments"]);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function decodeForm(body: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    params[key] = jsonFields.has(key) ? JSON.parse(value) : value;
  }
  return params;
}

export async function startWebApi(): Promise<WebApiStandIn> {
  const calls: RecordedCall[] = [];
  const responses: ResponseUrlPost[] = [];
  const failures = new Map<string, Failure[]>();
  const holds = new Map<string, Promise<void>>();
  const slowMethods = new Map<string, Promise<void>>();
  const held: string[] = [];
  const overrides = new Map<string, () => Record<string, unknown>>();
  const grants = new Map<string, { workspace: Workspace; client: OAuthClient }>();
  const workspacesByToken = new Map<string, Workspace>();
  let ts = 1_760_000_000;
  const nextTs = () => {
    ts += 1;
    return `${ts}.000100`;
  };

  /** oauth.v2.access as Slack answers it for a bot-only install (no user scopes asked). */
  const exchange = (params: Record<string, unknown>): Record<string, unknown> => {
    const grant = grants.get(String(params.code ?? ""));
    if (!grant) return { ok: false, error: "invalid_code" };
    if (params.client_id !== grant.client.clientId)
      return { ok: false, error: "invalid_client_id" };
    if (params.client_secret !== grant.client.clientSecret) {
      return { ok: false, error: "bad_client_secret" };
    }
    grants.delete(String(params.code));
    const { workspace } = grant;
    workspacesByToken.set(workspace.botToken, workspace);
    return {
      ok: true,
      access_token: workspace.botToken,
      token_type: "bot",
      scope: "app_mentions:read,chat:write,commands,im:history,im:read,im:write",
      bot_user_id: workspace.botUserId,
      app_id: "A0CREDITDESK",
      team: { name: workspace.teamName, id: workspace.teamId },
      enterprise: null,
      authed_user: { id: workspace.installerUserId },
      is_enterprise_install: false,
    };
  };

  const answer = (
    method: string,
    params: Record<string, unknown>,
    token: string | undefined,
  ): Record<string, unknown> => {
    const channel = String(params.channel ?? "");
    const installed = token === undefined ? undefined : workspacesByToken.get(token);
    switch (method) {
      case "oauth.v2.access":
        return exchange(params);
      case "auth.test":
        if (installed) {
          return {
            ok: true,
            url: `https://${installed.teamName.toLowerCase().replace(/\W+/g, "-")}.slack.com/`,
            team: installed.teamName,
            user: "credit_desk",
            team_id: installed.teamId,
            user_id: installed.botUserId,
            bot_id: installed.botId,
            is_enterprise_install: false,
          };
        }
        return {
          ok: true,
          url: "https://agency.slack.com/",
          team: "Agency",
          user: "credit_desk",
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        // Posting to a user id (U…, or W… in Enterprise Grid) lands in the app's DM with them.
        const posted = /^[UW]/.test(channel) ? `D${channel.slice(1)}` : channel;
        const messageTs = nextTs();
        return {
          ok: true,
          channel: posted,
          ts: messageTs,
          message: {
            type: "message",
            text: params.text,
            bot_id: installed?.botId ?? botId,
            ts: messageTs,
          },
        };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: nextTs() };
      case "chat.update":
        return { ok: true, channel, ts: params.ts, text: params.text };
      case "views.open":
      case "views.publish":
        return { ok: true, view: { id: `V${calls.length}` } };
      default:
        return { ok: true };
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = new URL(req.url ?? "/", "http://localhost").pathname;
      const response = /^\/response\/([\w-]+)$/.exec(path);
      if (response?.[1]) {
        responses.push({ id: response[1], body: JSON.parse(body) });
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const method = /^\/api\/([\w.]+)$/.exec(path)?.[1];
      if (!method) {
        res.writeHead(404).end();
        return;
      }
      const params = decodeForm(body);
      const hold = holds.get(method) ?? slowMethods.get(method);
      if (hold) {
        holds.delete(method);
        held.push(method);
        await hold;
        held.splice(held.indexOf(method), 1);
        // A held call stands for one still on its way to Slack: if its process died meanwhile,
        // Slack never got it.
        if (req.socket.destroyed) return;
      }
      const failure = failures.get(method)?.shift();
      const authorization = req.headers.authorization;
      const token = authorization?.startsWith("Bearer ")
        ? authorization.slice("Bearer ".length)
        : typeof params.token === "string"
          ? params.token
          : undefined;
      const record = (status: number, result?: Record<string, unknown>) =>
        calls.push({ method, params, authorization, token, status, result });
      if (failure && "status" in failure && failure.status === 429) {
        record(429);
        res.writeHead(429, { "retry-after": String(failure.retryAfter) });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
      } else if (failure && "status" in failure) {
        record(failure.status);
        res.writeHead(failure.status).end("upstream error");
      } else if (failure && "error" in failure) {
        record(200);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: failure.error }));
      } else {
        const result = overrides.get(method)?.() ?? answer(method, params, token);
        record(200, result);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(result));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    url: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    failNext(method, failure, times = 1) {
      failures.set(method, [...(failures.get(method) ?? []), ...Array(times).fill(failure)]);
    },
    holdNext(method) {
      let release = () => {};
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    holdEvery(method) {
      let release = () => {};
      slowMethods.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        slowMethods.delete(method);
        release();
      };
    },
    answerWith: (method, answer) => overrides.set(method, answer),
    grantInstall(workspace, client) {
      const code = `${workspace.teamId.toLowerCase()}.${grants.size + 1}.${Date.now().toString(36)}`;
      grants.set(code, { workspace, client });
      return code;
    },
    held,
    callsTo: (method) => calls.filter((call) => call.method === method),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Polls until `find` returns something, or fails after `timeoutMs` naming what it waited for.
 * Replies happen after the ack, so tests wait for their effect instead of sleeping.
 */
export async function waitFor<T>(
  what: string,
  find: () => T | undefined | false,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type Metadata = { event_type: string; event_payload: Record<string, unknown> };
export const metadataOf = (call: RecordedCall) => call.params.metadata as Metadata;

/**
 * The chat.postMessage the stand-in accepted in this channel, in this thread (top level when
 * threadTs is undefined), among the calls after the first `from`.
 */
export function postedIn(
  webApi: WebApiStandIn,
  channel: string,
  threadTs: string | undefined,
  from = 0,
): Promise<RecordedCall> {
  return waitFor(`a reply in ${channel} thread ${threadTs ?? "(none)"}`, () =>
    webApi.calls
      .slice(from)
      .find(
        (call) =>
          call.method === "chat.postMessage" &&
          call.status === 200 &&
          call.params.channel === channel &&
          call.params.thread_ts === threadTs,
      ),
  );
}
