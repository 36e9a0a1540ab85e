import { describe, expect, it } from "vitest";
import { isPath } from "../../src/slack/request-time.js";

const endpoint = "/slack/events";

describe("telling a request to Slack's endpoint", () => {
  it("takes the path as configured, with or without a query", () => {
    expect(isPath("/slack/events", endpoint)).toBe(true);
    expect(isPath("/slack/events?ssl_check=1", endpoint)).toBe(true);
  });

  it("reads any other spelling as a URL parser does", () => {
    expect(isPath("/slack/x/../events", endpoint)).toBe(true);
    expect(isPath("/slack/events#top", endpoint)).toBe(true);
  });

  it("does not take a path that only starts like the endpoint, or another path", () => {
    expect(isPath("/slack/events-old", endpoint)).toBe(false);
    expect(isPath("/slack/events/", endpoint)).toBe(false);
    expect(isPath("/health", endpoint)).toBe(false);
    expect(isPath(undefined, endpoint)).toBe(false);
  });
});
