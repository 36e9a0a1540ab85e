import type { RequestListener } from "node:http";
import type { Logger } from "../logger.js";

/** How far a request's timestamp may be from now, either way, as Slack's signing docs say. */
const maxClockSkewSeconds = 5 * 60;

/**
 * In front of Bolt's HTTP receiver: a request to `path` whose X-Slack-Request-Timestamp is more
 * than 5 minutes from now gets 401. Bolt 5.1.0 refuses only old timestamps, so a request signed
 * for later could be replayed until then. Everything else, the signature included, is Bolt's.
 */
export function refuseSkewedTimestamps(
  handle: RequestListener,
  options: { path: string; logger: Logger; now?: () => number },
): RequestListener {
  const { path, logger, now = Date.now } = options;
  return (req, res) => {
    const header = req.headers["x-slack-request-timestamp"];
    if (req.method === "POST" && typeof header === "string" && isPath(req.url, path)) {
      const skew = Math.abs(now() / 1000 - Number(header));
      if (skew > maxClockSkewSeconds) {
        logger.warn("request refused: its timestamp is more than 5 minutes from now");
        req.resume();
        res.writeHead(401).end();
        return;
      }
    }
    handle(req, res);
  };
}

const pathOf = (url: string | undefined) => new URL(url ?? "/", "http://localhost").pathname;

/**
 * Whether a request's URL has `path` (already in its parsed form) as its path, as `pathOf` reads
 * it. The URL Slack sends is the path as configured, maybe with a query: those are told at once,
 * without parsing a URL on every request.
 */
export function isPath(url: string | undefined, path: string): boolean {
  if (url === path || (url?.startsWith(path) && url[path.length] === "?")) return true;
  return pathOf(url) === path;
}
