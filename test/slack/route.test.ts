import { describe, expect, it } from "vitest";
import { actionIds, actionPatterns, callbackIds } from "../../src/slack/ids.js";
import { exactly, type Route, routeById } from "../../src/slack/listeners/route.js";

interface Click {
  action: { action_id: string };
}

function recordingRoutes() {
  const handled: string[] = [];
  const route = (name: string, ids: RegExp): Route<Click> => ({
    ids,
    listener: async (click) => {
      handled.push(`${name} ${click.action.action_id}`);
    },
  });
  const routes = [
    route("feedback", actionPatterns.feedback),
    route("why", actionPatterns.checkWhy),
    route("share", actionPatterns.checkShare),
  ];
  return { handled, routed: routeById(routes, (click) => click.action.action_id) };
}

const click = (actionId: string): Click => ({ action: { action_id: actionId } });

describe("one Bolt listener for a folder's listeners", () => {
  it("hands each click to the listener whose action ids it carries", async () => {
    const { handled, routed } = recordingRoutes();
    await routed.listener(click(actionIds.feedbackDown));
    await routed.listener(click(`${actionIds.checkWhy}:3`));
    await routed.listener(click(actionIds.checkShare));
    expect(handled).toEqual(["feedback feedback:down", "why check_why:3", "share check_share"]);
  });

  it("matches, for Bolt, exactly the ids one of its listeners handles", () => {
    const { routed } = recordingRoutes();
    for (const id of ["feedback:up", "check_why:0", "check_share"]) {
      expect(routed.ids.test(id), id).toBe(true);
    }
    // Unhandled as before: Bolt matches no listener, so nothing acks a click no listener reads.
    for (const id of ["feedback:sideways", "check_why", "check_share:1", "check_option:2", ""]) {
      expect(routed.ids.test(id), id).toBe(false);
    }
  });

  it("reads a callback id literally, so another form's id is not taken for it", () => {
    expect(exactly(callbackIds.entryDraftModal).test("entry_draft")).toBe(true);
    expect(exactly(callbackIds.entryDraftModal).test("entry_draft_2")).toBe(false);
    expect(exactly("a.b").test("axb")).toBe(false);
    expect(exactly("a.b").test("a.b")).toBe(true);
  });
});
