import type { IncomingHttpHeaders, RequestListener, ServerResponse } from "node:http";
import {
  type BufferedIncomingMessage,
  defaultBodyLimit,
  HTTPModuleFunctions,
  isRawBodyError,
  isValidSlackRequest,
} from "@slack/bolt";
import type { Logger } from "../logger.js";
import { errorFields } from "./errors.js";
import { isPath } from "./request-time.js";

export interface RequestBodyOptions {
  path: string;
  signingSecret: string;
  logger: Logger;
}

/** Parsed as Bolt will parse it; undefined when it cannot be read at all. */
function parsed(request: BufferedIncomingMessage): unknown {
  try {
    return HTTPModuleFunctions.parseHTTPRequestBody(request);
  } catch {
    return undefined;
  }
}

/** A form key that is, or may decode to, `payload`, the one form field Bolt parses as JSON. */
const payloadKey = /(?:^|&)[^=&]*(?:payload|%)/;

/**
 * Whether Bolt will read the body as a JSON object. Form fields without a `payload` field (a
 * slash command's) always read as one, so only those with one, and JSON bodies, are parsed here:
 * Bolt parses every body twice itself, and a `/credit-check` is answered within the ack.
 */
function isJsonObject(request: BufferedIncomingMessage): boolean {
  const form = request.headers["content-type"] === "application/x-www-form-urlencoded";
  if (form && !payloadKey.test(request.rawBody.toString("latin1"))) return true;
  return isObject(parsed(request));
}

const isObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return typeof value === "string" ? value : "";
};

function answer(res: ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status);
  res.end();
}

/**
 * In front of Bolt's HTTP receiver, for requests to `path`: reads the body (within Bolt's size
 * limit) and hands it on only when it is what Slack sends, a JSON object (as JSON, as the form
 * field `payload`, or form fields). A correctly signed body that is anything else (`null`, a
 * number, text that is not JSON) gets 400 and a log line quoting none of it: Bolt 5.1.0 reads
 * `ssl_check` of whatever it parsed, outside any try, so `null` would end the process, and it logs
 * the parser's message, which quotes the start of the body. A body not correctly signed goes on
 * to Bolt, which answers 401. Whatever fails unexpectedly is a logged 500 for that request alone.
 */
export function refuseOddBodies(
  handle: RequestListener,
  options: RequestBodyOptions,
): RequestListener {
  const { path, signingSecret, logger } = options;
  const check = async (...[req, res]: Parameters<RequestListener>) => {
    let request: BufferedIncomingMessage;
    try {
      request = await HTTPModuleFunctions.bufferIncomingMessage(req, defaultBodyLimit);
    } catch (error) {
      const tooLarge = isRawBodyError(error) && error.type === "entity.too.large";
      logger.warn(
        tooLarge ? "request refused: the body is over the size limit" : "request body unreadable",
      );
      answer(res, tooLarge ? 413 : 400);
      return;
    }
    if (isJsonObject(request)) {
      handle(req, res);
      return;
    }
    const signed = isValidSlackRequest({
      signingSecret,
      body: request.rawBody.toString(),
      headers: {
        "x-slack-signature": header(req.headers, "x-slack-signature"),
        "x-slack-request-timestamp": Number(header(req.headers, "x-slack-request-timestamp")),
      },
    });
    if (!signed) {
      handle(req, res);
      return;
    }
    logger.warn("request refused: the body is not a JSON object", {
      content_type: header(req.headers, "content-type").slice(0, 60),
    });
    answer(res, 400);
  };
  return (req, res) => {
    if (req.method !== "POST" || !isPath(req.url, path)) {
      handle(req, res);
      return;
    }
    check(req, res).catch((error: unknown) => {
      logger.error("request failed", errorFields(error));
      answer(res, 500);
    });
  };
}
