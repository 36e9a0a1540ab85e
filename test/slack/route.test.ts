import { describe, expect, it } from "vitest";
import type { SlackDeps } from "../../src/slack/deliver.js";
import { actionIds, actionPatterns, callbackIds } from "../../src/slack/ids.js";
import { buttonRoute } from "../../src/slack/listeners/actions/index.js";
import { commandRoute } from "../../src/slack/listeners/commands/index.js";
import type { EventArgs } from "../../src/slack/listeners/events/event-args.js";
import { eventRoute } from "../../src/slack/listeners/events/index.js";
import { exactly, type Route, routeById } from "../../src/slack/listeners/route.js";
import { shortcutRoute } from "../../src/slack/listeners/shortcuts/index.js";
import { formRoute } from "../../src/slack/listeners/views/index.js";
import type { ReplyLane } from "../../src/slack/reply-queue.js";
import { appHomeOpened, envelope, mention } from "./support/payloads.js";

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

describe("one route for a folder's listeners", () => {
  it("hands each click to the listener whose action ids it carries", async () => {
    const { handled, routed } = recordingRoutes();
    await routed.listener(click(actionIds.feedbackDown));
    await routed.listener(click(`${actionIds.checkWhy}:3`));
    await routed.listener(click(actionIds.checkShare));
    expect(handled).toEqual(["feedback feedback:down", "why check_why:3", "share check_share"]);
  });

  it("matches exactly the ids one of its listeners handles", () => {
    const { routed } = recordingRoutes();
    for (const id of ["feedback:up", "check_why:0", "check_share"]) {
      expect(routed.ids.test(id), id).toBe(true);
    }
    // Unhandled as before: no route takes it, so it goes on to Bolt, where no listener reads it.
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

/** The ids each folder routes: its events, commands, buttons, forms and shortcuts. */
function routed(withInstallations: boolean) {
  // The factories only keep deps for later; building the routes reads nothing from it.
  const deps = (withInstallations ? { installations: {} } : {}) as SlackDeps;
  return {
    commands: commandRoute(deps).ids,
    buttons: buttonRoute(deps).ids,
    forms: formRoute(deps).ids,
    shortcuts: shortcutRoute(deps).ids,
    events: eventRoute(deps).ids,
  };
}

describe("what each folder routes", () => {
  it("one route per kind, matching every button, form, shortcut and event the app handles", () => {
    const { commands, buttons, forms, shortcuts, events } = routed(false);
    expect(commands.test("/credit-check")).toBe(true);
    for (const name of ["/credit-check-2", "/credit", "credit-check", "/other"]) {
      expect(commands.test(name), name).toBe(false);
    }
    const clicks = [
      `${actionIds.answerEntry}:0`,
      actionIds.feedbackUp,
      actionIds.feedbackDown,
      `${actionIds.checkOption}:2`,
      `${actionIds.checkWhy}:1`,
      actionIds.checkShare,
      `${actionIds.curatePhrasing}:0`,
      actionIds.curateDraft,
      actionIds.curateDismiss,
      actionIds.verifyStillCorrect,
      actionIds.verifyNeedsChange,
    ];
    for (const id of clicks) expect(buttons.test(id), id).toBe(true);
    for (const id of [
      callbackIds.creditCheckModal,
      callbackIds.entryDraftModal,
      callbackIds.entryEditModal,
    ]) {
      expect(forms.test(id), id).toBe(true);
    }
    expect(forms.test(callbackIds.saveAnswerDraft)).toBe(false);
    expect(shortcuts.test(callbackIds.saveAnswerDraft)).toBe(true);
    expect(shortcuts.test(callbackIds.entryDraftModal)).toBe(false);
    for (const type of ["app_mention", "message", "app_home_opened"]) {
      expect(events.test(type), type).toBe(true);
    }
    for (const type of ["app_uninstalled", "tokens_revoked", "message_changed", "reaction_added"]) {
      expect(events.test(type), type).toBe(false);
    }
  });

  it("listens for a workspace removing the app only when installed through OAuth", () => {
    const events = routed(true).events;
    expect(events.test("app_uninstalled")).toBe(true);
    expect(events.test("tokens_revoked")).toBe(true);
  });

  it("runs an event's listener in the reply lane of the place its reply goes, not at once", async () => {
    const lanes: ReplyLane[] = [];
    // A lane that only notes its name: the event's listener runs only if the lane runs it.
    const deps = {
      replies: {
        run: async (lane: ReplyLane) => {
          lanes.push(lane);
        },
      },
    } as unknown as SlackDeps;
    const events = eventRoute(deps);
    for (const body of [envelope(mention("what is a JBP?")), envelope(appHomeOpened())]) {
      await events.listener({ body, event: body.event } as unknown as EventArgs);
    }
    expect(lanes).toEqual(["chat.postMessage", "views.publish"]);
  });

  it("refuses a route pattern with flags, which joining the patterns would drop", () => {
    const listener = async () => {};
    expect(() => routeById([{ ids: /^a$/i, listener }], () => "A")).toThrow(/flags/);
  });
});
